/**
 * Paying for a music video: the only call here that spends the user's money,
 * so it errs towards asking. At most one pay call per project is in flight;
 * `paying` is on disk before the call leaves, so a crash mid-call leaves a
 * visible "did it go through?" job instead of an invitation to pay twice; and
 * a call whose outcome is unknown is never repeated on its own: the next
 * progress query decides (see followMvProgress, case 'paying').
 */
import * as l10n from '@vscode/l10n';
import { isGiggleError } from '../giggle/errors';
import type { MvPayResult } from '../giggle/types';
import type { MvJob } from './jobTypes';
import type { JobStore } from './jobStore';
import { MvActionError, jobErrorFrom, outcomeUnknown } from './mvActions';
import { mayAutoPay } from './mvProgress';
import { phaseText } from './phaseText';

export interface MvPayApi {
  payMv(projectId: string): Promise<MvPayResult>;
}

export interface MvPayDeps {
  store: JobStore;
  api: MvPayApi;
  now: () => number;
}

export interface MvPaymentOutcome {
  job: MvJob;
  /** `alreadyPaid`: Giggle said the project was paid already (e.g. on giggle.pro); nothing was charged now. */
  outcome: 'paid' | 'alreadyPaid';
}

/** Projects with a pay call in flight. In memory on purpose: after a restart `paying` + payUncertain takes over. */
const payingProjects = new Set<string>();

/**
 * Pays for the job's project. Only from `awaitingPayment`. With `auto: true`
 * (the "auto" payment setting) it refuses unless mayAutoPay(job): a project is
 * paid automatically at most once, and never after an uncertain attempt.
 *
 * Resolves when paid (or already paid): the job is `running` again. Rejects
 * with MvActionError when refused locally (nothing sent), or with the API's
 * error after marking the job: back to `awaitingPayment` on a clear refusal,
 * still `paying` (payUncertain) when the outcome is unknown.
 */
export async function payMusicVideo(deps: MvPayDeps, jobId: string, options: { auto?: boolean } = {}): Promise<MvPaymentOutcome> {
  const job = deps.store.get(jobId);
  if (!job || job.kind !== 'mv') throw new MvActionError('notFound', l10n.t('That music video is no longer in the list.'));
  if (job.projectId && payingProjects.has(job.projectId)) throw inProgress(job);
  const refusal = payRefusal(job, options);
  if (refusal) throw refusal;
  const projectId = job.projectId!; // payRefusal checked it
  // Taken before the first await, so a second click in the same tick finds it.
  payingProjects.add(projectId);
  try {
    // Claimed in the shared jobs file under its lock: another window that paid or is paying has left
    // `paying` or `payAttemptedAt` there, and this window then refuses without calling pay.
    await deps.store.claim<MvJob>(jobId, (fresh) => {
      const claimRefusal = payRefusal(fresh, options);
      if (claimRefusal) throw claimRefusal;
      return { phase: 'paying', payAttemptedAt: deps.now(), lastError: undefined };
    });
    let result: MvPayResult;
    try {
      result = await deps.api.payMv(projectId);
    } catch (error) {
      return handlePayFailure(deps, jobId, error);
    }
    const now = deps.now();
    const updated = deps.store.update<MvJob>(
      jobId,
      () => ({
        phase: 'running',
        order: { orderId: result.orderId, ...(result.price !== undefined ? { price: result.price } : {}) },
        paidAt: now,
        // Waiting for the user to pay does not count towards the 1-hour give-up.
        waitingSince: now,
        payUncertain: undefined,
        lastError: undefined,
        overdue: false,
      }),
      { persistNow: true },
    );
    return { job: updated ?? job, outcome: 'paid' };
  } finally {
    payingProjects.delete(projectId);
  }
}

/**
 * The user answered the payment question with Not Now (or closed it). Saved at
 * once, so no automatic payment (a restore, a later switch to "auto") pays a
 * project the user turned down; an explicit Pay still does. Undefined when the
 * job is no longer waiting for payment (nothing to decline).
 */
export async function declineMusicVideoPayment(deps: Pick<MvPayDeps, 'store' | 'now'>, jobId: string): Promise<MvJob | undefined> {
  const job = deps.store.get(jobId);
  if (!job || job.kind !== 'mv' || job.phase !== 'awaitingPayment') return undefined;
  const updated = deps.store.update<MvJob>(jobId, () => ({ payDeclinedAt: deps.now() }), { persistNow: true });
  await deps.store.flush();
  return updated;
}

/** Why this job must not be paid now (by hand, or automatically with `auto`); undefined when it may. */
function payRefusal(job: MvJob, options: { auto?: boolean }): MvActionError | undefined {
  if (job.phase === 'paying') return inProgress(job);
  if (job.phase !== 'awaitingPayment' || !job.projectId) {
    return new MvActionError('wrongPhase', l10n.t('This music video is not waiting for payment (it is {0}); nothing was paid.', phaseText(job)));
  }
  if (options.auto && !mayAutoPay(job)) {
    return new MvActionError(
      'notAutomatic',
      job.payDeclinedAt !== undefined
        ? l10n.t('Not paying automatically: you chose Not Now for this music video. Use Pay when you want it.')
        : l10n.t('Not paying automatically: this project was already paid for, or an earlier payment had an unknown outcome. Pay by hand once you have checked.'),
    );
  }
  return undefined;
}

function inProgress(job: MvJob): MvActionError {
  return new MvActionError(
    'inProgress',
    job.payUncertain
      ? l10n.t('The last payment for this music video has no known outcome yet; wait until Giggle confirms whether it went through.')
      : l10n.t('A payment for this music video is already in progress.'),
  );
}

function handlePayFailure(deps: MvPayDeps, jobId: string, error: unknown): MvPaymentOutcome {
  const now = deps.now();
  if (alreadyPaid(error)) {
    const updated = deps.store.update<MvJob>(
      jobId,
      (job) => ({ phase: 'running', paidAt: job.paidAt ?? now, waitingSince: now, payUncertain: undefined, lastError: undefined }),
      { persistNow: true },
    );
    const job = updated ?? (deps.store.get(jobId) as MvJob);
    return { job, outcome: 'alreadyPaid' };
  }
  if (outcomeUnknown(error)) {
    deps.store.update<MvJob>(
      jobId,
      () => ({
        phase: 'paying',
        payUncertain: true,
        lastError: jobErrorFrom(error, now, (message) =>
          l10n.t('The payment outcome is unknown; checking with Giggle whether it went through. It will not be paid again automatically. {0}', message),
        ),
      }),
      { persistNow: true },
    );
    throw error;
  }
  deps.store.update<MvJob>(jobId, () => ({ phase: 'awaitingPayment', lastError: jobErrorFrom(error, now, (message) => l10n.t('Not paid: {0}', message)) }), {
    persistNow: true,
  });
  throw error;
}

/** A definite "already paid" refusal: the gate is open, so follow the project. */
function alreadyPaid(error: unknown): boolean {
  return isGiggleError(error) && !error.outcomeUnknown && error.kind === 'api' && /already (been )?paid/i.test(error.message);
}
