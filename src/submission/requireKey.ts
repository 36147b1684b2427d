/** Every submission needs the API key; without one the user is offered to set it, and nothing is sent. */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { MissingKeyError } from '../giggle/errors';
import type { GiggleOperation } from '../giggle/errors';

export async function requireKey(ctx: GiggleContext): Promise<boolean> {
  if (await ctx.keys.get()) return true;
  void vscode.window
    .showWarningMessage(vscode.l10n.t('Set your Giggle API key first: generating videos needs one.'), vscode.l10n.t('Set API Key'))
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('giggle.setApiKey');
    });
  return false;
}

/** Throws MissingKeyError (after offering to set the key) when there is none. */
export async function ensureKey(ctx: GiggleContext, operation?: GiggleOperation): Promise<void> {
  if (await ctx.keys.get()) return;
  await requireKey(ctx);
  throw new MissingKeyError(operation);
}
