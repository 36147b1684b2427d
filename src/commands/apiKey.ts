/**
 * giggle.setApiKey / giggle.clearApiKey. The key is checked with a cheap
 * authenticated call before it is stored, goes only to SecretStorage, and is
 * never echoed back (not in notifications, logs, or errors).
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { isGiggleError } from '../giggle/errors';

export async function setApiKey(ctx: GiggleContext, arg?: unknown): Promise<boolean> {
  let key = typeof arg === 'string' ? arg.trim() : undefined;
  if (key === undefined) {
    key = (
      await vscode.window.showInputBox({
        title: 'Giggle API Key',
        prompt: 'Paste your API key from giggle.pro. It is stored in VS Code\'s secret storage, never in settings.',
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? (/\s/.test(value.trim()) ? 'An API key has no spaces.' : undefined) : 'The key cannot be empty.'),
      })
    )?.trim();
    if (!key) return false;
  }
  if (!key || /\s/.test(key)) {
    throw new Error('The API key must be a non-empty string without spaces.');
  }
  const verdict = await checkKey(ctx, key);
  if (verdict === 'rejected') {
    void vscode.window.showErrorMessage('Giggle rejected this API key (HTTP 401/403). Nothing was saved; check the key on giggle.pro.', 'Set API Key').then((choice) => {
      if (choice) void vscode.commands.executeCommand('giggle.setApiKey');
    });
    return false;
  }
  await ctx.keys.set(key);
  ctx.log.info(`API key saved (${verdict === 'ok' ? 'checked with Giggle' : 'not checked: Giggle could not be reached'})`);
  void vscode.window.showInformationMessage(
    verdict === 'ok' ? 'Giggle API key saved.' : 'Giggle API key saved, but it could not be checked because Giggle was not reachable. It will be used when Giggle answers.',
  );
  return true;
}

async function checkKey(ctx: GiggleContext, key: string): Promise<'ok' | 'rejected' | 'unchecked'> {
  try {
    await ctx.clientWithKey(key).checkKey();
    return 'ok';
  } catch (error) {
    if (isGiggleError(error) && error.kind === 'auth') return 'rejected';
    ctx.log.warn(`could not check the API key: ${(error as Error).message}`);
    return 'unchecked';
  }
}

export async function clearApiKey(ctx: GiggleContext): Promise<void> {
  await ctx.keys.clear();
  void vscode.window.showInformationMessage('Giggle API key removed. Following jobs is paused until a key is set again.');
}

/** Giggle's own scripts read GIGGLE_API_KEY: offer once to import it when no key is stored. */
export async function offerEnvironmentKey(ctx: GiggleContext): Promise<void> {
  if (await ctx.keys.get()) return;
  const fromEnv = ctx.keys.shouldOfferEnvImport();
  if (!fromEnv) return;
  await ctx.keys.markEnvImportOffered();
  const choice = await vscode.window.showInformationMessage(
    'A Giggle API key was found in the GIGGLE_API_KEY environment variable. Use it in VS Code?',
    'Use It',
    'Not Now',
  );
  if (choice === 'Use It') await setApiKey(ctx, fromEnv);
}
