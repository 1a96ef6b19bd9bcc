// Starts `kalc lsp` for .kal files and connects it to VS Code.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function createClient() {
  // Only the user's (or the remote machine's) setting names the program: a folder's
  // .vscode/settings.json must not choose what runs.
  const setting = vscode.workspace.getConfiguration("kalc").inspect("path");
  const command = (setting && setting.globalValue) || "kalc";
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "kalc" },
      { scheme: "untitled", language: "kalc" },
    ],
    // kalc pushes the diagnostics of every file of the project; pulling them as well
    // would show each one twice.
    initializationOptions: { pullDiagnostics: false },
  };
  return new LanguageClient("kalc", "kalc", serverOptions, clientOptions);
}

async function activate(context) {
  client = createClient();
  context.subscriptions.push(
    vscode.commands.registerCommand("kalc.restartServer", async () => {
      if (client) {
        await client.stop();
      }
      client = createClient();
      await client.start();
    })
  );
  await client.start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
