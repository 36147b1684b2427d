/**
 * Reading one music video snapshot (giggle-api.md, "Music video, trustee
 * mode"): Giggle's loose step statuses, and where a failure is. Shared by the
 * reducer (mvProgress.ts) and the step rows (mvPresentation.ts), so both read
 * a snapshot by the same rules.
 */
import { MV_STEPS } from '../giggle/catalogue';
import type { MvJob } from './jobTypes';
import type { MvProjectState, MvStep } from '../giggle/types';

export type MvStepProgress = 'done' | 'running' | 'failed' | 'waiting';

// Giggle documents only `completed` and `failed`; the generation API also says `error`, so both count.
const FAILED_STATUSES = new Set(['failed', 'error', 'fail']);
const DONE_STATUSES = new Set(['completed', 'complete', 'done', 'success', 'succeeded', 'finished']);
const WAITING_STATUSES = new Set(['', 'pending', 'waiting', 'queued', 'created', 'not_started', 'init']);

export function norm(status: string | undefined): string {
  return (status ?? '').trim().toLowerCase();
}

export function isMvStep(step: string | undefined): step is MvStep {
  return (MV_STEPS as readonly string[]).includes(step ?? '');
}

export function progressOf(status: string | undefined): MvStepProgress {
  const s = norm(status);
  if (FAILED_STATUSES.has(s)) return 'failed';
  if (DONE_STATUSES.has(s)) return 'done';
  if (WAITING_STATUSES.has(s)) return 'waiting';
  return 'running';
}

/** Where a snapshot says the project failed, and Giggle's words for it when it gave any. */
export interface Failure {
  step?: MvStep;
  subStep?: string;
  text?: string;
}

/**
 * A sub-step has failed when its status says so or when it carries an error
 * text alone: Giggle's trustee_api.py (line 421) stops on either, whatever
 * the statuses say.
 */
export function subStepFailed(sub: { status: string; error?: string }): boolean {
  return progressOf(sub.status) === 'failed' || nonEmpty(sub.error) !== undefined;
}

/**
 * The failed step (and sub-step) in the snapshot, if any; `steps[]` is more
 * specific than the top-level fields. As in trustee_api.py (line 415) a
 * non-empty `err_msg` alone also means the project failed, even while every
 * status still says it is running: the step is then `current_step`.
 */
export function findFailure(state: MvProjectState): Failure | undefined {
  for (const step of state.steps) {
    const failedSub = step.subSteps.find(subStepFailed);
    if (progressOf(step.status) === 'failed' || nonEmpty(step.error) || failedSub) {
      return {
        step: isMvStep(step.step) ? step.step : isMvStep(state.currentStep) ? state.currentStep : undefined,
        subStep: failedSub?.step,
        text: nonEmpty(step.error) ?? nonEmpty(failedSub?.error) ?? nonEmpty(state.errorMessage),
      };
    }
  }
  if (FAILED_STATUSES.has(norm(state.status)) || nonEmpty(state.errorMessage)) {
    return { step: isMvStep(state.currentStep) ? state.currentStep : undefined, text: nonEmpty(state.errorMessage) };
  }
  return undefined;
}

export function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** The step to name in a retry call: the failed one in the last snapshot, else the current step. */
export function failedMvStep(job: MvJob): MvStep | undefined {
  const state = job.project;
  if (!state) return undefined;
  const failure = findFailure(state);
  if (failure?.step) return failure.step;
  return isMvStep(state.currentStep) ? state.currentStep : undefined;
}

