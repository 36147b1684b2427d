/**
 * What the user hears from the polling service: "Video ready" with the three
 * things people do next, failures with Giggle's reason (moderation said
 * plainly), and a prompt to fix the key when Giggle stops accepting it.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { FollowEvent } from '../jobs/jobFollower';
import { jobLabel } from '../views/jobPresentation';

export function notifyFollowEvent(ctx: GiggleContext, event: FollowEvent): void {
  switch (event.type) {
    case 'videoReady':
      return offerFinishedVideo(`Video ready: ${jobLabel(event.job)}`, event.job.id);
    case 'videoFailed': {
      const reason = event.job.lastError?.message ?? 'no reason given';
      ctx.log.warn(`video job ${event.job.taskId} failed: ${reason}`);
      void vscode.window.showErrorMessage(`Video failed: ${jobLabel(event.job)}. ${reason}`, 'Show Log').then((choice) => choice && ctx.log.show());
      return;
    }
    case 'videoOverdue':
      void vscode.window.showWarningMessage(
        `"${jobLabel(event.job)}" has been generating for over 20 minutes, which is unusual. It is still being followed; you can check it later.`,
      );
      return;
    case 'authFailed':
      void vscode.window
        .showErrorMessage('Giggle no longer accepts the API key, so following jobs is paused. Set a valid key to resume.', 'Set API Key')
        .then((choice) => choice && vscode.commands.executeCommand('giggle.setApiKey'));
      return;
    default:
      return;
  }
}

export function offerFinishedVideo(message: string, jobId: string): void {
  void vscode.window.showInformationMessage(message, 'Open', 'Download', 'Copy Link').then((choice) => {
    if (choice === 'Open') void vscode.commands.executeCommand('giggle.openVideo', jobId);
    else if (choice === 'Download') void vscode.commands.executeCommand('giggle.downloadVideo', jobId);
    else if (choice === 'Copy Link') void vscode.commands.executeCommand('giggle.copyVideoLink', jobId);
  });
}
