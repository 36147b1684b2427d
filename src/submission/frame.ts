/**
 * The one frame type every front end builds (scripted arguments, wizards,
 * generator panel): an asset id, a URL, or image bytes with where they came
 * from. No vscode import: the submission checks and the panel's form are
 * unit-tested in Node.
 */
import type { Frame } from '../giggle/types';
import type { FrameSource } from '../jobs/jobTypes';

/**
 * Where image bytes came from. A file (a workspace image or one picked from
 * disk, by URI string) can be read again for Submit Again and uploaded as an
 * asset; a dropped image has only its name; inline bytes are base64 a script gave.
 */
export type ImageOrigin = { kind: 'file'; uri: string } | { kind: 'dropped'; name: string } | { kind: 'inline' };

export type SubmissionFrame =
  | { kind: 'asset'; assetId: string }
  | { kind: 'url'; url: string }
  /** Raw base64 (no `data:` prefix). Bytes from a file or a drop were checked when read (see needsCheck). */
  | { kind: 'bytes'; base64: string; byteLength: number; origin: ImageOrigin };

/** Bytes read from a file or dropped were checked by whoever read them; everything else is checked with the request. */
export function needsCheck(frame: SubmissionFrame): boolean {
  return frame.kind !== 'bytes' || frame.origin.kind === 'inline';
}

/** As the API takes it. */
export function apiFrame(frame: SubmissionFrame): Frame {
  switch (frame.kind) {
    case 'asset':
      return { asset_id: frame.assetId };
    case 'url':
      return { url: frame.url };
    case 'bytes':
      return { base64: frame.base64 };
  }
}

/** What the job record keeps: never the bytes, a file by its URI so Submit Again can read it anew. */
export function frameSource(frame: SubmissionFrame): FrameSource {
  switch (frame.kind) {
    case 'asset':
      return { kind: 'asset', assetId: frame.assetId };
    case 'url':
      return { kind: 'url', url: frame.url };
    case 'bytes':
      return frame.origin.kind === 'file'
        ? { kind: 'file', path: frame.origin.uri, bytes: frame.byteLength }
        : { kind: 'base64', bytes: base64Size(frame.base64) };
  }
}

/** A music video's reference image as the API's submit names it: an asset id, or an https URL or raw base64 in referenceImageUrl. */
export function referenceFields(frame: SubmissionFrame): { referenceImage: string } | { referenceImageUrl: string } {
  const api = apiFrame(frame);
  return 'asset_id' in api ? { referenceImage: api.asset_id } : { referenceImageUrl: 'url' in api ? api.url : api.base64 };
}

/** Bytes given as base64 (a script's, or a drop's): the size as job records have always estimated it. */
export function inlineFrame(base64: string, origin: ImageOrigin = { kind: 'inline' }): SubmissionFrame {
  return { kind: 'bytes', base64, byteLength: base64Size(base64), origin };
}

function base64Size(base64: string): number {
  return Math.floor((base64.length * 3) / 4);
}
