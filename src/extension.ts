import * as vscode from 'vscode';

/** Builds the extension's objects and registers them; no logic of its own. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Frame', { log: true });
  context.subscriptions.push(log, vscode.commands.registerCommand('frameAdmin.showLog', () => log.show()));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
