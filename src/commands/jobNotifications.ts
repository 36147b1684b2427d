/**
 * What the user hears as followed jobs move, videos and music videos alike:
 * "Video ready" / "Music video ready" with the three things people do next,
 * failures with Giggle's reason (moderation said plainly) and Retry or Submit
 * Again, the music video's payment gate (ask, or pay at once when
 * giggle.musicVideo.payment is "auto" and auto-pay is safe), the 1-hour
 * give-up with Resume, and a prompt to fix the key when Giggle stops
 * accepting it. One entry point, notifyFollowEvent; both switches name every
 * event, so a new one does not compile until it is decided here.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { FollowEvent } from '../jobs/jobFollower';
import type { MvJob } from '../jobs/jobTypes';
import type { MvProgressEvent } from '../jobs/mvProgress';
import { mayAutoPay } from '../jobs/mvProgress';
import { MvActionError } from '../jobs/mvActions';
import { declineMusicVideoPayment } from '../jobs/mvPayment';
import { noVideoCameBack } from '../jobs/videoProgress';
import { inertText } from '../giggle/serviceText';
import { settings } from '../platform/settings';
import { showError } from '../platform/notifications';
import { jobLabel } from '../views/jobPresentation';
import { payNow } from './musicVideo';

export function notifyFollowEvent(ctx: GiggleContext, event: FollowEvent): void {
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
    case 'mvProgress':
      for (const mvEvent of event.events) notifyMvEvent(ctx, event.job, mvEvent);
      return;
    case 'authFailed':
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t('Giggle no longer accepts the API key, so following jobs is paused. Set a valid key to resume.'),
          vscode.l10n.t('Set API Key'),
        )
        .then((choice) => choice && vscode.commands.executeCommand('giggle.setApiKey'));
      return;
    case 'finished':
      // For the polling plan's durations (recorded in the core); the user hears of it as videoReady / mvProgress.
      return;
    default:
      return unhandled(event);
  }
}

function notifyMvEvent(ctx: GiggleContext, job: MvJob, event: MvProgressEvent): void {
  switch (event) {
    case 'awaitingPayment':
      void askToPay(ctx, job);
      return;
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
      return;
    }
    case 'ready':
      return offerFinishedVideo(vscode.l10n.t('Music video ready: {0}', job.request.name), job.id);
    case 'gaveUp':
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('Stopped following "{0}" after an hour without a result. The project is kept on Giggle.', job.request.name),
          vscode.l10n.t('Resume Following'),
        )
        .then((choice) => choice && vscode.commands.executeCommand('giggle.resumeMusicVideo', job.id));
      return;
    case 'notSubmitted':
      void vscode.window.showWarningMessage(vscode.l10n.t('Giggle reports that "{0}" was never started. Use Submit Again to send it.', job.request.name));
      return;
    case 'paidConfirmed':
    case 'submitConfirmed':
      // Good news the job's row already shows (it runs again); a notification would only interrupt.
      return;
    default:
      return unhandled(event);
  }
}

/** Compiles only when every case above is handled: a new event must be decided here, never dropped silently. */
function unhandled(event: never): void {
  void event;
}

function offerFinishedVideo(message: string, jobId: string): void {
  const open = vscode.l10n.t('Open');
  const download = vscode.l10n.t('Download');
  const copyLink = vscode.l10n.t('Copy Link');
  void vscode.window.showInformationMessage(message, open, download, copyLink).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('giggle.openVideo', jobId);
    else if (choice === download) void vscode.commands.executeCommand('giggle.downloadVideo', jobId);
    else if (choice === copyLink) void vscode.commands.executeCommand('giggle.copyVideoLink', jobId);
  });
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
