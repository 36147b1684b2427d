/**
 * A video submission as every front end builds it, and its one check. The
 * parameters stay `unknown` until checked because scripts give anything; the
 * frames are already typed (src/submission/frame.ts). No vscode import.
 */
import type { Checked } from '../giggle/checked';
import { markChecked } from '../giggle/checked';
import type { Frame, VideoRequest } from '../giggle/types';
import { validateVideoRequest } from '../giggle/validation';
import type { Validated } from '../giggle/validation';
import { apiFrame, needsCheck } from './frame';
import type { SubmissionFrame } from './frame';

export interface VideoSubmission {
  prompt: unknown;
  model: unknown;
  duration: unknown;
  aspectRatio: unknown;
  resolution: unknown;
  startFrame?: SubmissionFrame;
  endFrame?: SubmissionFrame;
}

/** Checked once: the request as the API takes it (trusted below, see checked.ts) and the frames it was made from. */
export interface CheckedVideoSubmission {
  readonly request: Checked<VideoRequest>;
  readonly startFrame?: SubmissionFrame;
  readonly endFrame?: SubmissionFrame;
}

const FRAME_FIELDS = ['startFrame', 'endFrame'] as const;

/**
 * Every issue at once, in the validator's order. Bytes read from a file or
 * dropped were checked when read, so only the other frames go through the
 * validator (`validate` is the one validator; a test may count its calls).
 */
export function checkVideoSubmission(
  submission: VideoSubmission,
  validate: (input: unknown) => Validated<VideoRequest> = validateVideoRequest,
): Validated<CheckedVideoSubmission> {
  const { startFrame, endFrame, ...parameters } = submission;
  const unchecked: { startFrame?: Frame; endFrame?: Frame } = {};
  const frames: { startFrame?: Frame; endFrame?: Frame } = {};
  for (const field of FRAME_FIELDS) {
    const frame = submission[field];
    if (!frame) continue;
    frames[field] = apiFrame(frame);
    if (needsCheck(frame)) unchecked[field] = frames[field];
  }
  const result = validate({ ...parameters, ...unchecked });
  if (!result.ok) return result;
  return { ok: true, value: { request: markChecked({ ...result.value, ...frames }), startFrame, endFrame } };
}
