/**
 * What the user sees as a music video moves: the payment gate (ask, or pay
 * at once when giggle.musicVideo.payment is "auto" and auto-pay is safe),
 * step failures with Retry, the finished video with Open/Download/Copy, and
 * the 1-hour give-up with Resume.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { MvJob } from '../jobs/jobTypes';
import { MvActionError } from '../jobs/mvActions';
import { mayAutoPay } from '../jobs/mvProgress';
import { declineMusicVideoPayment } from '../jobs/mvPayment';
import { inertText } from '../giggle/serviceText';
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
      case 'stepFailed': {
        const retryStep = vscode.l10n.t('Retry Step');
        const showLog = vscode.l10n.t('Show Log');
        void vscode.window
          .showErrorMessage(
            inertText(vscode.l10n.t('Music video "{0}": {1}', job.request.name, job.lastError?.message ?? vscode.l10n.t('a step failed.'))),
            retryStep,
            showLog,
          )
          .then((choice) => {
            if (choice === retryStep) void vscode.commands.executeCommand('giggle.retryMusicVideoStep', job.id);
            else if (choice === showLog) ctx.log.show();
          });
        break;
      }
      case 'ready':
        offerFinishedVideo(vscode.l10n.t('Music video ready: {0}', job.request.name), job.id);
        break;
      case 'gaveUp':
        void vscode.window
          .showWarningMessage(
            vscode.l10n.t('Stopped following "{0}" after an hour without a result. The project is kept on Giggle.', job.request.name),
            vscode.l10n.t('Resume Following'),
          )
          .then((choice) => choice && vscode.commands.executeCommand('giggle.resumeMusicVideo', job.id));
        break;
      case 'notSubmitted':
        void vscode.window.showWarningMessage(vscode.l10n.t('Giggle reports that "{0}" was never started. Use Submit Again to send it.', job.request.name));
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
      // Refused before any call (another window paid or is paying): nothing for this window's user to do.
      if (error instanceof MvActionError) ctx.log.info(`automatic payment of ${job.projectId} not sent: ${error.message}`);
      else showError(ctx, error, 'automatic payment');
    }
    return;
  }
  const pay = vscode.l10n.t('Pay');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Music video "{0}" is waiting for payment: the song and storyboard are ready, and Giggle needs payment to shoot and edit the video.',
      job.request.name,
    ),
    { modal: true },
    pay,
    vscode.l10n.t('Not Now'),
  );
  if (choice === pay) {
    await vscode.commands.executeCommand('giggle.payMusicVideo', job.id);
    return;
  }
  // Not Now (or the dialog closed): saved, so no automatic payment ever pays what the user turned down.
  await declineMusicVideoPayment({ store: ctx.store, now: Date.now }, job.id);
  ctx.log.info(`music video ${job.projectId}: payment declined for now; it waits for an explicit Pay`);
}
