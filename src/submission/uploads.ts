/**
 * Setting `giggle.frames.upload` = `asset`: a frame read from a file goes to
 * Giggle as an asset id (uploaded once per content, see
 * ../platform/frameUpload.ts) instead of inline base64.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { forgetUploads, uploadImageFile } from '../platform/frameUpload';
import type { SubmissionFrame } from './frame';

/** The frame unchanged unless its bytes come from a file; then the asset id of that file's upload. */
export async function uploadFrame(ctx: GiggleContext, frame: SubmissionFrame | undefined, field: string): Promise<SubmissionFrame | undefined> {
  const file = fileBytes(frame);
  if (!file) return frame;
  return { kind: 'asset', assetId: await uploadImageFile(ctx, vscode.Uri.parse(file.uri, true), file.bytes, field) };
}

/** Giggle no longer knows these frames' uploads: the next uploadFrame uploads them anew. */
export async function forgetFrameUploads(ctx: GiggleContext, frames: ReadonlyArray<SubmissionFrame | undefined>): Promise<void> {
  await forgetUploads(ctx, frames.map(fileBytes).flatMap((file) => (file ? [file.bytes] : [])));
}

/** Only a file's bytes are uploaded (a drop or a script's base64 has no file to name). */
export function isFileFrame(frame: SubmissionFrame | undefined): boolean {
  return frame?.kind === 'bytes' && frame.origin.kind === 'file';
}

function fileBytes(frame: SubmissionFrame | undefined): { uri: string; bytes: Uint8Array } | undefined {
  if (frame?.kind !== 'bytes' || frame.origin.kind !== 'file') return undefined;
  return { uri: frame.origin.uri, bytes: new Uint8Array(Buffer.from(frame.base64, 'base64')) };
}
