/**
 * Tells the user when the jobs list cannot be saved (disk full, permissions):
 * the jobs stay in this window and are followed, but a reload would lose the
 * ones started since, and a lost job may be one that costs credits.
 */
import * as vscode from 'vscode';
import type { Log } from './log';

export function saveProblemNotice(log: Log, file: string): (reason: string | undefined) => void {
  return (reason) => {
    if (reason === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Giggle can save the jobs list again.'));
      return;
    }
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'Giggle could not save the jobs list ({0}). Your jobs stay in this window and are still followed, but a reload could lose the ones started since. Free some disk space or check the permissions of {1}.',
          reason,
          file,
        ),
        showLog,
      )
      .then((choice) => choice === showLog && log.show());
  };
}
