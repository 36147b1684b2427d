/**
 * A scripted frame argument ({assetId} | {url} | {base64} | {file}) as a
 * SubmissionFrame; a file is read here, once.
 */
import * as vscode from 'vscode';
import { InputError } from '../giggle/errors';
import { toUri } from '../platform/workspaceImages';
import { inlineFrame } from '../submission/frame';
import type { SubmissionFrame } from '../submission/frame';
import { frameFromFile } from '../submission/frameFile';

/** A scripted frame argument: {assetId} | {url} | {base64} | {file: path or Uri}. */
export async function frameFromArgument(value: unknown, field: string): Promise<SubmissionFrame | undefined> {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') {
    throw new InputError([{ field, message: vscode.l10n.t('{0} must be an object with one of assetId, url, base64 or file.', field) }]);
  }
  const arg = value as Record<string, unknown>;
  const keys = ['assetId', 'url', 'base64', 'file'].filter((key) => arg[key] !== undefined);
  if (keys.length !== 1) {
    const message = keys.length
      ? vscode.l10n.t('{0} needs exactly one of assetId, url, base64 or file (got {1}).', field, keys.join(', '))
      : vscode.l10n.t('{0} needs exactly one of assetId, url, base64 or file (got none).', field);
    throw new InputError([{ field, message }]);
  }
  if (arg.file !== undefined) return frameFromFile(toUri(arg.file, field), field);
  if (typeof arg.assetId === 'string') return { kind: 'asset', assetId: arg.assetId };
  if (typeof arg.url === 'string') return { kind: 'url', url: arg.url };
  if (typeof arg.base64 === 'string') return inlineFrame(arg.base64);
  throw new InputError([{ field, message: vscode.l10n.t('{0}.{1} must be a string.', field, keys[0]) }]);
}
