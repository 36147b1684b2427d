/**
 * Binds the job records to the polling schedule: turns a Job plus its
 * in-memory follow state into a PollSubject for nextPollAt, owns the one
 * PollTimer, and keeps the learned per-model durations (persisted in a
 * Memento-like store, small by construction).
 */
import { DurationModel, MV_AFTER_PAY_KEY, MV_BEFORE_PAY_KEY } from './durationModel';
import type { FollowScheduler, FollowState } from './jobFollower';
import type { Job } from './jobTypes';
import { estimateDuration, nextPollAt, pollNowAt } from './pollSchedule';
import type { PollSubject } from './pollSchedule';
import { PollTimer } from './pollTimer';
import type { TimerHost } from './pollTimer';

export interface SmallStateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

const DURATIONS_KEY = 'giggle.learnedDurations';

/**
 * Tests in a real VS Code set GIGGLE_POLL_TIME_SCALE (e.g. 0.01) so that
 * jobs on a fast simulator are followed at the same relative pace; anything
 * unparsable means real time.
 */
export function timeScaleFromEnvironment(value = process.env.GIGGLE_POLL_TIME_SCALE): number {
  const scale = Number(value);
  return Number.isFinite(scale) && scale > 0 && scale <= 1 ? scale : 1;
}

export function pollSubjectOf(job: Job, follow: FollowState): PollSubject {
  const base = {
    lastPolledAt: job.lastPolledAt,
    pollCount: job.pollCount ?? 0,
    consecutiveFaults: follow.consecutiveFaults,
    retryAfterUntil: follow.retryAfterUntil,
  };
  if (job.kind === 'video') {
    return { ...base, kind: 'video', key: job.request.model, phaseStartedAt: job.createdAt };
  }
  const paid = job.paidAt !== undefined;
  const lagging = job.project?.status?.toLowerCase() === 'completed' && !job.project.videoAsset?.downloadUrl;
  return {
    ...base,
    kind: 'mv',
    key: paid ? MV_AFTER_PAY_KEY : MV_BEFORE_PAY_KEY,
    phaseStartedAt: job.paidAt ?? job.createdAt,
    state: job.phase === 'awaitingPayment' ? 'awaitingPayment' : lagging ? 'awaitingDownloadUrl' : 'running',
  };
}

export function createPollingPlan(state: SmallStateStore, options: { timeScale?: number; host?: TimerHost } = {}) {
  const timeScale = options.timeScale ?? timeScaleFromEnvironment();
  const durations = DurationModel.fromJSON(state.get(DURATIONS_KEY));
  let timer: PollTimer | undefined;
  const followStates = new Map<string, FollowState>();
  /** When each MV's download_url lag was first seen (in memory: after a reload the checks start dense again). */
  const lagSince = new Map<string, number>();

  return {
    timeScale,
    durations,
    nextPollAt(job: Job, follow: FollowState, now: number): number | undefined {
      followStates.set(job.id, follow);
      const subject = pollSubjectOf(job, follow);
      if (subject.state === 'awaitingDownloadUrl') {
        // nextPollAt widens these checks with the time spent waiting, counted from stateSince; without it
        // (it defaults to lastPolledAt, i.e. "just now") a lagging link was checked every 2 s indefinitely.
        let since = lagSince.get(job.id);
        if (since === undefined) {
          since = job.lastPolledAt ?? now;
          lagSince.set(job.id, since);
        }
        subject.stateSince = since;
      } else {
        lagSince.delete(job.id);
      }
      return nextPollAt(subject, now, durations, { timeScale });
    },
    /** The user looked: the earliest time this job may be polled. */
    pollNowAt(job: Job, follow: FollowState, now: number): number {
      return pollNowAt(pollSubjectOf(job, follow), now, { timeScale });
    },
    createScheduler(onDue: (id: string) => void): FollowScheduler {
      timer = new PollTimer((ids) => ids.forEach(onDue), options.host);
      const t = timer;
      return {
        schedule: (id, at) => t.schedule(id, at),
        expedite: (id, at) => t.expedite(id, at),
        remove: (id) => t.remove(id),
        dispose: () => t.dispose(),
      };
    },
    /** A phase finished when seen at `seenAt` (job as it was before that query): learn its duration. */
    recordFinished(job: Job, seenAt: number): void {
      const subject = pollSubjectOf(job, followStates.get(job.id) ?? { consecutiveFaults: 0 });
      if (durations.record(subject.key, estimateDuration(subject, seenAt, { timeScale }))) {
        void state.update(DURATIONS_KEY, durations.toJSON());
      }
    },
  };
}
