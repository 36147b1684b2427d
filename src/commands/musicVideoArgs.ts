/**
 * Scripted music-video arguments (the API's submit fields camelCased) to the
 * submission input: a reference image given as a file is read here, through
 * the extension host, and sent as raw base64 in `referenceImageUrl`.
 */
import * as vscode from 'vscode';
import { InputError } from '../giggle/errors';
import type { FrameSource } from '../jobs/jobTypes';
import { frameFromArgument, type ResolvedFrame } from '../platform/workspaceImages';

export interface MusicVideoArgs extends Record<string, unknown> {
  referenceImageFile?: unknown;
}

/** `file` is the reference image read from a file, for an upload as an asset (giggle.frames.upload = asset). */
export async function musicVideoInput(args: unknown): Promise<{ input: Record<string, unknown>; reference?: FrameSource; file?: ResolvedFrame }> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new InputError([{ field: 'arguments', message: vscode.l10n.t('giggle.generateMusicVideo takes one object with the submit fields (name, aspect, musicGenerateType, ...).') }]);
  }
  const { referenceImageFile, ...rest } = args as MusicVideoArgs;
  if (referenceImageFile === undefined) {
    const reference: FrameSource | undefined =
      typeof rest.referenceImage === 'string'
        ? { kind: 'asset', assetId: rest.referenceImage }
        : typeof rest.referenceImageUrl === 'string' && /^https?:\/\//i.test(rest.referenceImageUrl)
          ? { kind: 'url', url: rest.referenceImageUrl }
          : undefined;
    return { input: rest, reference };
  }
  if (rest.referenceImage !== undefined || rest.referenceImageUrl !== undefined) {
    throw new InputError([{ field: 'referenceImage', message: vscode.l10n.t('Give exactly one reference image: referenceImage (asset id), referenceImageUrl, or referenceImageFile.') }]);
  }
  const resolved = await frameFromArgument({ file: referenceImageFile }, 'referenceImage');
  const frame = resolved!.frame as { base64: string };
  return { input: { ...rest, referenceImageUrl: frame.base64 }, reference: resolved!.source, file: resolved };
}
