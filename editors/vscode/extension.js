'use strict';

// The grantguard extension is a client only: it starts `grantguard lsp`
// and shows what it publishes. The server finds .grantguard.toml itself
// (the nearest one at or above each file).

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

// The files grantguard check reads: by language where VS Code (or a
// common extension) knows it, by name for the PostgreSQL server files and
// for files no installed extension gives a language.
const documentSelector = [
  'sql', 'yaml', 'json', 'jsonc', 'toml', 'terraform', 'dotenv',
].map((language) => ({ scheme: 'file', language })).concat([
  '**/pg_hba*.conf',
  '**/*.hba',
  '**/postgresql*.conf',
  '**/*.sql',
  '**/*.{yaml,yml,json,toml,tf}',
  '**/.env',
  '**/.env.*',
  '**/*.env',
].map((pattern) => ({ scheme: 'file', pattern })));

let client;

async function start() {
  const config = vscode.workspace.getConfiguration('grantguard');
  const command = config.get('path') || 'grantguard';
  client = new LanguageClient(
    'grantguard',
    'grantguard',
    { command, args: ['lsp'] },
    {
      documentSelector,
      initializationOptions: {
        debounceMs: config.get('debounceMs'),
        tests: config.get('tests'),
      },
    },
  );
  try {
    await client.start();
  } catch (err) {
    client = undefined;
    vscode.window.showErrorMessage(
      `grantguard: cannot start "${command} lsp" (${err.message}). ` +
        'Install grantguard or set grantguard.path to its binary.',
    );
  }
}

async function stop() {
  if (client) {
    const c = client;
    client = undefined;
    await c.stop();
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('grantguard')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
