/**
 * An image file as a frame, read once: its metadata first (readImageFileBytes
 * refuses pipes, devices and oversized files without reading them), then its
 * bytes, checked with the frame rules. The frame keeps the file's URI so an
 * upload and Submit Again know where it came from.
 */
import * as vscode from 'vscode';
import { InputError } from '../giggle/errors';
import { frameFromImageBytes } from '../giggle/frames';
import { displayPath, readImageFileBytes, untrustedReadMessage } from '../platform/workspaceImages';
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
