#!/usr/bin/env node
// Snapshot tests of the TextMate grammar over every spec of the repository.
//
//   node test/snapshots.js           compare with the checked-in snapshots (npm run test:grammar:snap)
//   node test/snapshots.js --update  rewrite them after a deliberate change (npm run snap:update)
//
// vscode-tmgrammar-snap keeps `X.vtd.snap` beside `X.vtd` and has no option for another
// folder, so the specs (../../specs/*.vtd, ../../specs/invalid/*.vtd) are copied into a
// scratch folder (.snap-work/, gitignored) together with their checked-in snapshots from
// test/snapshots/, the tool runs there, and --update copies the results back.
// In check mode a spec without a snapshot, or a snapshot without a spec, is a failure (the
// tool itself would silently write a new snapshot and pass).
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const extensionDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(extensionDir, '..', '..');
const specDirs = ['specs', path.join('specs', 'invalid')];
const snapshotRoot = path.join(extensionDir, 'test', 'snapshots');
const workRoot = path.join(extensionDir, '.snap-work');
const update = process.argv.includes('--update') || process.argv.includes('-u');

/** Repository-relative paths of the specs, e.g. specs/invalid/VTD0001.vtd. */
function listSpecs() {
  const specs = [];
  for (const dir of specDirs) {
    const full = path.join(repoRoot, dir);
    if (!fs.existsSync(full)) {
      continue;
    }
    for (const name of fs.readdirSync(full).sort()) {
      if (name.endsWith('.vtd') && fs.statSync(path.join(full, name)).isFile()) {
        specs.push(path.join(dir, name));
      }
    }
  }
  return specs;
}

/** Repository-relative spec paths that have a checked-in snapshot. */
function listSnapshots() {
  const found = [];
  for (const dir of specDirs) {
    const full = path.join(snapshotRoot, dir);
    if (!fs.existsSync(full)) {
      continue;
    }
    for (const name of fs.readdirSync(full).sort()) {
      if (name.endsWith('.vtd.snap')) {
        found.push(path.join(dir, name.slice(0, -'.snap'.length)));
      }
    }
  }
  return found;
}

const specs = listSpecs();
if (specs.length === 0) {
  console.error(`No specs found under ${specDirs.map((d) => path.join(repoRoot, d)).join(', ')}`);
  process.exit(1);
}
const snapshots = new Set(listSnapshots());
const missing = specs.filter((s) => !snapshots.has(s));
const orphans = [...snapshots].filter((s) => !specs.includes(s));

fs.rmSync(workRoot, { recursive: true, force: true });
const toRun = update ? specs : specs.filter((s) => snapshots.has(s));
for (const spec of toRun) {
  const target = path.join(workRoot, spec);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, spec), target);
  const snap = path.join(snapshotRoot, spec + '.snap');
  if (fs.existsSync(snap)) {
    fs.copyFileSync(snap, target + '.snap');
  }
}

const cli = path.join(
  path.dirname(require.resolve('vscode-tmgrammar-test/package.json')),
  'dist',
  'snapshot.js'
);
const args = [cli, '--config', path.join(extensionDir, 'package.json')];
if (update) {
  args.push('--updateSnapshot');
}
args.push(...toRun.map((spec) => path.relative(extensionDir, path.join(workRoot, spec))));
const run = spawnSync(process.execPath, args, { cwd: extensionDir, stdio: 'inherit' });
if (run.error) {
  throw run.error;
}
const toolFailed = run.status !== 0;

if (update) {
  if (!toolFailed) {
    for (const spec of specs) {
      const snap = path.join(snapshotRoot, spec + '.snap');
      fs.mkdirSync(path.dirname(snap), { recursive: true });
      fs.copyFileSync(path.join(workRoot, spec + '.snap'), snap);
    }
    for (const spec of orphans) {
      fs.rmSync(path.join(snapshotRoot, spec + '.snap'));
      console.log(`Removed the snapshot of a spec that no longer exists: ${spec}`);
    }
  }
} else {
  for (const spec of missing) {
    console.error(`MISSING snapshot for ${spec} (expected test/snapshots/${spec}.snap)`);
  }
  for (const spec of orphans) {
    console.error(`ORPHAN snapshot test/snapshots/${spec}.snap: ${spec} does not exist`);
  }
}
fs.rmSync(workRoot, { recursive: true, force: true });

const failed = toolFailed || (!update && (missing.length > 0 || orphans.length > 0));
const checked = toRun.length;
if (failed) {
  console.error(
    `Grammar snapshots: ${toolFailed ? 'the tokens differ from the checked-in snapshots (paths above are copies under .snap-work/)' : 'snapshots and specs do not match'}.` +
      (update ? '' : ' If the change is intended, run `npm run snap:update` in editors/vscode and commit test/snapshots/.')
  );
  process.exit(1);
}
console.log(
  update
    ? `Grammar snapshots: ${checked} written to test/snapshots/.`
    : `Grammar snapshots: ${checked} specs match their snapshots.`
);
