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
import { InputError } from '../giggle/errors';
import { inertText } from '../giggle/serviceText';
import type { MvJob } from '../jobs/jobTypes';
import { submitMusicVideo as submitJob, withUploadedAssets } from '../jobs/mvSubmission';
import { uploadOnce } from '../platform/frameUpload';
import { settings } from '../platform/settings';
import { displayPath } from '../platform/workspaceImages';
import { frameSource, referenceFields } from './frame';
import { checkMvSubmission } from './musicVideoCheck';
import type { CheckedMvSubmission, MvSubmission } from './musicVideoCheck';
import { ensureKey } from './requireKey';
import { isFileFrame, uploadFrame } from './uploads';

export function submitDeps(ctx: GiggleContext) {
  return { store: ctx.store, api: ctx.client(), newId: randomUUID, now: Date.now };
}

/**
 * `submission` may come checked already (the panel checks before, to show
 * every issue next to its field); it is never checked twice, and a form that
 * would be refused uploads nothing.
 */
export async function submitMusicVideo(ctx: GiggleContext, submission: MvSubmission | CheckedMvSubmission): Promise<MvJob> {
  await ensureKey(ctx, 'createProject');
  const checked = 'request' in submission ? submission : mustCheck(submission);
  const { song, reference } = checked;
  let request = checked.request;
  if (song) {
    // Giggle takes the song only as an asset id (music_asset_id); the same song is uploaded once.
    const musicAssetId = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading your song to Giggle…') },
      () => uploadOnce(ctx, { ...song, field: 'musicFile' }, (reason) =>
        vscode.l10n.t('Uploading {0} to Giggle failed, so the music video was not submitted: {1}. Try again.', displayPath(song.uri), reason)),
    );
    request = withUploadedAssets(request, { musicAssetId });
  }
  if (isFileFrame(reference) && settings.framesUpload() === 'asset') {
    // As for video frames: uploaded once per content (cached by hash) and sent as `reference_image` (an asset id).
    const uploaded = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading the reference image to Giggle…') },
      () => uploadFrame(ctx, reference, 'referenceImage'),
    );
    if (uploaded) request = withUploadedAssets(request, { reference: referenceFields(uploaded) });
  }
  const origin = reference && frameSource(reference);
  const job = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating and submitting the music video…') },
    () => submitJob(submitDeps(ctx), request, origin),
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

function mustCheck(submission: MvSubmission): CheckedMvSubmission {
  const checked = checkMvSubmission(submission);
  if (!checked.ok) throw new InputError(checked.issues, 'submitMv');
  return checked.value;
}
