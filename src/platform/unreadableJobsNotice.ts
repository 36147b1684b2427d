/**
 * Tells the user once that the jobs file could not be read, and where its
 * content was kept (a dated copy next to it), so that no job history is lost
 * silently: the extension starts a new list, and the copy can be inspected or
 * put back by hand.
 */
import * as vscode from 'vscode';
import type { Log } from './log';

export function unreadableJobsNotice(log: Log, file: string): (reason: string, keptAt: string | undefined) => void {
  return (_reason, keptAt) => {
    const message = keptAt
      ? vscode.l10n.t('Giggle could not read the jobs list, so it starts a new one. The old file is kept unchanged at {0}.', keptAt)
      : vscode.l10n.t('Giggle could not read the jobs list at {0}. It is left unchanged and nothing is saved over it until it can be read; new jobs stay in this window.', file);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showWarningMessage(message, showLog).then((choice) => choice === showLog && log.show());
  };
}
