import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('giggle.generateVideo', () => vscode.window.showInformationMessage('Giggle: coming soon')),
  );
}

export function deactivate(): void {}
