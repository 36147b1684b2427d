/**
 * Registers commands under the `giggle.` prefix in one place, and turns any
 * error a command lets escape into a specific notification (with "Show Log")
 * instead of VS Code's generic "command failed".
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { showError } from '../platform/notifications';

export type CommandHandler = (ctx: GiggleContext, ...args: unknown[]) => unknown;

export function registerCommand(ctx: GiggleContext, name: string, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(`giggle.${name}`, async (...args: unknown[]) => {
    try {
      return await handler(ctx, ...args);
    } catch (error) {
      showError(ctx, error, `giggle.${name}`);
      // Scripted callers (other extensions, tests) get the failure too.
      if (args.length > 0) throw error;
      return undefined;
    }
  });
}
