/**
 * "Submit Again" for a video job that was refused or whose outcome is
 * unknown. Never automatic: for an unknown outcome the user confirms that
 * they accept a possible second charge, since Giggle has no way to look up a
 * task that returned no id.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { FrameSource, VideoJob } from '../jobs/jobTypes';
import { whileJobLocked } from '../jobs/jobLock';
import { noVideoCameBack } from '../jobs/videoProgress';
import { resolveJob } from './jobArguments';
import { submitVideoFromArgs } from './videoSubmit';

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
  const frames = [frameArgument(job.request.startFrame), frameArgument(job.request.endFrame)];
  if (frames.some((frame) => frame === 'unavailable')) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('This job\'s image was given as inline data, which is not kept. Generate the video again with the image.'),
    );
    return undefined;
  }
  return submitVideoFromArgs(ctx, { ...requestArgs(job), startFrame: frames[0], endFrame: frames[1] }, { replaceJobId: job.id });
}

function requestArgs(job: VideoJob) {
  const { prompt, model, duration, aspectRatio, resolution } = job.request;
  return { prompt, model, duration, aspectRatio, resolution };
}

function frameArgument(source: FrameSource | undefined): Record<string, unknown> | undefined | 'unavailable' {
  if (!source) return undefined;
  switch (source.kind) {
    case 'asset':
      return { assetId: source.assetId };
    case 'url':
      return { url: source.url };
    case 'file':
      return { file: source.path };
    case 'base64':
      return 'unavailable';
  }
}
