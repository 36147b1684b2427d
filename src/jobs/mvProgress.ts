/**
 * What a music-video progress reply means for the job and for the user
 * (giggle-api.md, "Music video, trustee mode"). Pure except for the two small
 * store actions at the end, so every rule — the pay gate, the download_url
 * lag, step failures, the 1-hour give-up, "did my payment go through?" — is
 * tested without timers or a server.
 */
import * as l10n from '@vscode/l10n';
import { MV_STEPS } from '../giggle/catalogue';
import { isGiggleError } from '../giggle/errors';
import type { MvProjectState, MvStep } from '../giggle/types';
import type { JobError, MvJob } from './jobTypes';
import type { JobStore } from './jobStore';
import { phaseText } from './phaseText';

/** The public script gives up after 1 hour; the project stays queryable and resumable by hand. */
export const MV_GIVE_UP_MS = 60 * 60 * 1000;

/**
 * Right after a successful pay call Giggle may still report `pay_status:
 * pending` for a poll or two. Within this window that is read as lag, not as
 * a second payment request (which must never trigger another payment).
 */
export const MV_PAY_SETTLE_MS = 60 * 1000;

/** Likewise, a snapshot taken just after a retry may still show the old failure. */
export const MV_RETRY_SETTLE_MS = 30 * 1000;

export type MvProgressEvent =
  | 'awaitingPayment' // ask the user to pay, or auto-pay when mayAutoPay(job)
  | 'stepFailed' // a step failed; offer "Retry Failed Step"
  | 'ready' // download_url present
  | 'paidConfirmed' // a payment (ours, or made elsewhere) has taken effect
  | 'gaveUp' // 1 hour without a result; offer "Resume Following"
  | 'submitConfirmed' // a submission whose outcome was unknown did reach Giggle
  | 'notSubmitted'; // ... or did not: "Submit Again" is safe

export interface MvProgressUpdate {
  patch: Partial<MvJob>;
  events: MvProgressEvent[];
}

export type MvStepProgress = 'done' | 'running' | 'failed' | 'waiting';

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

/** What Giggle's snapshot says, independent of what the job believed before. */
type Reading =
  | { kind: 'ready' }
  | { kind: 'failed'; step?: MvStep; error: JobErrorText }
  | { kind: 'awaitingPayment' }
  | { kind: 'notStarted' }
  | { kind: 'running'; paid: boolean };

interface JobErrorText {
  kind: string;
  message: string;
}

// Giggle documents only `completed` and `failed`; the generation API also says `error`, so both count.
const FAILED_STATUSES = new Set(['failed', 'error', 'fail']);
const DONE_STATUSES = new Set(['completed', 'complete', 'done', 'success', 'succeeded', 'finished']);
const WAITING_STATUSES = new Set(['', 'pending', 'waiting', 'queued', 'created', 'not_started', 'init']);

function norm(status: string | undefined): string {
  return (status ?? '').trim().toLowerCase();
}

function isMvStep(step: string | undefined): step is MvStep {
  return (MV_STEPS as readonly string[]).includes(step ?? '');
}

function progressOf(status: string | undefined): MvStepProgress {
  const s = norm(status);
  if (FAILED_STATUSES.has(s)) return 'failed';
  if (DONE_STATUSES.has(s)) return 'done';
  if (WAITING_STATUSES.has(s)) return 'waiting';
  return 'running';
}

interface Failure {
  step?: MvStep;
  subStep?: string;
  text?: string;
}

/**
 * A sub-step has failed when its status says so or when it carries an error
 * text alone: Giggle's trustee_api.py (line 421) stops on either, whatever
 * the statuses say.
 */
function subStepFailed(sub: { status: string; error?: string }): boolean {
  return progressOf(sub.status) === 'failed' || nonEmpty(sub.error) !== undefined;
}

/**
 * The failed step (and sub-step) in the snapshot, if any; `steps[]` is more
 * specific than the top-level fields. As in trustee_api.py (line 415) a
 * non-empty `err_msg` alone also means the project failed, even while every
 * status still says it is running: the step is then `current_step`.
 */
function findFailure(state: MvProjectState): Failure | undefined {
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

/**
 * The pay gate: `pay_status: pending`, or (trustee_api.py line 424) a
 * `current_step` that contains "pay" whatever `pay_status` says. Both lead to
 * the same Pay / auto-pay path, and the phase machine below asks once.
 */
function atPayGate(state: MvProjectState): boolean {
  return norm(state.payStatus) === 'pending' || norm(state.currentStep).includes('pay');
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
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

/** The subject of a failure message: "The shot step (shot-3)", "The shot step" or "A step". */
function failedStepSubject(failure: Failure): string {
  if (!failure.step) return l10n.t('A step');
  const step = mvStepLabel(failure.step);
  return failure.subStep ? l10n.t('The {0} step ({1})', step, failure.subStep) : l10n.t('The {0} step', step);
}

function failureError(failure: Failure): JobErrorText {
  const where = failedStepSubject(failure);
  // giggle-api.md: a message containing "sensitive" means content moderation; say so plainly.
  if (failure.text && /sensitive/i.test(failure.text)) {
    return {
      kind: 'moderation',
      message: l10n.t(
        '{0} was rejected by Giggle\'s content checks ({1}). Change the prompt, lyrics or image; retrying as is will likely fail again.',
        where,
        failure.text,
      ),
    };
  }
  if (!failure.text) return { kind: 'stepFailed', message: l10n.t('{0} failed; Giggle gave no reason. Retry the step to resume.', where) };
  // Giggle's text often names the step already ("shot failed at shot-3: ..."); do not say it twice.
  const named = failure.step !== undefined && failure.text.toLowerCase().includes(failure.step);
  return { kind: 'stepFailed', message: named ? failure.text : l10n.t('{0} failed: {1}', where, failure.text) };
}

function hasProgress(state: MvProjectState): boolean {
  return (
    state.completedSteps.length > 0 ||
    state.steps.some((step) => progressOf(step.status) !== 'waiting' || step.subSteps.some((sub) => progressOf(sub.status) !== 'waiting'))
  );
}

/** Evidence that the pay gate is behind us: Giggle says paid, or the post-payment steps have started. */
function pastPayGate(state: MvProjectState): boolean {
  if (norm(state.payStatus) === 'paid') return true;
  if (state.completedSteps.includes('shot') || state.completedSteps.includes('editor')) return true;
  return state.steps.some((step) => (step.step === 'shot' || step.step === 'editor') && progressOf(step.status) !== 'waiting');
}

function read(state: MvProjectState): Reading {
  // giggle-api.md: the video is ready when download_url is set (it lags behind `status: completed`).
  if (nonEmpty(state.videoAsset?.downloadUrl)) return { kind: 'ready' };
  const failure = findFailure(state);
  if (failure) return { kind: 'failed', step: failure.step, error: failureError(failure) };
  if (atPayGate(state)) return { kind: 'awaitingPayment' };
  const status = norm(state.status);
  const created = status === 'created' || status === '' || state.steps.length === 0;
  if (created && !hasProgress(state) && !norm(state.payStatus) && status !== 'completed') return { kind: 'notStarted' };
  return { kind: 'running', paid: pastPayGate(state) };
}

function err(text: JobErrorText, now: number): JobError {
  return { kind: text.kind, message: text.message, at: now };
}

/** Where the give-up clock starts: older records without waitingSince fall back to payment, then creation. */
function clockStart(job: MvJob): number {
  return job.waitingSince ?? job.paidAt ?? job.createdAt;
}

/** The give-up patch for a running job that has waited more than an hour, else undefined. Also for the follower's fault path. */
export function mvGiveUpPatch(job: MvJob, now: number): Partial<MvJob> | undefined {
  if (job.phase !== 'running' || now - clockStart(job) <= MV_GIVE_UP_MS) return undefined;
  return {
    phase: 'stopped',
    overdue: true,
    lastError: {
      kind: 'overdue',
      message: l10n.t('Stopped following after 1 hour without a result. The project is kept on Giggle: use Resume Following to check it again.'),
      at: now,
    },
  };
}

/** What the follower knows beyond the snapshot: whether giggle.musicVideo.payment is "auto" right now. */
export interface MvFollowOptions {
  autoPay?: boolean;
}

/**
 * The follower's handler (JobFollower's MvProgressHandler): the patch for the
 * job and the events the UI should react to. Events fire on transitions only,
 * so a job that stays in awaitingPayment asks the user once.
 */
export function followMvProgress(job: MvJob, state: MvProjectState, now: number, options: MvFollowOptions = {}): MvProgressUpdate {
  const reading = read(state);
  const patch: Partial<MvJob> = {};
  const events: MvProgressEvent[] = [];
  // A finished job keeps its last good snapshot unless the new one also has the link (fresh signed URLs).
  if (job.phase !== 'completed' || reading.kind === 'ready') patch.project = state;

  const enter = (target: Reading): void => {
    switch (target.kind) {
      case 'ready':
        patch.phase = 'completed';
        patch.finishedAt = job.finishedAt ?? now;
        patch.overdue = false;
        patch.lastError = undefined;
        if (job.phase !== 'completed') events.push('ready');
        return;
      case 'failed':
        patch.phase = 'failed';
        // Keep the first timestamp while the failure is the same, so repeated polls do not churn the record.
        patch.lastError =
          job.phase === 'failed' && job.lastError?.message === target.error.message ? job.lastError : err(target.error, now);
        if (job.phase !== 'failed') events.push('stepFailed');
        return;
      case 'awaitingPayment':
        patch.phase = 'awaitingPayment';
        if (job.phase !== 'awaitingPayment') {
          events.push('awaitingPayment');
          // Saved with the gate, so a restore can tell "interrupted automatic payment" from "the user was asked".
          patch.autoPayAtGate = options.autoPay ? true : undefined;
        }
        return;
      case 'notStarted':
      case 'running': {
        patch.phase = 'running';
        const giveUp = mvGiveUpPatch({ ...job, ...patch }, now);
        if (giveUp) {
          Object.assign(patch, giveUp);
          events.push('gaveUp');
        }
        return;
      }
    }
  };

  /** The pay gate has been passed (by our pay call or by someone on giggle.pro). */
  const confirmPaid = (): void => {
    patch.paidAt = job.paidAt ?? now;
    patch.payUncertain = undefined;
    patch.lastError = undefined;
    // Time spent waiting for payment does not count towards the hour.
    patch.waitingSince = now;
    events.push('paidConfirmed');
  };

  switch (job.phase) {
    case 'creating':
    case 'createFailed':
    case 'submitting':
      // A create/submit call is in flight (or there is no project): that call decides, not a snapshot.
      return { patch, events };

    case 'completed':
      return { patch, events };

    case 'notSubmitted':
    case 'outcomeUnknown':
      if (reading.kind === 'notStarted') {
        if (job.phase === 'outcomeUnknown') {
          patch.phase = 'notSubmitted';
          patch.lastError = {
            kind: 'notSubmitted',
            message: l10n.t('Giggle has the project but has not started it: the submission did not go through. Use Submit Again to send it.'),
            at: now,
          };
          events.push('notSubmitted');
        }
        return { patch, events };
      }
      // It reached Giggle after all.
      patch.lastError = undefined;
      patch.waitingSince = job.waitingSince ?? now;
      events.push('submitConfirmed');
      enter(reading);
      return { patch, events };

    case 'paying':
      if (reading.kind === 'awaitingPayment') {
        // Without payUncertain the pay call is still in flight; its reply decides.
        if (job.payUncertain) {
          patch.phase = 'awaitingPayment';
          patch.lastError = {
            kind: 'payNotTaken',
            message: l10n.t(
              'The earlier payment did not go through: Giggle still waits for payment. Nothing was paid again; pay by hand if you still want this video.',
            ),
            at: now,
          };
          events.push('awaitingPayment');
        }
        return { patch, events };
      }
      if (reading.kind === 'ready' || reading.kind === 'failed' || (reading.kind === 'running' && reading.paid)) {
        confirmPaid();
        enter(reading);
      }
      // Otherwise there is no evidence either way yet: stay `paying` and keep asking.
      return { patch, events };

    case 'awaitingPayment':
      if (reading.kind === 'awaitingPayment' || reading.kind === 'notStarted') return { patch, events };
      if (reading.kind === 'ready' || reading.kind === 'failed' || reading.paid) confirmPaid();
      else {
        // The gate is gone without evidence of payment (Giggle decides); an old pay refusal no longer applies.
        patch.waitingSince = now;
        patch.lastError = undefined;
      }
      enter(reading);
      return { patch, events };

    case 'running':
      if (reading.kind === 'awaitingPayment' && job.paidAt !== undefined) {
        if (now - job.paidAt < MV_PAY_SETTLE_MS) {
          enter({ kind: 'running', paid: true });
          return { patch, events };
        }
        // Paid, yet Giggle asks again: never pay automatically a second time.
        patch.payUncertain = true;
        enter(reading);
        patch.lastError = {
          kind: 'payAgain',
          message: job.order
            ? l10n.t('Giggle asks for payment again although this project was paid (order {0}). Check on giggle.pro before paying again.', job.order.orderId)
            : l10n.t('Giggle asks for payment again although this project was paid. Check on giggle.pro before paying again.'),
          at: now,
        };
        return { patch, events };
      }
      if (
        reading.kind === 'failed' &&
        job.retriedStep !== undefined &&
        reading.step === job.retriedStep &&
        now - clockStart(job) < MV_RETRY_SETTLE_MS
      ) {
        enter({ kind: 'running', paid: false });
        return { patch, events };
      }
      // Giggle reports progress, so any note left by an uncertain call is stale now.
      if ((reading.kind === 'running' || reading.kind === 'notStarted') && job.lastError) patch.lastError = undefined;
      enter(reading);
      return { patch, events };

    case 'failed':
      if (reading.kind === 'running' || reading.kind === 'notStarted') {
        // Retried elsewhere (giggle.pro): the old failure is history, and a fresh hour starts.
        patch.waitingSince = now;
        patch.lastError = undefined;
      }
      enter(reading);
      return { patch, events };

    case 'stopped':
      // We gave up; only news the user must act on (or the finished video) changes that.
      if (reading.kind === 'running' || reading.kind === 'notStarted') return { patch, events };
      patch.overdue = false;
      if (reading.kind === 'awaitingPayment') patch.lastError = undefined;
      enter(reading);
      return { patch, events };
  }
}

/** The patch alone, for callers that do not need events. */
export function applyMvProgress(job: MvJob, state: MvProjectState, now: number): Partial<MvJob> {
  return followMvProgress(job, state, now).patch;
}

/** The step to name in a retry call: the failed one in the last snapshot, else the current step. */
export function failedMvStep(job: MvJob): MvStep | undefined {
  const state = job.project;
  if (!state) return undefined;
  const failure = findFailure(state);
  if (failure?.step) return failure.step;
  return isMvStep(state.currentStep) ? state.currentStep : undefined;
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

/**
 * Auto-pay (setting "auto") may pay only a project never paid before and never left uncertain,
 * never one the user declined (Not Now),
 * and never one started elsewhere (giggle.trackJob): its owner may not expect this window to pay.
 */
export function mayAutoPay(job: MvJob): boolean {
  return job.phase === 'awaitingPayment' && !job.payUncertain && job.payAttemptedAt === undefined && !job.order && job.payDeclinedAt === undefined && !job.tracked;
}

/**
 * Whether asking Giggle about this job is useful now. Besides the followed
 * phases, a submission whose outcome is unknown but whose project id is known
 * must be asked about once, to tell "running" from "safe to submit again".
 */
export function needsMvQuery(job: MvJob): boolean {
  if (!job.projectId) return false;
  return job.phase === 'running' || job.phase === 'paying' || job.phase === 'outcomeUnknown';
}

/** Puts a job the follower gave up on back to running, with a fresh hour. */
export function resumeMusicVideo(store: JobStore, jobId: string, now: number): MvJob {
  const job = store.get(jobId);
  if (!job || job.kind !== 'mv') throw new MvActionError('notFound', l10n.t('That music video is no longer in the list.'));
  if (job.phase !== 'stopped') {
    throw new MvActionError('wrongPhase', l10n.t('Only a music video that stopped being followed can be resumed; this one is {0}.', phaseText(job)));
  }
  const updated = store.update<MvJob>(
    jobId,
    () => ({ phase: 'running', overdue: false, waitingSince: now, lastError: undefined, fault: undefined }),
    { persistNow: true },
  );
  return updated ?? job;
}

export type MvQueryApi = { queryMv(projectId: string): Promise<MvProjectState> };

export interface MvRefreshResult {
  job: MvJob;
  events: MvProgressEvent[];
  /** The query failed; recorded as the job's fault (it never fails the job). */
  error?: unknown;
}

/**
 * One query-and-apply, for a user's Refresh or for deciding an outcomeUnknown
 * job once (the follower only follows running/paying). A reply that arrives
 * after the job changed phase (say, a payment finished meanwhile) is dropped:
 * it describes the past, and acting on it could ask for payment again.
 */
export async function refreshMusicVideo(deps: { store: JobStore; api: MvQueryApi; now: () => number }, jobId: string): Promise<MvRefreshResult> {
  const before = deps.store.get(jobId);
  if (!before || before.kind !== 'mv') throw new MvActionError('notFound', l10n.t('That music video is no longer in the list.'));
  if (!before.projectId) return { job: before, events: [] };
  let state: MvProjectState;
  try {
    state = await deps.api.queryMv(before.projectId);
  } catch (error) {
    const now = deps.now();
    const updated = deps.store.update<MvJob>(jobId, (job) => ({
      fault: error instanceof Error ? error.message : String(error),
      lastPolledAt: now,
      ...mvGiveUpPatch(job, now),
    }));
    return { job: updated ?? before, events: [], error };
  }
  const now = deps.now();
  const current = deps.store.get(jobId);
  if (!current || current.kind !== 'mv') return { job: before, events: [] };
  if (current.phase !== before.phase) return { job: current, events: [] };
  const { patch, events } = followMvProgress(current, state, now);
  const updated = deps.store.update<MvJob>(
    jobId,
    (job) => ({ ...patch, fault: undefined, lastPolledAt: now, pollCount: (job.pollCount ?? 0) + 1 }),
    { persistNow: events.length > 0 },
  );
  return { job: updated ?? current, events };
}

export type MvActionRefusal = 'notFound' | 'wrongPhase' | 'inProgress' | 'noStep' | 'notAutomatic';

/**
 * A music-video action refused locally: nothing was sent. `reason` lets the UI
 * pick its reaction; the message is ready to show.
 */
export class MvActionError extends Error {
  constructor(
    readonly reason: MvActionRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'MvActionError';
  }
}

/**
 * The job's record of a failed call: the error's kind and its (already
 * redacted) message. `frame` puts that message into a whole localized
 * sentence, e.g. (message) => l10n.t('Not paid: {0}', message).
 */
export function jobErrorFrom(error: unknown, now: number, frame?: (message: string) => string): JobError {
  const kind = isGiggleError(error) ? error.kind : 'unexpected';
  const message = error instanceof Error ? error.message : String(error);
  return { kind, message: frame ? frame(message) : message, at: now };
}

/** The request may have taken effect (timeout after sending, 5xx, malformed 2xx): query, never re-send. */
export function outcomeUnknown(error: unknown): boolean {
  return isGiggleError(error) && error.outcomeUnknown;
}
