/**
 * Scripted music-video arguments (the API's submit fields camelCased) to the
 * submission input: a reference image given as a file is read here, through
 * the extension host, and sent as raw base64 in `referenceImageUrl`.
 */
import * as vscode from 'vscode';
import { InputError } from '../giggle/errors';
import type { FrameSource } from '../jobs/jobTypes';
import { frameFromArgument, type ResolvedFrame } from '../platform/workspaceImages';
import { readSongFile, type SongFile } from '../platform/songFile';

export interface MusicVideoArgs extends Record<string, unknown> {
  referenceImageFile?: unknown;
  musicFile?: unknown;
}

export interface MusicVideoInput {
  input: Record<string, unknown>;
  reference?: FrameSource;
  /** The reference image read from a file, for an upload as an asset (giggle.frames.upload = asset). */
  file?: ResolvedFrame;
  /** The user's own song (musicFile), checked and read; uploaded as an asset after the key check. */
  song?: SongFile;
}

export async function musicVideoInput(args: unknown): Promise<MusicVideoInput> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new InputError([{ field: 'arguments', message: vscode.l10n.t('giggle.generateMusicVideo takes one object with the submit fields (name, aspect, musicGenerateType, ...).') }]);
  }
  const { musicFile, ...others } = args as MusicVideoArgs;
  const song = await songInput(others, musicFile);
  const { input, reference, file } = await referenceInput(others);
  return { input, reference, file, song };
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

async function referenceInput(args: Record<string, unknown>): Promise<Omit<MusicVideoInput, 'song'>> {
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
