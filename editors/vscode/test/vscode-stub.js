// A stand-in for the `vscode` module so that extension.js (and vscode-languageclient, which
// extends vscode's classes at load time) can be required under plain Node. It records the
// error messages and commands the extension registers; settings come from `stub.settings`.
'use strict';

const Module = require('node:module');

const stub = {
  settings: {},
  errors: [],
  commands: [],
  reset() {
    this.settings = {};
    this.errors = [];
    this.commands = [];
  },
};

function anyClass() {
  return class {};
}

const vscode = new Proxy(
  {
    window: {
      showErrorMessage: (message, ...items) => {
        stub.errors.push({ message, items });
        return Promise.resolve(undefined);
      },
      createOutputChannel: () => ({ dispose() {}, error() {}, info() {}, appendLine() {} }),
    },
    workspace: {
      getConfiguration: (section) => ({
        get: (key) => stub.settings[`${section}.${key}`],
      }),
      createFileSystemWatcher: () => ({ dispose() {} }),
      onDidChangeConfiguration: () => ({ dispose() {} }),
    },
    commands: {
      registerCommand: (id) => {
        stub.commands.push(id);
        return { dispose() {} };
      },
      executeCommand: () => Promise.resolve(),
    },
  },
  {
    // Anything else: a capitalised name is a class (CompletionItem, Range, ...), a lower-case
    // one a namespace whose members are classes.
    get(target, prop) {
      if (!(prop in target)) {
        target[prop] =
          typeof prop === 'string' && /^[A-Z]/.test(prop)
            ? anyClass()
            : new Proxy({}, { get: () => anyClass() });
      }
      return target[prop];
    },
  }
);

const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : originalLoad.call(this, request, ...rest);
};

module.exports = stub;
