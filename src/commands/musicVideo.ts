/**
 * The music-video commands: generate (wizard or scripted), pay, retry a
 * failed step, resume following, submit again. Each is a thin shell over the
 * pure job logic in src/jobs/mv*.ts, which owns the money rules.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { MvJob } from '../jobs/jobTypes';
import { resubmitInputFromJob, resubmitMusicVideo as resubmitJob } from '../jobs/mvSubmission';
import { resumeMusicVideo as resumeJob } from '../jobs/mvActions';
import { payMusicVideo as payJob } from '../jobs/mvPayment';
import { retryMusicVideoStep as retryJob } from '../jobs/mvRetry';
import { inertText } from '../giggle/serviceText';
import { resolveJob } from './jobArguments';
import type { JobPurpose } from './jobArguments';
import { mvSubmissionFromArgs } from './musicVideoArgs';
import { runMusicVideoWizard } from './musicVideoWizard';
import { frameFromArgument } from './frameArgument';
import { frameSource, referenceFields } from '../submission/frame';
import { submitDeps, submitMusicVideo } from '../submission/musicVideo';
import { requireKey } from '../submission/requireKey';

export async function generateMusicVideo(ctx: GiggleContext, args?: unknown): Promise<MvJob | undefined> {
  if (args !== undefined) return submitMusicVideo(ctx, await mvSubmissionFromArgs(args));
  if (!(await requireKey(ctx))) return undefined;
  const submission = await runMusicVideoWizard();
  return submission && submitMusicVideo(ctx, submission);
}

export async function payMusicVideo(ctx: GiggleContext, arg?: unknown): Promise<MvJob | undefined> {
  const job = await mvTarget(ctx, arg, 'pay for');
  return job ? payNow(ctx, job, {}) : undefined;
}

/** Pays once, with progress; `auto` refuses unless automatic payment is safe (never after an uncertain attempt). */
export async function payNow(ctx: GiggleContext, job: MvJob, options: { auto?: boolean }): Promise<MvJob> {
  const { job: paid, outcome } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Paying for "{0}"…', job.request.name) },
    () => payJob({ store: ctx.store, api: ctx.client(), now: Date.now }, job.id, options),
  );
  if (outcome === 'alreadyPaid') {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" was already paid; nothing was charged now.', paid.request.name));
    return paid;
  }
  const price = paid.order?.price !== undefined ? ` for ${paid.order.price} credits` : '';
  ctx.log.info(`music video ${paid.projectId} paid: order ${paid.order?.orderId}${price}`);
  const orderId = paid.order?.orderId ?? vscode.l10n.t('unknown');
  void vscode.window.showInformationMessage(
    inertText(
      paid.order?.price !== undefined
        ? vscode.l10n.t('Paid "{0}" for {1} credits (order {2}). Giggle now shoots and edits the video.', paid.request.name, paid.order.price, orderId)
        : vscode.l10n.t('Paid "{0}" (order {1}). Giggle now shoots and edits the video.', paid.request.name, orderId),
    ),
  );
  return paid;
}

export async function retryMusicVideoStep(ctx: GiggleContext, arg?: unknown): Promise<MvJob | undefined> {
  const job = await mvTarget(ctx, arg, 'retry');
  if (!job) return undefined;
  const retried = await retryJob({ store: ctx.store, api: ctx.client(), now: Date.now }, job.id);
  void vscode.window.showInformationMessage(vscode.l10n.t('Retrying the failed step of "{0}".', retried.request.name));
  return retried;
}

export async function resumeMusicVideo(ctx: GiggleContext, arg?: unknown): Promise<MvJob | undefined> {
  const job = await mvTarget(ctx, arg, 'resume');
  if (!job) return undefined;
  const resumed = resumeJob(ctx.store, job.id, Date.now());
  ctx.follower.pollNow([resumed.id]);
  return resumed;
}

/** "Submit Again" for a music video: the same project when it exists, never a duplicate. */
export async function resubmitMusicVideo(ctx: GiggleContext, arg?: unknown, imageArg?: unknown): Promise<MvJob | undefined> {
  const job = await mvTarget(ctx, arg, 'submit again');
  if (!job) return undefined;
  const { input, missingImage } = resubmitInputFromJob(job);
  let reference = job.request.reference;
  if (missingImage) {
    const given = imageArg ?? (missingImage.kind === 'file' ? { file: missingImage.path } : undefined);
    if (!given) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The reference image was given as inline data, which is not kept. Generate the music video again with the image.'),
      );
      return undefined;
    }
    const frame = (await frameFromArgument(given, 'referenceImage'))!;
    Object.assign(input, referenceFields(frame));
    reference = frameSource(frame);
  }
  return resubmitJob(submitDeps(ctx), job.id, input, reference);
}

async function mvTarget(ctx: GiggleContext, arg: unknown, purpose: JobPurpose): Promise<MvJob | undefined> {
  const target = await resolveJob(ctx, arg, purpose);
  if (!target) return undefined;
  if (target.job.kind !== 'mv') {
    void vscode.window.showInformationMessage(vscode.l10n.t('That job is a video, not a music video.'));
    return undefined;
  }
  return target.job;
}
