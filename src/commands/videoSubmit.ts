/**
 * The one path every front end (palette wizard, scripted command, generator
 * panel, public API) uses to submit a video: resolve frames, check the key,
 * submit once with progress, tell the user what happens next.
 */
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { GiggleContext } from '../context';
import type { VideoJob } from '../jobs/jobTypes';
import type { VideoRequest } from '../giggle/types';
import { submitVideoJob } from '../jobs/videoSubmission';
import { frameFromArgument } from '../platform/workspaceImages';
import { InputError, MissingKeyError } from '../giggle/errors';
import { settings } from '../platform/settings';
import { forgetUploads, uploadFileFrame } from '../platform/frameUpload';
import type { ResolvedFrame } from '../platform/workspaceImages';
import { validateVideoRequest } from '../giggle/validation';
import { inertText } from '../giggle/serviceText';

/** The argument object of `giggle.generateVideo` and of the public API's submitVideo. */
export interface VideoArgs {
  prompt?: unknown;
  model?: unknown;
  duration?: unknown;
  aspectRatio?: unknown;
  resolution?: unknown;
  startFrame?: unknown;
  endFrame?: unknown;
}

/** One after the other: the same image as start and end frame is then uploaded once. */
async function uploadFrames(ctx: GiggleContext, start: ResolvedFrame | undefined, end: ResolvedFrame | undefined) {
  const uploadedStart = await uploadFileFrame(ctx, start, 'startFrame');
  return [uploadedStart, await uploadFileFrame(ctx, end, 'endFrame')] as const;
}

export async function requireKey(ctx: GiggleContext): Promise<boolean> {
  if (await ctx.keys.get()) return true;
  void vscode.window
    .showWarningMessage(vscode.l10n.t('Set your Giggle API key first: generating videos needs one.'), vscode.l10n.t('Set API Key'))
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('giggle.setApiKey');
    });
  return false;
}

export async function submitVideoFromArgs(ctx: GiggleContext, args: VideoArgs, options: { replaceJobId?: string } = {}): Promise<VideoJob> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new InputError([{ field: 'arguments', message: vscode.l10n.t('giggle.generateVideo takes one object: {prompt, model, duration, aspectRatio, resolution, startFrame, endFrame}.') }]);
  }
  const [start, end] = await Promise.all([frameFromArgument(args.startFrame, 'startFrame'), frameFromArgument(args.endFrame, 'endFrame')]);
  if (!(await ctx.keys.get())) {
    await requireKey(ctx);
    throw new MissingKeyError();
  }
  const request = {
    prompt: args.prompt,
    model: args.model ?? settings.defaultModel(),
    duration: args.duration,
    aspectRatio: args.aspectRatio ?? settings.defaultAspectRatio(),
    resolution: args.resolution ?? settings.defaultResolution(),
    startFrame: start?.frame,
    endFrame: end?.frame,
  };
  const uploading = settings.framesUpload() === 'asset' && !!(start?.uri || end?.uri);
  if (uploading) {
    // Check everything else first, so a request that would be refused uploads nothing.
    const checked = validateVideoRequest(request);
    if (!checked.ok) throw new InputError(checked.issues);
    const [first, second] = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading frame images to Giggle…') },
      () => uploadFrames(ctx, start, end),
    );
    request.startFrame = first?.frame;
    request.endFrame = second?.frame;
  }
  // Giggle no longer knows an uploaded asset (expired, deleted): forget the uploads and send once more with fresh ones.
  const refreshAssets = async (sent: VideoRequest): Promise<VideoRequest> => {
    ctx.log.warn('Giggle does not know an uploaded frame any more; uploading the frames again');
    await forgetUploads(ctx, [start, end]);
    const [first, second] = await uploadFrames(ctx, start, end);
    return { ...sent, startFrame: first?.frame, endFrame: second?.frame };
  };
  const job = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Submitting video to Giggle…') },
    () =>
      submitVideoJob(
        { store: ctx.store, api: ctx.client(), newId: randomUUID, now: Date.now },
        request,
        { startFrame: start?.source, endFrame: end?.source },
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
