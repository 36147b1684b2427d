/**
 * The one way a video is submitted, whatever built the submission (scripted
 * arguments, the wizard, the generator panel, Submit Again, the public API):
 * check the key, check the submission once, upload file frames when the
 * setting asks for assets, record the job and send it once (../jobs/videoSubmission.ts),
 * tell the user what happens next.
 */
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { GiggleContext } from '../context';
import { markChecked } from '../giggle/checked';
import { InputError } from '../giggle/errors';
import { inertText } from '../giggle/serviceText';
import type { VideoRequest } from '../giggle/types';
import type { VideoJob } from '../jobs/jobTypes';
import { submitVideoJob } from '../jobs/videoSubmission';
import { settings } from '../platform/settings';
import { apiFrame, frameSource } from './frame';
import type { SubmissionFrame } from './frame';
import { ensureKey } from './requireKey';
import { forgetFrameUploads, isFileFrame, uploadFrame } from './uploads';
import { checkVideoSubmission } from './video';
import type { CheckedVideoSubmission, VideoSubmission } from './video';

/**
 * `submission` may come checked already (the panel checks before, to show
 * every issue next to its field); it is never checked twice.
 */
export async function submitVideo(
  ctx: GiggleContext,
  submission: VideoSubmission | CheckedVideoSubmission,
  options: { replaceJobId?: string } = {},
): Promise<VideoJob> {
  await ensureKey(ctx);
  const checked = 'request' in submission ? submission : mustCheck(submission);
  const { startFrame: start, endFrame: end } = checked;
  let request: VideoRequest = checked.request;
  const uploading = settings.framesUpload() === 'asset' && (isFileFrame(start) || isFileFrame(end));
  if (uploading) {
    // The request was checked first, so one that would be refused uploads nothing.
    const frames = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading frame images to Giggle…') },
      () => uploadFrames(ctx, start, end),
    );
    request = withFrames(request, frames);
  }
  // Giggle no longer knows an uploaded asset (expired, deleted): forget the uploads and send once more with fresh ones.
  const refreshAssets = async (sent: VideoRequest): Promise<VideoRequest> => {
    ctx.log.warn('Giggle does not know an uploaded frame any more; uploading the frames again');
    await forgetFrameUploads(ctx, [start, end]);
    return withFrames(sent, await uploadFrames(ctx, start, end));
  };
  const job = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Submitting video to Giggle…') },
    () =>
      submitVideoJob(
        { store: ctx.store, api: ctx.client(), newId: randomUUID, now: Date.now },
        request,
        { startFrame: start && frameSource(start), endFrame: end && frameSource(end) },
        { ...options, refreshAssets: uploading ? refreshAssets : undefined },
      ),
  );
  ctx.log.info(`video job submitted: task ${job.taskId} (${job.request.model}, ${job.request.duration}s)`);
  void ctx.treeView.reveal(ctx.tree.nodeFor(job.id), { select: true, focus: false }).then(undefined, () => undefined);
  // The task id is Giggle's text too.
  void vscode.window.showInformationMessage(
    inertText(
      vscode.l10n.t(
        'Video submitted to Giggle (task {0}). It usually takes 1 to 5 minutes; the Jobs view follows it and tells you when it is ready.',
        String(job.taskId),
      ),
    ),
  );
  return job;
}

function mustCheck(submission: VideoSubmission): CheckedVideoSubmission {
  const checked = checkVideoSubmission(submission);
  if (!checked.ok) throw new InputError(checked.issues);
  return checked.value;
}

/** One after the other: the same image as start and end frame is then uploaded once. */
async function uploadFrames(ctx: GiggleContext, start: SubmissionFrame | undefined, end: SubmissionFrame | undefined) {
  const uploadedStart = await uploadFrame(ctx, start, 'startFrame');
  return [uploadedStart, await uploadFrame(ctx, end, 'endFrame')] as const;
}

/** The checked request with its frames replaced by their uploads: asset ids from Giggle's own register reply. */
function withFrames(request: VideoRequest, [start, end]: readonly [SubmissionFrame | undefined, SubmissionFrame | undefined]): VideoRequest {
  return markChecked({ ...request, startFrame: start && apiFrame(start), endFrame: end && apiFrame(end) });
}
