// Tests the client's start-up decisions without VS Code (see vscode-stub.js), under `node --test`.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, beforeEach, after } = require('node:test');

const stub = require('./vscode-stub.js');
const extension = require('../extension.js');

const tempDirs = [];
function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
function tempExecutable(name) {
  const dir = tempDir('vtd-client-test-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return { dir, file };
}
async function activateAndSettle() {
  extension.activate({ subscriptions: [] });
  await new Promise((resolve) => setImmediate(resolve));
}

beforeEach(() => stub.reset());
after(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

test('resolveExecutable finds a bare name on PATH', () => {
  const { dir, file } = tempExecutable('vtd-on-path');
  const savedPath = process.env.PATH;
  process.env.PATH = dir + path.delimiter + savedPath;
  try {
    assert.equal(extension.resolveExecutable('vtd-on-path'), file);
  } finally {
    process.env.PATH = savedPath;
  }
});

test('resolveExecutable takes a configured path as it is', () => {
  const { file } = tempExecutable('vtd');
  assert.equal(extension.resolveExecutable(file), file);
  assert.equal(extension.resolveExecutable(file + '-missing'), undefined);
});

test('resolveExecutable rejects a file that is not executable', { skip: process.platform === 'win32' }, () => {
  const { file } = tempExecutable('vtd');
  fs.chmodSync(file, 0o644);
  assert.equal(extension.resolveExecutable(file), undefined);
});

test('without the vtd tool, activation says how to install it', async () => {
  const savedPath = process.env.PATH;
  const savedHome = process.env.HOME;
  process.env.PATH = tempDir('vtd-empty-path-');
  process.env.HOME = process.env.PATH; // and no ~/.dotnet/tools/vtd
  try {
    stub.settings = { 'vtd.server.path': '', 'vtd.server.args': [] };
    await activateAndSettle();
    assert.deepEqual(stub.commands, ['vtd.restartServer']);
    assert.equal(stub.errors.length, 1);
    assert.match(stub.errors[0].message, /`vtd` tool was not found on PATH/);
    assert.match(stub.errors[0].message, /dotnet tool install --global VtdDsl\.Tool/);
    assert.match(stub.errors[0].message, /vtd\.server\.path/);
    assert.deepEqual(stub.errors[0].items, ['Open Settings']);
  } finally {
    process.env.PATH = savedPath;
    process.env.HOME = savedHome;
  }
});

test('a vtd.server.path that does not exist is named in the error', async () => {
  stub.settings = { 'vtd.server.path': '/nonexistent/vtd', 'vtd.server.args': [] };
  await activateAndSettle();
  assert.equal(stub.errors.length, 1);
  assert.match(stub.errors[0].message, /`\/nonexistent\/vtd` \(vtd\.server\.path\) was not found/);
  assert.match(stub.errors[0].message, /dotnet tool install --global VtdDsl\.Tool/);
});
