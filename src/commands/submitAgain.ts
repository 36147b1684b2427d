/**
 * "Submit Again" for a video job that was refused or whose outcome is
 * unknown. Never automatic: for an unknown outcome the user confirms that
 * they accept a possible second charge, since Giggle has no way to look up a
 * task that returned no id.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { VideoJob } from '../jobs/jobTypes';
import { whileJobLocked } from '../jobs/jobLock';
import { noVideoCameBack } from '../jobs/videoProgress';
import { resolveJob } from './jobArguments';
import { frameFromSource } from '../submission/frameFile';
import { submitVideo } from '../submission/submitVideo';

export async function submitAgain(ctx: GiggleContext, arg?: unknown): Promise<unknown> {
  const target = await resolveJob(ctx, arg, 'submit again');
  if (!target) return undefined;
  const { job } = target;
  if (job.kind === 'mv') return vscode.commands.executeCommand('giggle.resubmitMusicVideo', job.id);
  if (job.phase !== 'submitFailed' && job.phase !== 'outcomeUnknown' && !noVideoCameBack(job)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This job was submitted successfully; there is nothing to submit again.'));
    return undefined;
  }
  // Held from the question to the reply: a second click while frames are read or uploaded must not send again.
  return whileJobLocked(job.id, () => submitVideoAgain(ctx, job));
}

async function submitVideoAgain(ctx: GiggleContext, job: VideoJob): Promise<unknown> {
  if (job.phase === 'outcomeUnknown') {
    const submit = vscode.l10n.t('Submit Again');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Giggle may already have received this job (the reply was lost). Submitting again may create and charge a second video.'),
      { modal: true },
      submit,
    );
    if (choice !== submit) return undefined;
  }
  const { startFrame, endFrame, prompt, model, duration, aspectRatio, resolution } = job.request;
  if (startFrame?.kind === 'base64' || endFrame?.kind === 'base64') {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('This job\'s image was given as inline data, which is not kept. Generate the video again with the image.'),
    );
    return undefined;
  }
  const [start, end] = await Promise.all([startFrame && frameFromSource(startFrame, 'startFrame'), endFrame && frameFromSource(endFrame, 'endFrame')]);
  return submitVideo(ctx, { prompt, model, duration, aspectRatio, resolution, startFrame: start, endFrame: end }, { replaceJobId: job.id });
}
