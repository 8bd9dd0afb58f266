// End-to-end: starts the real `vtd lsp` process and drives it over stdio with
// vscode-languageserver-protocol, the client library VS Code and other editors use.
// Run after the solution is built (`dotnet build` or `dotnet test`): `npm ci && npm test`.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  HoverRequest,
  DefinitionRequest,
  RenameRequest,
  PrepareRenameRequest,
  DocumentFormattingRequest,
  ShutdownRequest,
  ExitNotification,
} = require('vscode-languageserver-protocol/node');

const root = path.resolve(__dirname, '..', '..');

/** The built VtdDsl.Tool.dll (VTD_TOOL_DLL overrides): `dotnet <dll> lsp` is what `vtd lsp` runs. */
function toolDll() {
  if (process.env.VTD_TOOL_DLL) return process.env.VTD_TOOL_DLL;
  for (const configuration of ['debug', 'release']) {
    const candidate = path.join(root, 'artifacts', 'bin', 'VtdDsl.Tool', configuration, 'VtdDsl.Tool.dll');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('VtdDsl.Tool.dll is not built: run `dotnet build VtdDsl.sln` first (or set VTD_TOOL_DLL)');
}

/** Starts `vtd lsp` and connects a protocol client to its stdio. */
function startServer() {
  const server = spawn('dotnet', [toolDll(), 'lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let log = '';
  server.stderr.on('data', (chunk) => { log += chunk; });
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const diagnostics = [];
  const waiters = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    diagnostics.push(params);
    for (const waiter of waiters.splice(0)) waiter();
  });
  connection.listen();
  async function diagnosticsFor(uri, version) {
    for (;;) {
      const found = diagnostics.find((d) => d.uri === uri && d.version === version);
      if (found) return found;
      await new Promise((resolve) => waiters.push(resolve));
    }
  }
  return { server, connection, exited, diagnosticsFor, log: () => log };
}

/** Applies non-overlapping LSP edits to a text (positions in UTF-16 code units, as JavaScript strings count). */
function applyEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p) => Math.min(lineStarts[Math.min(p.line, lineStarts.length - 1)] + p.character, text.length);
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (const edit of sorted) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

function positionOf(text, needle, into = 0) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `'${needle}' not in the text`);
  const before = text.slice(0, at + into);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

test('vtd lsp: open, diagnostics, hover, definition, rename, formatting, shutdown and exit', { timeout: 120_000 }, async () => {
  const { connection, exited, diagnosticsFor, log } = startServer();
  try {
    const initialized = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {}, clientInfo: { name: 'lsp-e2e' },
    });
    const capabilities = initialized.capabilities;
    assert.equal(capabilities.positionEncoding, 'utf-16');
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.definitionProvider, true);
    assert.equal(capabilities.documentFormattingProvider, true);
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    await connection.sendNotification(InitializedNotification.type, {});

    // Diagnostics: the real invalid spec, opened from its real path.
    const specPath = path.join(root, 'specs', 'invalid', 'VTD3008.vtd');
    const text = fs.readFileSync(specPath, 'utf8');
    const uri = pathToFileURL(specPath).href;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'vtd', version: 1, text } });
    const published = await diagnosticsFor(uri, 1);
    assert.equal(published.diagnostics.length, 1);
    const [diagnostic] = published.diagnostics;
    assert.equal(diagnostic.code, 'VTD3008');
    assert.equal(diagnostic.source, 'vtd');
    assert.equal(diagnostic.severity, 2);
    assert.match(diagnostic.codeDescription.href, /diagnostics\.md#vtd3008$/);
    assert.equal(diagnostic.relatedInformation.length, 1);

    // Hover on a domain reference, and go to its declaration.
    const reference = positionOf(text, '-> vm2', 4);
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: reference });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*domain\*\* `vm2`/);
    assert.match(hover.contents.value, /devices: `nic_vf2`/);
    const definition = await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: reference });
    assert.equal(definition.length, 1);
    assert.deepEqual(definition[0].range.start, positionOf(text, 'domain vm2', 7));

    // Rename the domain everywhere.
    const prepared = await connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: reference });
    assert.equal(prepared.placeholder, 'vm2');
    const rename = await connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: reference, newName: 'guest2' });
    const renamed = applyEdits(text, rename.changes[uri]);
    assert.doesNotMatch(renamed.replace(/\/\/.*$/gm, ''), /\bvm2\b/);
    assert.match(renamed, /domain guest2 \{/);
    assert.match(renamed, /-> guest2;/);

    // Formatting: a badly laid out document comes back canonical.
    const messyUri = 'untitled:messy.vtd';
    const messy = 'policy   A.B;\ndomain vm{map 0x0 size 4KiB->0x1000 read;// ring\n}\n\n\n\ndevice d 00:01.0 -> vm ;\n';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: messyUri, languageId: 'vtd', version: 1, text: messy } });
    await diagnosticsFor(messyUri, 1);
    const edits = await connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: messyUri }, options: { tabSize: 4, insertSpaces: true } });
    assert.equal(applyEdits(messy, edits),
      'policy A.B;\ndomain vm {\n    map 0x0 size 4KiB -> 0x1000 read;  // ring\n}\n\ndevice d 00:01.0 -> vm;\n');

    // Shutdown, then exit: the process ends with exit code 0.
    assert.equal(await connection.sendRequest(ShutdownRequest.type), null);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0, log());
  } finally {
    connection.dispose();
  }
});
