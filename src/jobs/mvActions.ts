/**
 * The music video store actions that are not a payment, retry or submission
 * of their own: Resume Following and one query-and-apply (Refresh, or
 * deciding an outcomeUnknown job), plus the refusal and error records those
 * actions (and mvPayment, mvRetry, mvSubmission) share.
 */
import * as l10n from '@vscode/l10n';
import { isGiggleError } from '../giggle/errors';
import type { MvProjectState } from '../giggle/types';
import type { JobError, MvJob } from './jobTypes';
import type { JobStore } from './jobStore';
import { followMvProgress, mvGiveUpPatch, type MvProgressEvent } from './mvProgress';
import { phaseText } from './phaseText';

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
