/**
 * What the user hears from the polling service: "Video ready" with the three
 * things people do next, failures with Giggle's reason (moderation said
 * plainly), and a prompt to fix the key when Giggle stops accepting it.
 */
import * as vscode from 'vscode';
import type { FollowEvent } from '../jobs/jobFollower';
import { inertText } from '../giggle/serviceText';
import { noVideoCameBack } from '../jobs/videoProgress';
import { jobLabel } from '../views/jobPresentation';
import type { LogServices } from './services';

export function notifyFollowEvent(ctx: LogServices, event: FollowEvent): void {
  switch (event.type) {
    case 'videoReady':
      return offerFinishedVideo(vscode.l10n.t('Video ready: {0}', jobLabel(event.job)), event.job.id);
    case 'videoFailed': {
      const reason = event.job.lastError?.message;
      ctx.log.warn(`video job ${event.job.taskId} failed: ${reason ?? 'no reason given'}`);
      const message = inertText(vscode.l10n.t('Video failed: {0}. {1}', jobLabel(event.job), reason ?? vscode.l10n.t('no reason given')));
      if (noVideoCameBack(event.job)) {
        const again = vscode.l10n.t('Submit Again');
        void vscode.window.showErrorMessage(message, again).then((choice) => choice && vscode.commands.executeCommand('giggle.submitAgain', event.job.id));
        return;
      }
      void vscode.window.showErrorMessage(message, vscode.l10n.t('Show Log')).then((choice) => choice && ctx.log.show());
      return;
    }
    case 'videoOverdue':
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '"{0}" has been generating for over 20 minutes, which is unusual. It is still being followed; you can check it later.',
          jobLabel(event.job),
        ),
      );
      return;
    case 'authFailed':
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t('Giggle no longer accepts the API key, so following jobs is paused. Set a valid key to resume.'),
          vscode.l10n.t('Set API Key'),
        )
        .then((choice) => choice && vscode.commands.executeCommand('giggle.setApiKey'));
      return;
    default:
      return;
  }
}

export function offerFinishedVideo(message: string, jobId: string): void {
  const open = vscode.l10n.t('Open');
  const download = vscode.l10n.t('Download');
  const copyLink = vscode.l10n.t('Copy Link');
  void vscode.window.showInformationMessage(message, open, download, copyLink).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('giggle.openVideo', jobId);
    else if (choice === download) void vscode.commands.executeCommand('giggle.downloadVideo', jobId);
    else if (choice === copyLink) void vscode.commands.executeCommand('giggle.copyVideoLink', jobId);
  });
}
