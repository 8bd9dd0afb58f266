#!/usr/bin/env node
// Checks the packaged vtd-<version>.vsix: it holds what the extension needs at run time (the
// manifest, client, grammar, language configuration and vscode-languageclient with its
// dependencies) and nothing of the tests or the build tools, and the client loads from the
// unpacked vsix alone and reports a missing `vtd` tool (with vscode stubbed, see vscode-stub.js).
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const yauzl = require('yauzl');

const extensionDir = path.resolve(__dirname, '..');
const { version } = require('../package.json');
const vsix = path.join(extensionDir, `vtd-${version}.vsix`);

function readEntries(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err2, stream) => {
          if (err2) return reject(err2);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

async function main() {
  assert.ok(fs.existsSync(vsix), `${path.basename(vsix)} was not produced`);
  const entries = await readEntries(vsix);
  const names = [...entries.keys()];

  for (const required of [
    'extension.vsixmanifest',
    'extension/package.json',
    'extension/extension.js',
    'extension/language-configuration.json',
    'extension/syntaxes/vtd.tmLanguage.json',
    'extension/readme.md',
    'extension/LICENSE.txt',
    'extension/node_modules/vscode-languageclient/package.json',
    'extension/node_modules/vscode-languageclient/lib/node/main.js',
  ]) {
    assert.ok(entries.has(required), `the vsix lacks ${required}`);
  }
  const unwanted = names.filter((n) =>
    /^extension\/(test\/|ci\.sh$|\.snap-work\/|.*\.vsix$|package-lock\.json$)|node_modules\/(@vscode\/vsce|vscode-tmgrammar-test|vscode-textmate|yauzl)\//.test(n)
  );
  assert.deepEqual(unwanted, [], 'the vsix holds files it does not need');

  const manifest = JSON.parse(entries.get('extension/package.json'));
  assert.equal(manifest.name, 'vtd');
  assert.equal(manifest.publisher, 'vtddsl');

  // Unpack and load the client from the vsix alone.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vtd-vsix-'));
  try {
    for (const [name, data] of entries) {
      const target = path.join(root, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data);
    }
    const stub = require('./vscode-stub.js');
    const client = require(path.join(root, 'extension', 'extension.js'));
    const savedPath = process.env.PATH;
    const savedHome = process.env.HOME;
    process.env.PATH = root; // no `vtd` here, nor in root/.dotnet/tools
    process.env.HOME = root;
    try {
      stub.reset();
      stub.settings = { 'vtd.server.path': '', 'vtd.server.args': [] };
      client.activate({ subscriptions: [] });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.env.PATH = savedPath;
      process.env.HOME = savedHome;
    }
    assert.equal(stub.errors.length, 1, 'the packaged client did not report the missing tool');
    assert.match(stub.errors[0].message, /dotnet tool install --global VtdDsl\.Tool/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  console.log(`${path.basename(vsix)}: ${names.length} files, runtime dependencies present, client loads from it.`);
}

main().catch((error) => {
  console.error(`check-vsix: ${error.message}`);
  process.exit(1);
});
