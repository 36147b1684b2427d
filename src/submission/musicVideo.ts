/**
 * The one way a music video is submitted, whatever built the submission
 * (scripted arguments, the wizard, the generator panel, the public API):
 * check the key, upload the user's own song and (when the setting asks for
 * assets) a reference image file, then create and submit the project as one
 * action (../jobs/mvSubmission.ts records the job before each request).
 */
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { GiggleContext } from '../context';
import { inertText } from '../giggle/serviceText';
import type { MvJob } from '../jobs/jobTypes';
import { submitMusicVideo as submitJob } from '../jobs/mvSubmission';
import { uploadOnce } from '../platform/frameUpload';
import { settings } from '../platform/settings';
import type { SongFile } from '../platform/songFile';
import { displayPath } from '../platform/workspaceImages';
import { frameSource, referenceFields } from './frame';
import type { SubmissionFrame } from './frame';
import { ensureKey } from './requireKey';
import { isFileFrame, uploadFrame } from './uploads';

export interface MvSubmission {
  /**
   * The form as the API's submit takes it, camelCased (name, aspect,
   * projectType, musicGenerateType and its fields, sceneDescription,
   * subtitleEnabled, musicAssetId): values as given, checked on submit.
   */
  fields: Record<string, unknown>;
  /** The reference image; without one, `fields` may hold a script's referenceImage / referenceImageUrl as given, for the checks to name. */
  reference?: SubmissionFrame;
  /** The user's own song, read and checked once (upload mode). */
  song?: SongFile;
}

export function submitDeps(ctx: GiggleContext) {
  return { store: ctx.store, api: ctx.client(), newId: randomUUID, now: Date.now };
}

export async function submitMusicVideo(ctx: GiggleContext, submission: MvSubmission): Promise<MvJob> {
  await ensureKey(ctx, 'createProject');
  const { song } = submission;
  let reference = submission.reference;
  const input: Record<string, unknown> = { ...submission.fields };
  if (song) {
    // Giggle takes the song only as an asset id (music_asset_id); the same song is uploaded once.
    input.musicAssetId = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading your song to Giggle…') },
      () => uploadOnce(ctx, { ...song, field: 'musicFile' }, (reason) =>
        vscode.l10n.t('Uploading {0} to Giggle failed, so the music video was not submitted: {1}. Try again.', displayPath(song.uri), reason)),
    );
  }
  const origin = reference && frameSource(reference);
  if (isFileFrame(reference) && settings.framesUpload() === 'asset') {
    // As for video frames: uploaded once per content (cached by hash) and sent as `reference_image` (an asset id).
    reference = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading the reference image to Giggle…') },
      () => uploadFrame(ctx, reference, 'referenceImage'),
    );
  }
  if (reference) Object.assign(input, referenceFields(reference));
  const job = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating and submitting the music video…') },
    () => submitJob(submitDeps(ctx), input, origin),
  );
  ctx.log.info(`music video submitted: project ${job.projectId}`);
  void ctx.treeView.reveal(ctx.tree.nodeFor(job.id), { select: true, focus: false }).then(undefined, () => undefined);
  // The project id is Giggle's text too.
  void vscode.window.showInformationMessage(
    inertText(
      vscode.l10n.t(
        'Music video "{0}" submitted (project {1}). Giggle writes the song and storyboard first, then asks for payment; this usually takes 5 to 40 minutes.',
        job.request.name,
        String(job.projectId),
      ),
    ),
  );
  return job;
}
