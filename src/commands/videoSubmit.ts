/**
 * The scripted front end of a video submission (`giggle.generateVideo` with
 * an argument object, the public API's submitVideo, Submit Again): the
 * argument object becomes a VideoSubmission, its frame files read once, and
 * goes to the one submission path (src/submission/submitVideo.ts).
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { InputError } from '../giggle/errors';
import type { VideoJob } from '../jobs/jobTypes';
import { settings } from '../platform/settings';
import { submitVideo } from '../submission/submitVideo';
import type { VideoSubmission } from '../submission/video';
import { frameFromArgument } from './frameArgument';

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

export async function submitVideoFromArgs(ctx: GiggleContext, args: VideoArgs, options: { replaceJobId?: string } = {}): Promise<VideoJob> {
  return submitVideo(ctx, await videoSubmissionFromArgs(args), options);
}

/** Frames are read (and a wrong one refused) here, before the key is asked for, as they always were. */
async function videoSubmissionFromArgs(args: VideoArgs): Promise<VideoSubmission> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new InputError([{ field: 'arguments', message: vscode.l10n.t('giggle.generateVideo takes one object: {prompt, model, duration, aspectRatio, resolution, startFrame, endFrame}.') }]);
  }
  const [startFrame, endFrame] = await Promise.all([frameFromArgument(args.startFrame, 'startFrame'), frameFromArgument(args.endFrame, 'endFrame')]);
  return {
    prompt: args.prompt,
    model: args.model ?? settings.defaultModel(),
    duration: args.duration,
    aspectRatio: args.aspectRatio ?? settings.defaultAspectRatio(),
    resolution: args.resolution ?? settings.defaultResolution(),
    startFrame,
    endFrame,
  };
}
