/**
 * Submitting from the panel: check the whole form with the shared validators
 * (every problem at once, next to its field, nothing sent), then hand over to
 * the same submission paths as every other front end: submitVideoFromArgs for
 * videos, the `giggle.generateMusicVideo` command for music videos.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { submitVideoFromArgs } from '../commands/videoSubmit';
import type { VideoArgs } from '../commands/videoSubmit';
import { frameFromImageBytes } from '../giggle/frames';
import { isGiggleError } from '../giggle/errors';
import { redactSecrets } from '../giggle/redact';
import type { Frame } from '../giggle/types';
import { validateMvCreate, validateMvSubmit, validateVideoRequest } from '../giggle/validation';
import type { FieldIssue } from '../giggle/validation';
import type { MvJob } from '../jobs/jobTypes';
import { describeError } from '../platform/notifications';
import type { FrameField, FrameInput, SongInput, SubmitMusicVideoMessage, SubmitResult, SubmitVideoMessage } from '../shared/protocol';
import { readSongFile } from '../platform/songFile';
import { rememberDefaults } from './defaults';
import { sortIssues } from './fields';
import { parseWebviewUri, parseWorkspaceUri, readImageFile } from './images';

/** Bytes of images dropped from the OS, by token (they have no file the host could read again). */
export type DroppedImages = Pick<Map<string, { name: string; bytes: Uint8Array }>, 'get'>;

/** A frame checked and ready: what the validators see, and what the submission path is given. */
interface ResolvedFrame {
  /** As the API takes it, for validation. */
  frame: Frame;
  /** As submitVideoFromArgs / giggle.generateMusicVideo take it. */
  arg: { file: string } | { base64: string } | { url: string } | { assetId: string };
}

/** What a frame field set to "image" without one says. */
function missingMessage(field: FrameField): string {
  switch (field) {
    case 'startFrame':
      return vscode.l10n.t('Pick, drop or enter a start frame image, or choose "None".');
    case 'endFrame':
      return vscode.l10n.t('Pick, drop or enter an end frame image, or choose "None".');
    case 'referenceImage':
      return vscode.l10n.t('A reference image is required: pick or drop an image, or give an https URL or an asset id.');
  }
}

async function resolveFrame(
  input: FrameInput,
  field: FrameField,
  dropped: DroppedImages,
  issues: FieldIssue[],
): Promise<ResolvedFrame | undefined> {
  switch (input.kind) {
    case 'missing':
      issues.push({ field, message: missingMessage(field) });
      return undefined;
    case 'url':
      return { frame: { url: input.url.trim() }, arg: { url: input.url.trim() } };
    case 'asset':
      return { frame: { asset_id: input.assetId.trim() }, arg: { assetId: input.assetId.trim() } };
    case 'file': {
      const uri = parseWebviewUri(input.uri);
      const read = uri ? await readImageFile(uri) : { ok: false as const, message: vscode.l10n.t('This image cannot be read; pick it again.') };
      if (!read.ok) {
        issues.push({ field, message: read.message });
        return undefined;
      }
      const checked = frameFromImageBytes(read.bytes, field);
      if (!checked.ok) {
        issues.push(...checked.issues);
        return undefined;
      }
      return { frame: checked.value, arg: { file: input.uri } };
    }
    case 'dropped': {
      const image = dropped.get(input.token);
      if (!image) {
        issues.push({ field, message: vscode.l10n.t('The dropped image is no longer available (the window was reloaded or the panel closed); drop or pick it again.') });
        return undefined;
      }
      const checked = frameFromImageBytes(image.bytes, image.name);
      if (!checked.ok) {
        issues.push(...checked.issues.map((issue) => ({ field, message: issue.message })));
        return undefined;
      }
      return { frame: checked.value, arg: { base64: checked.value.base64 } };
    }
  }
}

export async function submitVideoFromPanel(ctx: GiggleContext, message: SubmitVideoMessage, dropped: DroppedImages): Promise<SubmitResult> {
  const fail = (issues: FieldIssue[], general?: string): SubmitResult => failure('video', message.requestId, issues, general);
  const issues: FieldIssue[] = [];
  const start = message.startFrame && (await resolveFrame(message.startFrame, 'startFrame', dropped, issues));
  const end = message.endFrame && (await resolveFrame(message.endFrame, 'endFrame', dropped, issues));
  const request = {
    prompt: message.prompt,
    model: message.model,
    duration: message.duration,
    aspectRatio: message.aspectRatio,
    resolution: message.resolution,
  };
  const validated = validateVideoRequest({ ...request, startFrame: start?.frame, endFrame: end?.frame });
  if (!validated.ok) issues.push(...validated.issues);
  if (issues.length > 0) return fail(issues);

  await rememberDefaults(ctx.extension.globalState, { model: message.model, aspectRatio: message.aspectRatio, resolution: message.resolution });
  const args: VideoArgs = { ...request, startFrame: start?.arg, endFrame: end?.arg };
  try {
    const job = await submitVideoFromArgs(ctx, args);
    return { type: 'submitResult', requestId: message.requestId, ok: true, tab: 'video', jobId: job.id, remoteId: job.taskId };
  } catch (error) {
    return errorResult(ctx, 'video', message.requestId, error);
  }
}

export async function submitMusicVideoFromPanel(
  ctx: GiggleContext,
  message: SubmitMusicVideoMessage,
  dropped: DroppedImages,
): Promise<SubmitResult> {
  const issues: FieldIssue[] = [];
  const reference = await resolveFrame(message.referenceImage, 'referenceImage', dropped, issues);
  const song = message.musicGenerateType === 'upload' ? await resolveSong(message.song ?? { kind: 'missing' }, issues) : undefined;
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
  };
  // What the API's submit takes, for validation; the project id only exists once created.
  const apiReference = !reference
    ? {}
    : 'asset_id' in reference.frame
      ? { referenceImage: reference.frame.asset_id }
      : { referenceImageUrl: 'url' in reference.frame ? reference.frame.url : reference.frame.base64 };
  const create = validateMvCreate({ ...fields, ...length });
  if (!create.ok) issues.push(...create.issues);
  // A song file becomes an asset id only once uploaded; its own checks ran in resolveSong.
  const apiSong = song && ('musicAssetId' in song ? song : { musicAssetId: 'uploaded-at-submit' });
  const submit = validateMvSubmit({ ...fields, ...apiSong, ...apiReference, projectId: 'not-yet-created' });
  if (!submit.ok) issues.push(...submit.issues.filter((issue) => issue.field !== 'name' && (reference || !issue.field.startsWith('referenceImage'))));
  if (issues.length > 0) return failure('mv', message.requestId, issues);

  await rememberDefaults(ctx.extension.globalState, { mvAspect: message.aspect });
  const arg = reference!.arg;
  const args = {
    ...fields,
    ...length,
    ...song,
    ...('file' in arg
      ? { referenceImageFile: arg.file }
      : 'assetId' in arg
        ? { referenceImage: arg.assetId }
        : { referenceImageUrl: 'url' in arg ? arg.url : arg.base64 }),
  };
  try {
    const job = await vscode.commands.executeCommand<MvJob | undefined>('giggle.generateMusicVideo', args);
    if (!job) return failure('mv', message.requestId, [], vscode.l10n.t('The music video was not submitted.'));
    return { type: 'submitResult', requestId: message.requestId, ok: true, tab: 'mv', jobId: job.id, remoteId: job.projectId };
  } catch (error) {
    return errorResult(ctx, 'mv', message.requestId, error);
  }
}

/**
 * The user's own song: a file is checked here by the same code as `musicFile`
 * (src/platform/songFile.ts: size before reading, then content), so a wrong
 * file is refused next to the field before anything is sent; the command
 * reads and uploads it (once per content) on submit.
 */
async function resolveSong(input: SongInput, issues: FieldIssue[]): Promise<{ musicFile: string } | { musicAssetId: string } | undefined> {
  switch (input.kind) {
    case 'missing':
      issues.push({ field: 'song', message: vscode.l10n.t('Pick your song (an MP3, WAV, OGG or FLAC file) or enter its Giggle asset id.') });
      return undefined;
    case 'asset':
      return { musicAssetId: input.assetId.trim() };
    case 'file': {
      const uri = parseWorkspaceUri(input.uri);
      if (!uri) {
        issues.push({ field: 'song', message: vscode.l10n.t('This song cannot be read; pick it again.') });
        return undefined;
      }
      try {
        await readSongFile(uri);
      } catch (error) {
        if (!(isGiggleError(error) && error.kind === 'invalidInput' && 'issues' in error)) throw error;
        issues.push(...(error as { issues: FieldIssue[] }).issues);
        return undefined;
      }
      return { musicFile: input.uri };
    }
  }
}

function failure(tab: 'video' | 'mv', requestId: string, issues: FieldIssue[], general?: string): SubmitResult {
  const sorted = sortIssues(tab, issues);
  const message = [general, sorted.general].filter(Boolean).join(' ') || undefined;
  return { type: 'submitResult', requestId, ok: false, tab, issues: sorted.issues, message };
}

function errorResult(ctx: GiggleContext, tab: 'video' | 'mv', requestId: string, error: unknown): SubmitResult {
  if (isGiggleError(error) && error.kind === 'invalidInput' && 'issues' in error) {
    return failure(tab, requestId, (error as { issues: FieldIssue[] }).issues);
  }
  const secrets = [ctx.keys.known()].filter((s): s is string => !!s);
  const text = redactSecrets(describeError(error).message, secrets);
  ctx.log.warn(`generator panel: ${tab === 'video' ? 'video' : 'music video'} submission failed: ${text}`);
  return failure(tab, requestId, [], text);
}
