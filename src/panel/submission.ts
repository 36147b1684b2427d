/**
 * Submitting from the panel: the form becomes a submission, checked once
 * with every problem next to its field (src/panel/submissionForm.ts), then
 * goes to the one submission path of its kind (src/submission/), the same
 * the commands and the public API use.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { isGiggleError } from '../giggle/errors';
import { redactSecrets } from '../giggle/redact';
import type { FieldIssue } from '../giggle/validation';
import { describeError } from '../platform/notifications';
import { readSongFile } from '../platform/songFile';
import type { SubmitMusicVideoMessage, SubmitResult, SubmitVideoMessage } from '../shared/protocol';
import { submitMusicVideo } from '../submission/musicVideo';
import { submitVideo } from '../submission/submitVideo';
import { rememberDefaults } from './defaults';
import { sortIssues } from './fields';
import { parseWebviewUri, parseWorkspaceUri, readFrameImage } from './images';
import { mvFromForm, videoFromForm } from './submissionForm';
import type { DroppedImages, FormReaders } from './submissionForm';

export type { DroppedImages } from './submissionForm';

export async function submitVideoFromPanel(ctx: GiggleContext, message: SubmitVideoMessage, dropped: DroppedImages): Promise<SubmitResult> {
  const form = await videoFromForm(message, readers(dropped));
  if (!form.ok) return failure('video', message.requestId, form.issues);
  await rememberDefaults(ctx.extension.globalState, { model: message.model, aspectRatio: message.aspectRatio, resolution: message.resolution });
  try {
    const job = await submitVideo(ctx, form.value);
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
  const form = await mvFromForm(message, readers(dropped));
  if (!form.ok) return failure('mv', message.requestId, form.issues);
  await rememberDefaults(ctx.extension.globalState, { mvAspect: message.aspect });
  try {
    const job = await submitMusicVideo(ctx, form.value);
    return { type: 'submitResult', requestId: message.requestId, ok: true, tab: 'mv', jobId: job.id, remoteId: job.projectId };
  } catch (error) {
    return errorResult(ctx, 'mv', message.requestId, error);
  }
}

/** The host's readers for what the webview names: only URIs it may read (parseWebviewUri), each read once. */
function readers(dropped: DroppedImages): FormReaders {
  return {
    dropped,
    readImage: async (text, field) => {
      const uri = parseWebviewUri(text);
      const read = uri ? await readFrameImage(uri) : { ok: false as const, message: vscode.l10n.t('This image cannot be read; pick it again.') };
      if (!read.ok) return { ok: false, issues: [{ field, message: read.message }] };
      return { ok: true, value: { kind: 'bytes', base64: read.base64, byteLength: read.bytes.byteLength, origin: { kind: 'file', uri: uri!.toString() } } };
    },
    readSong: async (text) => {
      const uri = parseWorkspaceUri(text);
      if (!uri) return { ok: false, issues: [{ field: 'song', message: vscode.l10n.t('This song cannot be read; pick it again.') }] };
      try {
        return { ok: true, value: await readSongFile(uri) };
      } catch (error) {
        if (!(isGiggleError(error) && error.kind === 'invalidInput' && 'issues' in error)) throw error;
        return { ok: false, issues: (error as { issues: FieldIssue[] }).issues };
      }
    },
  };
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
