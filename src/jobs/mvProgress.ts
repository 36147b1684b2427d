/**
 * What a music-video progress reply means for the job and for the user
 * (giggle-api.md, "Music video, trustee mode"): the pure reducer. Every rule
 * — the pay gate, the download_url lag, step failures, the 1-hour give-up,
 * "did my payment go through?" — is tested without timers or a server. The
 * step rows live in mvPresentation.ts, the store actions in mvActions.ts.
 */
import * as l10n from '@vscode/l10n';
import type { MvProjectState, MvStep } from '../giggle/types';
import type { JobError, MvJob } from './jobTypes';
import { mvStepLabel } from './mvPresentation';
import { failedMvStep, findFailure, nonEmpty, norm, progressOf, type Failure } from './mvSnapshot';

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

/** Also a runtime list: events read back from another window's notice (noticeBox.ts) are checked against it. */
export const MV_PROGRESS_EVENTS = [
  'awaitingPayment', // ask the user to pay, or auto-pay when mayAutoPay(job)
  'stepFailed', // a step failed; offer "Retry Failed Step"
  'ready', // download_url present
  'paidConfirmed', // a payment (ours, or made elsewhere) has taken effect
  'gaveUp', // 1 hour without a result; offer "Resume Following"
  'submitConfirmed', // a submission whose outcome was unknown did reach Giggle
  'notSubmitted', // ... or did not: "Submit Again" is safe
] as const;

export type MvProgressEvent = (typeof MV_PROGRESS_EVENTS)[number];

export function isMvProgressEvent(value: string): value is MvProgressEvent {
  return (MV_PROGRESS_EVENTS as readonly string[]).includes(value);
}

export interface MvProgressUpdate {
  patch: Partial<MvJob>;
  events: MvProgressEvent[];
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

/**
 * The pay gate: `pay_status: pending`, or (trustee_api.py line 424) a
 * `current_step` that contains "pay" whatever `pay_status` says. Both lead to
 * the same Pay / auto-pay path, and the phase machine below asks once.
 */
function atPayGate(state: MvProjectState): boolean {
  return norm(state.payStatus) === 'pending' || norm(state.currentStep).includes('pay');
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
      // Still failed at the same step: nothing new from Giggle, so the job keeps the reason it shows
      // (a refused retry's, recorded after Giggle's own message, must not be replaced by that message).
      if (reading.kind === 'failed' && job.lastError && reading.step !== undefined && reading.step === failedMvStep(job)) patch.lastError = job.lastError;
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

/**
 * Auto-pay (setting "auto") may pay only a project never paid before and never left uncertain,
 * never one the user declined (Not Now),
 * and never one started elsewhere (giggle.trackJob): its owner may not expect this window to pay.
 */
export function mayAutoPay(job: MvJob): boolean {
  return job.phase === 'awaitingPayment' && !job.payUncertain && job.payAttemptedAt === undefined && !job.order && job.payDeclinedAt === undefined && !job.tracked;
}

