/**
 * The scripted front end of a music video (`giggle.generateMusicVideo` with
 * an argument object, the public API's submitMusicVideo): the API's submit
 * fields camelCased, plus `referenceImageFile` and `musicFile`, become an
 * MvSubmission; each file is read here, once.
 */
import * as vscode from 'vscode';
import { InputError } from '../giggle/errors';
import { readSongFile, type SongFile } from '../platform/songFile';
import type { SubmissionFrame } from '../submission/frame';
import { inlineFrame } from '../submission/frame';
import type { MvSubmission } from '../submission/musicVideoCheck';
import { frameFromArgument } from './frameArgument';

export interface MusicVideoArgs extends Record<string, unknown> {
  referenceImageFile?: unknown;
  musicFile?: unknown;
}

export async function mvSubmissionFromArgs(args: unknown): Promise<MvSubmission> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new InputError([{ field: 'arguments', message: vscode.l10n.t('giggle.generateMusicVideo takes one object with the submit fields (name, aspect, musicGenerateType, ...).') }]);
  }
  const { musicFile, ...others } = args as MusicVideoArgs;
  const song = await songInput(others, musicFile);
  const { fields, reference } = await referenceInput(others);
  return { fields, reference, song };
}

/** `musicFile` or `musicAssetId` means upload mode; a mode that says otherwise is a mistake worth naming. */
async function songInput(args: Record<string, unknown>, musicFile: unknown): Promise<SongFile | undefined> {
  if (musicFile === undefined && args.musicAssetId === undefined) return undefined;
  if (musicFile !== undefined && args.musicAssetId !== undefined) {
    throw new InputError([{ field: 'musicFile', message: vscode.l10n.t('Give the song once: musicFile (a file) or musicAssetId (a Giggle asset id), not both.') }]);
  }
  if (args.musicGenerateType !== undefined && args.musicGenerateType !== 'upload') {
    throw new InputError([{ field: 'musicGenerateType', message: vscode.l10n.t('A song of your own (musicFile or musicAssetId) needs musicGenerateType "upload" (got {0}).', String(args.musicGenerateType)) }]);
  }
  args.musicGenerateType = 'upload';
  return musicFile === undefined ? undefined : readSongFile(musicFile);
}

/**
 * One reference image given as one string becomes a frame; anything else
 * (both fields, a number...) stays in the fields for the checks to name.
 */
async function referenceInput(args: Record<string, unknown>): Promise<{ fields: Record<string, unknown>; reference?: SubmissionFrame }> {
  const { referenceImageFile, referenceImage, referenceImageUrl, ...fields } = args as MusicVideoArgs;
  if (referenceImageFile === undefined) {
    if (typeof referenceImage === 'string' && referenceImageUrl === undefined) return { fields, reference: { kind: 'asset', assetId: referenceImage } };
    if (typeof referenceImageUrl === 'string' && referenceImage === undefined) return { fields, reference: urlOrBytes(referenceImageUrl) };
    return { fields: { ...fields, referenceImage, referenceImageUrl } };
  }
  if (referenceImage !== undefined || referenceImageUrl !== undefined) {
    throw new InputError([{ field: 'referenceImage', message: vscode.l10n.t('Give exactly one reference image: referenceImage (asset id), referenceImageUrl, or referenceImageFile.') }]);
  }
  return { fields, reference: await frameFromArgument({ file: referenceImageFile }, 'referenceImage') };
}

/** referenceImageUrl holds a URL or raw base64; a scheme (other than data:) means a URL was meant, as the checks read it. */
function urlOrBytes(value: string): SubmissionFrame {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^data:/i.test(value) ? { kind: 'url', url: value } : inlineFrame(value);
}
