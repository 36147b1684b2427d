/**
 * What the user sees as a music video moves: the payment gate (ask, or pay
 * at once when giggle.musicVideo.payment is "auto" and auto-pay is safe),
 * step failures with Retry, the finished video with Open/Download/Copy, and
 * the 1-hour give-up with Resume.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { MvJob } from '../jobs/jobTypes';
import { mayAutoPay } from '../jobs/mvProgress';
import { settings } from '../platform/settings';
import { offerFinishedVideo } from '../platform/jobNotifications';
import { showError } from '../platform/notifications';
import { payNow } from './musicVideo';

export function handleMvEvents(ctx: GiggleContext, job: MvJob, events: readonly string[]): void {
  for (const event of events) {
    switch (event) {
      case 'awaitingPayment':
        void askToPay(ctx, job);
        break;
      case 'stepFailed':
        void vscode.window
          .showErrorMessage(`Music video "${job.request.name}": ${job.lastError?.message ?? 'a step failed.'}`, 'Retry Step', 'Show Log')
          .then((choice) => {
            if (choice === 'Retry Step') void vscode.commands.executeCommand('giggle.retryMusicVideoStep', job.id);
            else if (choice === 'Show Log') ctx.log.show();
          });
        break;
      case 'ready':
        offerFinishedVideo(`Music video ready: ${job.request.name}`, job.id);
        break;
      case 'gaveUp':
        void vscode.window
          .showWarningMessage(`Stopped following "${job.request.name}" after an hour without a result. The project is kept on Giggle.`, 'Resume Following')
          .then((choice) => choice && vscode.commands.executeCommand('giggle.resumeMusicVideo', job.id));
        break;
      case 'notSubmitted':
        void vscode.window.showWarningMessage(`Giggle reports that "${job.request.name}" was never started. Use Submit Again to send it.`);
        break;
      default:
        break;
    }
  }
}

async function askToPay(ctx: GiggleContext, job: MvJob): Promise<void> {
  if (settings.musicVideoPayment() === 'auto' && mayAutoPay(job)) {
    ctx.log.info(`music video ${job.projectId} is waiting for payment; paying automatically (giggle.musicVideo.payment = auto)`);
    try {
      await payNow(ctx, job, { auto: true });
    } catch (error) {
      showError(ctx, error, 'automatic payment');
    }
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    `Music video "${job.request.name}" is waiting for payment: the song and storyboard are ready, and Giggle needs payment to shoot and edit the video.`,
    { modal: true },
    'Pay',
    'Not Now',
  );
  if (choice === 'Pay') await vscode.commands.executeCommand('giggle.payMusicVideo', job.id);
}
