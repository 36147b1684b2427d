/**
 * The generator panel's form as a submission: each frame file is read once
 * (through the reader the host passes in), each dropped image checked once,
 * and the whole form checked once, every problem at once and next to its
 * field. No vscode import (the readers are given): unit-tested in Node.
 */
import * as l10n from '@vscode/l10n';
import type { FieldIssue, Validated } from '../giggle/validation';
import { validateVideoRequest } from '../giggle/validation';
import { frameFromImageBytes } from '../giggle/frames';
import type { VideoRequest } from '../giggle/types';
import type { SongFile } from '../platform/songFile';
import type { FrameField, FrameInput, SongInput, SubmitMusicVideoMessage, SubmitVideoMessage } from '../shared/protocol';
import type { CheckedMusicVideo } from '../jobs/mvSubmission';
import { inlineFrame } from '../submission/frame';
import type { SubmissionFrame } from '../submission/frame';
import { checkMvSubmission } from '../submission/musicVideoCheck';
import type { CheckedMvSubmission } from '../submission/musicVideoCheck';
import { checkVideoSubmission } from '../submission/video';
import type { CheckedVideoSubmission } from '../submission/video';

/** Bytes of images dropped from the OS, by token (they have no file the host could read again). */
export type DroppedImages = Pick<Map<string, { name: string; bytes: Uint8Array }>, 'get'>;

export interface FormReaders {
  /** An image file the webview named (a URI string), read and checked once, as a frame of `field`. */
  readImage(uri: string, field: FrameField): Promise<Validated<SubmissionFrame>>;
  /** The user's own song the webview named, read and checked once. */
  readSong(uri: string): Promise<Validated<SongFile>>;
  dropped: DroppedImages;
}

export async function videoFromForm(
  message: SubmitVideoMessage,
  readers: FormReaders,
  validate: (input: unknown) => Validated<VideoRequest> = validateVideoRequest,
): Promise<Validated<CheckedVideoSubmission>> {
  const issues: FieldIssue[] = [];
  const startFrame = message.startFrame && (await frameFromForm(message.startFrame, 'startFrame', readers, issues));
  const endFrame = message.endFrame && (await frameFromForm(message.endFrame, 'endFrame', readers, issues));
  const { prompt, model, duration, aspectRatio, resolution } = message;
  const checked = checkVideoSubmission({ prompt, model, duration, aspectRatio, resolution, startFrame, endFrame }, validate);
  if (!checked.ok) issues.push(...checked.issues);
  return issues.length > 0 || !checked.ok ? { ok: false, issues } : checked;
}

export async function mvFromForm(
  message: SubmitMusicVideoMessage,
  readers: FormReaders,
  check?: (input: unknown) => Validated<CheckedMusicVideo>,
): Promise<Validated<CheckedMvSubmission>> {
  const issues: FieldIssue[] = [];
  const reference = await frameFromForm(message.referenceImage, 'referenceImage', readers, issues);
  const song = message.musicGenerateType === 'upload' ? await songFromForm(message.song ?? { kind: 'missing' }, readers, issues) : undefined;
  const specific =
    message.musicGenerateType === 'prompt'
      ? { prompt: message.prompt ?? '', vocalGender: message.vocalGender ?? 'auto', instrumental: message.instrumental ?? false }
      : message.musicGenerateType === 'custom'
        ? { lyrics: message.lyrics ?? '', style: message.style ?? '', title: message.title ?? '' }
        : {};
  // Only a 30-second version says so, as the wizard and scripts do.
  const length = message.projectType === 'aimv-30' ? { projectType: message.projectType } : {};
  const fields = {
    name: message.name,
    aspect: message.aspect,
    musicGenerateType: message.musicGenerateType,
    sceneDescription: message.sceneDescription,
    subtitleEnabled: message.subtitleEnabled,
    ...specific,
    ...length,
    ...(song && 'musicAssetId' in song ? { musicAssetId: song.musicAssetId } : {}),
  };
  const checked = checkMvSubmission({ fields, reference, song: song && 'file' in song ? song.file : undefined }, check);
  // A missing or unreadable reference image was named next to its field already; the check's "required" would say it twice.
  if (!checked.ok) issues.push(...checked.issues.filter((issue) => reference || !issue.field.startsWith('referenceImage')));
  return issues.length > 0 || !checked.ok ? { ok: false, issues } : checked;
}

/** What a frame field set to "image" without one says. */
function missingMessage(field: FrameField): string {
  switch (field) {
    case 'startFrame':
      return l10n.t('Pick, drop or enter a start frame image, or choose "None".');
    case 'endFrame':
      return l10n.t('Pick, drop or enter an end frame image, or choose "None".');
    case 'referenceImage':
      return l10n.t('A reference image is required: pick or drop an image, or give an https URL or an asset id.');
  }
}

async function frameFromForm(input: FrameInput, field: FrameField, readers: FormReaders, issues: FieldIssue[]): Promise<SubmissionFrame | undefined> {
  switch (input.kind) {
    case 'missing':
      issues.push({ field, message: missingMessage(field) });
      return undefined;
    case 'url':
      return { kind: 'url', url: input.url.trim() };
    case 'asset':
      return { kind: 'asset', assetId: input.assetId.trim() };
    case 'file': {
      const read = await readers.readImage(input.uri, field);
      if (!read.ok) issues.push(...read.issues);
      return read.ok ? read.value : undefined;
    }
    case 'dropped': {
      const image = readers.dropped.get(input.token);
      if (!image) {
        issues.push({ field, message: l10n.t('The dropped image is no longer available (the window was reloaded or the panel closed); drop or pick it again.') });
        return undefined;
      }
      const checked = frameFromImageBytes(image.bytes, image.name);
      if (!checked.ok) {
        issues.push(...checked.issues.map((issue) => ({ field, message: issue.message })));
        return undefined;
      }
      return inlineFrame(checked.value.base64, { kind: 'dropped', name: image.name });
    }
  }
}

/**
 * The user's own song: a file is read and checked once by the same code as
 * `musicFile` (src/platform/songFile.ts: size before reading, then content),
 * so a wrong file is refused next to the field before anything is sent, and
 * the bytes read are the ones uploaded.
 */
async function songFromForm(input: SongInput, readers: FormReaders, issues: FieldIssue[]): Promise<{ file: SongFile } | { musicAssetId: string } | undefined> {
  switch (input.kind) {
    case 'missing':
      issues.push({ field: 'song', message: l10n.t('Pick your song (an MP3, WAV, OGG or FLAC file) or enter its Giggle asset id.') });
      return undefined;
    case 'asset':
      return { musicAssetId: input.assetId.trim() };
    case 'file': {
      const read = await readers.readSong(input.uri);
      if (!read.ok) issues.push(...read.issues);
      return read.ok ? { file: read.value } : undefined;
    }
  }
}
