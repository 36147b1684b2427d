/**
 * Turns errors into messages a person can act on: what failed, why, and what
 * to do, with a button for the obvious next step. Messages are redacted
 * (never the key, never a full signed URL).
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { isGiggleError } from '../giggle/errors';
import { redactSecrets } from '../giggle/redact';

export function describeError(error: unknown): { message: string; action?: 'setKey' | 'showLog' } {
  if (isGiggleError(error)) {
    switch (error.kind) {
      case 'missingKey':
        return { message: 'No Giggle API key is set. Set one to generate videos.', action: 'setKey' };
      case 'auth':
        return { message: `Giggle did not accept the API key (HTTP ${error.httpStatus ?? 401}). Set a valid key from giggle.pro.`, action: 'setKey' };
      case 'rateLimited':
        return { message: `${error.message} Giggle is limiting requests; wait a moment and try again.`, action: 'showLog' };
      case 'moderation':
        return { message: `Giggle's content checks rejected the prompt or image. Change it and try again. (${error.message})` };
      case 'invalidInput':
        return { message: error.message };
      default:
        return { message: error.message, action: 'showLog' };
    }
  }
  return { message: error instanceof Error ? error.message : String(error), action: 'showLog' };
}

/** Logs and shows the error; does not wait for the user's click (callers must not hang on a toast). */
export function showError(ctx: GiggleContext, error: unknown, where: string): void {
  const secrets = [ctx.keys.known()].filter((s): s is string => !!s);
  const { message, action } = describeError(error);
  const clean = redactSecrets(message, secrets);
  ctx.log.error(`${where}: ${clean}`);
  const buttons = action === 'setKey' ? ['Set API Key'] : ['Show Log'];
  void vscode.window.showErrorMessage(clean, ...buttons).then((choice) => {
    if (choice === 'Set API Key') void vscode.commands.executeCommand('giggle.setApiKey');
    else if (choice === 'Show Log') ctx.log.show();
  });
}
