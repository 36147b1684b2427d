/**
 * The one path every front end (palette wizard, scripted command, generator
 * panel, public API) uses to submit a video: resolve frames, check the key,
 * submit once with progress, tell the user what happens next.
 */
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { GiggleContext } from '../context';
import type { VideoJob } from '../jobs/jobTypes';
import { submitVideoJob } from '../jobs/videoSubmission';
import { frameFromArgument } from '../platform/workspaceImages';
import { InputError, MissingKeyError } from '../giggle/errors';
import { settings } from '../platform/settings';
import { uploadFileFrame } from '../platform/frameUpload';
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
  if (settings.framesUpload() === 'asset' && (start?.uri || end?.uri)) {
    // Check everything else first, so a request that would be refused uploads nothing.
    const checked = validateVideoRequest(request);
    if (!checked.ok) throw new InputError(checked.issues);
    // One after the other: the same image as start and end frame is then uploaded once.
    const [first, second] = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading frame images to Giggle…') },
      async () => {
        const uploadedStart = await uploadFileFrame(ctx, start, 'startFrame');
        return [uploadedStart, await uploadFileFrame(ctx, end, 'endFrame')] as const;
      },
    );
    request.startFrame = first?.frame;
    request.endFrame = second?.frame;
  }
  const job = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Submitting video to Giggle…') },
    () =>
      submitVideoJob(
        { store: ctx.store, api: ctx.client(), newId: randomUUID, now: Date.now },
        request,
        { startFrame: start?.source, endFrame: end?.source },
        options,
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
