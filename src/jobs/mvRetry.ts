/**
 * "Retry Failed Step": asks Giggle to resume a failed music video from the
 * step that failed (giggle-api.md: retry names the step). Never automatic:
 * the seed says not to retry on error by itself, and the user may want to
 * change the input instead (a moderation failure will fail again as is).
 */
import * as l10n from '@vscode/l10n';
import type { MvStep } from '../giggle/types';
import type { MvJob } from './jobTypes';
import type { JobStore } from './jobStore';
import { MvActionError, jobErrorFrom, outcomeUnknown } from './mvActions';
import { mvStepLabel } from './mvPresentation';
import { failedMvStep } from './mvSnapshot';
import { phaseText } from './phaseText';

export interface MvRetryApi {
  retryMv(projectId: string, step: MvStep): Promise<void>;
}

export interface MvRetryDeps {
  store: JobStore;
  api: MvRetryApi;
  now: () => number;
}

/** Jobs with a retry call in flight: a double click sends one retry. */
const retrying = new Set<string>();

/**
 * Only from `failed`. Resolves with the job `running` again (lastError
 * cleared, retriedStep set, a fresh hour on the give-up clock). A refusal keeps
 * it `failed` with the new reason and rejects with the API's error; an unknown
 * outcome sets it `running` with a note, and the next progress reply shows
 * whether the step is running again or still failed.
 */
export async function retryMusicVideoStep(deps: MvRetryDeps, jobId: string): Promise<MvJob> {
  const job = deps.store.get(jobId);
  if (!job || job.kind !== 'mv') throw new MvActionError('notFound', l10n.t('That music video is no longer in the list.'));
  if (retrying.has(jobId)) throw new MvActionError('inProgress', l10n.t('A retry for this music video is already on its way.'));
  if (job.phase !== 'failed' || !job.projectId) {
    throw new MvActionError('wrongPhase', l10n.t('Only a music video with a failed step can be retried; this one is {0}.', phaseText(job)));
  }
  const step = failedMvStep(job);
  if (!step) {
    throw new MvActionError('noStep', l10n.t('Giggle did not say which step failed, so there is nothing to retry yet. Refresh the job and try again.'));
  }
  const projectId = job.projectId;
  retrying.add(jobId);
  try {
    // Claimed in the shared jobs file under its lock: a window that retried it already left it `running`.
    await deps.store.claim<MvJob>(jobId, (fresh) => {
      if (fresh.phase !== 'failed') {
        throw new MvActionError('inProgress', l10n.t('This music video was retried already (perhaps in another window); it is {0}.', phaseText(fresh)));
      }
      return { phase: 'running', retriedStep: step, waitingSince: deps.now(), overdue: false };
    });
    try {
      await deps.api.retryMv(projectId, step);
    } catch (error) {
      const now = deps.now();
      if (outcomeUnknown(error)) {
        // A repeated retry costs nothing, so following is safe: the next reply tells running from still failed.
        deps.store.update<MvJob>(
          jobId,
          () => ({
            phase: 'running',
            retriedStep: step,
            waitingSince: now,
            overdue: false,
            lastError: jobErrorFrom(error, now, (message) =>
              l10n.t('The retry of {0} may or may not have reached Giggle; following to find out. {1}', mvStepLabel(step), message),
            ),
          }),
          { persistNow: true },
        );
      } else {
        const lastError = jobErrorFrom(error, now, (message) => l10n.t('Retry of {0} refused: {1}', mvStepLabel(step), message));
        deps.store.update<MvJob>(jobId, () => ({ phase: 'failed', retriedStep: job.retriedStep, lastError }), {
          persistNow: true,
        });
      }
      throw error;
    }
    const now = deps.now();
    const updated = deps.store.update<MvJob>(
      jobId,
      () => ({ phase: 'running', retriedStep: step, waitingSince: now, overdue: false, lastError: undefined, fault: undefined }),
      { persistNow: true },
    );
    return updated ?? job;
  } finally {
    retrying.delete(jobId);
  }
}
