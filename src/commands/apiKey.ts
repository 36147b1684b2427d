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
        title: vscode.l10n.t('Giggle API Key'),
        prompt: vscode.l10n.t('Paste your API key from giggle.pro. It is stored in VS Code\'s secret storage, never in settings.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? (/\s/.test(value.trim()) ? vscode.l10n.t('An API key has no spaces.') : undefined) : vscode.l10n.t('The key cannot be empty.')),
      })
    )?.trim();
    if (!key) return false;
  }
  if (!key || /\s/.test(key)) {
    throw new Error(vscode.l10n.t('The API key must be a non-empty string without spaces.'));
  }
  const { verdict, reason } = await checkKey(ctx, key);
  if (verdict === 'rejected') {
    void vscode.window.showErrorMessage(
      // Not "(HTTP 401)": a refusal may also come as HTTP 200 with a code or text saying the key is invalid.
      vscode.l10n.t('Giggle rejected this API key. Nothing was saved; check the key on giggle.pro.'),
      vscode.l10n.t('Set API Key'),
    ).then((choice) => {
      if (choice) void vscode.commands.executeCommand('giggle.setApiKey');
    });
    return false;
  }
  await ctx.keys.set(key);
  ctx.log.info(`API key saved (${verdict === 'ok' ? 'checked with Giggle' : reason === 'unreachable' ? 'not checked: Giggle could not be reached' : 'not checked: the reply did not prove the key was accepted'})`);
  void vscode.window.showInformationMessage(
    verdict === 'ok'
      ? vscode.l10n.t('Giggle API key saved.')
      : reason === 'unreachable'
        ? vscode.l10n.t('Giggle API key saved, but it could not be checked because Giggle was not reachable. It will be used when Giggle answers.')
        : vscode.l10n.t('Giggle API key saved, but not checked: Giggle\'s reply did not show whether it accepts the key. It will be used when Giggle answers.'),
  );
  return true;
}

/**
 * "ok" only when Giggle's reply proves it took the key (client.checkKey); a
 * 5xx, an odd code or a network failure leaves the key unchecked.
 */
async function checkKey(ctx: GiggleContext, key: string): Promise<{ verdict: 'ok' | 'rejected' | 'unchecked'; reason?: 'unreachable' | 'unclear' }> {
  try {
    await ctx.clientWithKey(key).checkKey();
    return { verdict: 'ok' };
  } catch (error) {
    if (isGiggleError(error) && error.kind === 'auth') return { verdict: 'rejected' };
    ctx.log.warn(`could not check the API key: ${(error as Error).message}`);
    return { verdict: 'unchecked', reason: isGiggleError(error) && error.kind === 'network' ? 'unreachable' : 'unclear' };
  }
}

export async function clearApiKey(ctx: GiggleContext): Promise<void> {
  await ctx.keys.clear();
  void vscode.window.showInformationMessage(vscode.l10n.t('Giggle API key removed. Following jobs is paused until a key is set again.'));
}

/** Giggle's own scripts read GIGGLE_API_KEY: offer once to import it when no key is stored. */
export async function offerEnvironmentKey(ctx: GiggleContext): Promise<void> {
  if (await ctx.keys.get()) return;
  const fromEnv = ctx.keys.shouldOfferEnvImport();
  if (!fromEnv) return;
  await ctx.keys.markEnvImportOffered();
  const useIt = vscode.l10n.t('Use It');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('A Giggle API key was found in the GIGGLE_API_KEY environment variable. Use it in VS Code?'),
    useIt,
    vscode.l10n.t('Not Now'),
  );
  if (choice === useIt) await setApiKey(ctx, fromEnv);
}
