/**
 * How a music video's progress reads in the Jobs view: step names, the four
 * step rows with their sub-steps, and the short "shot (3/4)" label. Pure; the
 * tree gets these through mvFollowing.ts's mvPresentation.
 */
import * as l10n from '@vscode/l10n';
import { MV_STEPS } from '../giggle/catalogue';
import type { MvStep } from '../giggle/types';
import type { MvJob } from './jobTypes';
import { failedMvStep, nonEmpty, norm, progressOf, subStepFailed, type MvStepProgress } from './mvSnapshot';

export interface MvSubStepView {
  step: string;
  state: MvStepProgress;
  error?: string;
}

export interface MvStepView {
  step: MvStep;
  state: MvStepProgress;
  error?: string;
  subSteps: MvSubStepView[];
}

/**
 * A music video step's name for people: Giggle's step ids (music-generate,
 * storyboard, shot, editor) read as words; unknown steps keep their id.
 */
export function mvStepLabel(step: string): string {
  switch (step) {
    case 'music-generate':
      return l10n.t({ message: 'music-generate', args: [], comment: ['music video step name'] });
    case 'storyboard':
      return l10n.t({ message: 'storyboard', args: [], comment: ['music video step name'] });
    case 'shot':
      return l10n.t({ message: 'shot', args: [], comment: ['music video step name'] });
    case 'editor':
      return l10n.t({ message: 'editor', args: [], comment: ['music video step name'] });
    default:
      return step;
  }
}

/** The four steps in Giggle's order, merging `completed_steps`, `current_step` and `steps[]` (with sub-steps). */
export function stepsOf(job: MvJob): MvStepView[] {
  const state = job.project;
  const allDone = job.phase === 'completed';
  return MV_STEPS.map((name): MvStepView => {
    const entry = state?.steps.find((step) => step.step === name);
    const subSteps: MvSubStepView[] = (entry?.subSteps ?? []).map((sub) => ({
      step: sub.step,
      state: allDone ? 'done' : subStepFailed(sub) ? 'failed' : progressOf(sub.status),
      ...(nonEmpty(sub.error) ? { error: nonEmpty(sub.error) } : {}),
    }));
    if (allDone) return { step: name, state: 'done', subSteps };
    const failedSub = subSteps.find((sub) => sub.state === 'failed');
    const failedHere =
      progressOf(entry?.status) === 'failed' ||
      !!nonEmpty(entry?.error) ||
      !!failedSub ||
      (job.phase === 'failed' && failedMvStep(job) === name);
    if (failedHere) {
      const error = nonEmpty(entry?.error) ?? failedSub?.error ?? nonEmpty(state?.errorMessage);
      return { step: name, state: 'failed', ...(error ? { error } : {}), subSteps };
    }
    if (state?.completedSteps.includes(name) || progressOf(entry?.status) === 'done') return { step: name, state: 'done', subSteps };
    const running =
      (entry !== undefined && progressOf(entry.status) === 'running') ||
      subSteps.some((sub) => sub.state === 'running') ||
      // At the pay gate current_step already names the next step, which is not running.
      (entry === undefined && state?.currentStep === name && job.phase === 'running');
    return { step: name, state: running ? 'running' : 'waiting', subSteps };
  });
}

/** A short label for the tree, e.g. "shot (3/4)", "waiting for payment", "finishing"; undefined = use the phase text. */
export function currentStepLabel(job: MvJob): string | undefined {
  switch (job.phase) {
    case 'awaitingPayment':
      return l10n.t('waiting for payment');
    case 'paying':
      return l10n.t('paying…');
    case 'failed': {
      const step = failedMvStep(job);
      return step ? l10n.t('{0} failed', mvStepLabel(step)) : undefined;
    }
    case 'running':
      break;
    default:
      return undefined;
  }
  if (!job.project) return l10n.t('starting');
  const steps = stepsOf(job);
  const index = steps.findIndex((step) => step.state === 'running');
  const next = index >= 0 ? index : steps.findIndex((step) => step.state !== 'done');
  // `status: completed` without download_url, or every step done: only the link is missing.
  if (next < 0 || norm(job.project.status) === 'completed') return l10n.t('finishing');
  return l10n.t('{0} ({1}/{2})', mvStepLabel(steps[next].step), next + 1, steps.length);
}

