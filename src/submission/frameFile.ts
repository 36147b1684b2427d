/**
 * An image file as a frame, read once: its metadata first (readImageFileBytes
 * refuses pipes, devices and oversized files without reading them), then its
 * bytes, checked with the frame rules. The frame keeps the file's URI so an
 * upload and Submit Again know where it came from.
 */
import * as vscode from 'vscode';
import { InputError } from '../giggle/errors';
import { frameFromImageBytes } from '../giggle/frames';
import type { FrameSource } from '../jobs/jobTypes';
import { displayPath, readImageFileBytes, toUri, untrustedReadMessage } from '../platform/workspaceImages';
import type { SubmissionFrame } from './frame';

export async function frameFromFile(uri: vscode.Uri, field: string): Promise<SubmissionFrame> {
  if (!vscode.workspace.isTrusted) throw new InputError([{ field, message: untrustedReadMessage(uri) }]);
  const read = await readImageFileBytes(uri, displayPath(uri));
  if (!read.ok) throw new InputError([{ field, message: read.message }]);
  const { bytes } = read;
  const checked = frameFromImageBytes(bytes);
  if (!checked.ok) throw new InputError(checked.issues.map((issue) => ({ field, message: `${displayPath(uri)}: ${issue.message}` })));
  return { kind: 'bytes', base64: checked.value.base64, byteLength: bytes.byteLength, origin: { kind: 'file', uri: uri.toString() } };
}

/**
 * A job's recorded frame again, for Submit Again: an id or URL as it was, a
 * file read anew; undefined for inline bytes, which were never kept.
 */
export async function frameFromSource(source: FrameSource, field: string): Promise<SubmissionFrame | undefined> {
  switch (source.kind) {
    case 'asset':
      return { kind: 'asset', assetId: source.assetId };
    case 'url':
      return { kind: 'url', url: source.url };
    case 'file':
      return frameFromFile(toUri(source.path, field), field);
    case 'base64':
      return undefined;
  }
}
