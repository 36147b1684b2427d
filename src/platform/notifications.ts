/**
 * Turns errors into messages a person can act on: what failed, why, and what
 * to do, with a button for the obvious next step. Messages are redacted
 * (never the key, never a full signed URL).
 */
import * as vscode from 'vscode';
import { isGiggleError } from '../giggle/errors';
import type { GiggleError } from '../giggle/errors';
import { redactSecrets } from '../giggle/redact';
import { inertText } from '../giggle/serviceText';
import type { LogServices } from './services';

export function describeError(error: unknown): { message: string; action?: 'setKey' | 'showLog' } {
  // Error texts carry Giggle's own words (msg, err_msg), shown in notifications and the panel: never as links.
  const described = describeAny(error);
  return { ...described, message: inertText(described.message) };
}

function describeAny(error: unknown): { message: string; action?: 'setKey' | 'showLog' } {
  if (isGiggleError(error)) {
    switch (error.kind) {
      case 'missingKey':
        return { message: error.message, action: 'setKey' };
      case 'auth':
        return { message: sentences(error.message, nextStep(error)), action: 'setKey' };
      case 'moderation':
        return { message: vscode.l10n.t('Giggle\'s content checks rejected the prompt or image. Change it and try again. ({0})', error.message) };
      case 'invalidInput':
        return { message: error.message };
      default:
        return { message: sentences(error.message, nextStep(error)), action: 'showLog' };
    }
  }
  if (error instanceof Error && error.name === 'DownloadError') {
    const { status, cancelled } = error as Error & { status?: number; cancelled?: boolean };
    const next =
      status === 403
        ? vscode.l10n.t('The link has probably expired: use "Refresh Jobs" to get a fresh one and download again, or open the video in the browser.')
        : vscode.l10n.t('Try again in a moment, or open the video in the browser.');
    return { message: cancelled || /cancelled/i.test(error.message) ? error.message : sentences(error.message, next), action: 'showLog' };
  }
  return { message: error instanceof Error ? error.message : String(error), action: 'showLog' };
}

/** "What failed. What to do." without doubled full stops (nor a full stop after a Chinese one). */
function sentences(what: string, next: string): string {
  return vscode.l10n.t('{0}. {1}', what.replace(/[\s.。]+$/, ''), next);
}

const SUBMISSIONS = new Set(['textToVideo', 'imageToVideo']);
const MV_SUBMISSIONS = new Set(['createProject', 'submitMv']);

/**
 * What the user can do next, given what failed (the error's own text names
 * the call). A request whose outcome is unknown is never repeated on its
 * own, so those messages say what happens instead.
 */
function nextStep(error: GiggleError): string {
  const operation = error.operation ?? '';
  if (error.outcomeUnknown) {
    if (operation === 'payMv') return vscode.l10n.t('Giggle is being asked whether the payment went through; it will not be paid again automatically.');
    if (operation === 'retryMv') {
      return vscode.l10n.t('The music video is followed to see whether the step runs again; the retry is not sent again automatically.');
    }
    if (MV_SUBMISSIONS.has(operation)) return vscode.l10n.t('Giggle is being asked whether the music video arrived; it is not sent again automatically.');
    if (SUBMISSIONS.has(operation)) {
      return vscode.l10n.t('The job is marked "outcome unknown" and is not sent again automatically: check giggle.pro before you use Submit Again.');
    }
    return vscode.l10n.t('Try again in a moment.');
  }
  switch (error.kind) {
    case 'auth':
      return vscode.l10n.t('Set a valid key from giggle.pro with "Giggle: Set API Key".');
    case 'rateLimited': {
      const waitMs = (error as GiggleError & { retryAfterMs?: number }).retryAfterMs;
      return waitMs === undefined
        ? vscode.l10n.t('Giggle is limiting requests: wait a moment and try again.')
        : vscode.l10n.t('Giggle is limiting requests: wait {0} s and try again.', Math.ceil(waitMs / 1000));
    }
    case 'network': {
      const cause = (error as GiggleError & { cause?: string }).cause;
      return cause === 'refused' || cause === 'dns' || cause === 'tls' || cause === 'badUrl'
        ? vscode.l10n.t('Nothing reached Giggle. Check your network connection and the giggle.apiBaseUrl setting, then try again.')
        : vscode.l10n.t('Try again in a moment.');
    }
    case 'malformed':
      return vscode.l10n.t('Try again; if it keeps happening, Giggle\'s API may have changed (the log has details).');
    default:
      return (error.httpStatus ?? 0) >= 500
        ? vscode.l10n.t('Giggle had a problem: try again in a moment.')
        : vscode.l10n.t('Try again later, or change the request if Giggle\'s message says what is wrong.');
  }
}

/** Logs and shows the error; does not wait for the user's click (callers must not hang on a toast). */
export function showError(ctx: LogServices, error: unknown, where: string): void {
  const secrets = [ctx.keys.known()].filter((s): s is string => !!s);
  const { message, action } = describeError(error);
  const clean = redactSecrets(message, secrets);
  ctx.log.error(`${where}: ${clean}`);
  const setKey = vscode.l10n.t('Set API Key');
  const showLog = vscode.l10n.t('Show Log');
  const buttons = action === 'setKey' ? [setKey] : [showLog];
  void vscode.window.showErrorMessage(clean, ...buttons).then((choice) => {
    if (choice === setKey) void vscode.commands.executeCommand('giggle.setApiKey');
    else if (choice === showLog) ctx.log.show();
  });
}
