// The VtdDsl extension's client: starts `vtd lsp` (the language server inside the `vtd`
// .NET tool) over stdio for documents of language `vtd`. Plain CommonJS, no build step.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

const INSTALL_HINT =
  'Install the tool with `dotnet tool install --global VtdDsl.Tool`, ' +
  'or set `vtd.server.path` to the `vtd` executable.';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.LogOutputChannel | undefined} */
let outputChannel;
/** @type {vscode.FileSystemWatcher | undefined} */
let vtdFileWatcher;

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds `command` the way the operating system would: a path (absolute, `~/...`, or with a
 * directory part) is taken as it is; a bare name is looked up on PATH (with PATHEXT on
 * Windows), then in ~/.dotnet/tools, where `dotnet tool install --global` puts it even when
 * VS Code was started without that folder on its PATH.
 * @returns {string | undefined} the executable's full path
 */
function resolveExecutable(command) {
  if (command.startsWith('~/') || command.startsWith('~\\')) {
    command = path.join(os.homedir(), command.slice(2));
  }
  const extensions =
    process.platform === 'win32'
      ? ['', ...(process.env.PATHEXT || '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)]
      : [''];
  const candidates = (base) => extensions.map((ext) => base + ext);

  if (path.isAbsolute(command) || command.includes('/') || command.includes('\\')) {
    const base = path.resolve(command);
    return candidates(base).find(isExecutableFile);
  }

  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  dirs.push(path.join(os.homedir(), '.dotnet', 'tools'));
  for (const dir of dirs) {
    const found = candidates(path.join(dir, command)).find(isExecutableFile);
    if (found) {
      return found;
    }
  }
  return undefined;
}

function showServerError(message) {
  const openSettings = 'Open Settings';
  vscode.window
    .showErrorMessage(message, openSettings)
    .then((choice) => {
      if (choice === openSettings) {
        vscode.commands.executeCommand('workbench.action.openSettings', 'vtd.server');
      }
    });
}

async function startClient() {
  const config = vscode.workspace.getConfiguration('vtd');
  const configuredPath = (config.get('server.path') || '').trim();
  const configuredArgs = config.get('server.args');
  const extraArgs = Array.isArray(configuredArgs) ? configuredArgs.map(String) : [];
  const command = configuredPath || 'vtd';

  const executable = resolveExecutable(command);
  if (!executable) {
    showServerError(
      configuredPath
        ? `VtdDsl: the language server executable \`${configuredPath}\` (vtd.server.path) was not found or is not executable. ${INSTALL_HINT}`
        : `VtdDsl: the \`vtd\` tool was not found on PATH, so .vtd files get highlighting but no diagnostics. ${INSTALL_HINT}`
    );
    return;
  }

  /** @type {import('vscode-languageclient/node').ServerOptions} */
  const serverOptions = {
    command: executable,
    args: ['lsp', ...extraArgs],
    transport: TransportKind.stdio,
  };

  /** @type {import('vscode-languageclient/node').LanguageClientOptions} */
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'vtd' },
      { scheme: 'untitled', language: 'vtd' },
    ],
    outputChannel,
    synchronize: {
      fileEvents: vtdFileWatcher,
    },
  };

  // The id `vtd` makes the client read the `vtd.trace.server` setting.
  client = new LanguageClient('vtd', 'VtdDsl Language Server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    showServerError(
      `VtdDsl: could not start \`${executable} lsp\`: ${detail}. ` +
        'Check that the installed VtdDsl.Tool has the `lsp` command, or set `vtd.server.path`.'
    );
    const failed = client;
    client = undefined;
    try {
      await failed.dispose();
    } catch {
      // already stopped
    }
  }
}

async function stopClient() {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.dispose();
    } catch {
      // a server that never started or already died has nothing to stop
    }
  }
}

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  outputChannel = vscode.window.createOutputChannel('VtdDsl Language Server', { log: true });
  vtdFileWatcher = vscode.workspace.createFileSystemWatcher('**/*.vtd');
  context.subscriptions.push(outputChannel, vtdFileWatcher);

  context.subscriptions.push(
    vscode.commands.registerCommand('vtd.restartServer', async () => {
      await stopClient();
      await startClient();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('vtd.server')) {
        await stopClient();
        await startClient();
      }
    })
  );

  // Not awaited: activation does not wait for the server's initialize handshake.
  startClient().catch((error) => outputChannel.error(String(error)));
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate, resolveExecutable };
