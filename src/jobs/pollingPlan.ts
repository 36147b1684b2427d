/**
 * Binds the job records to the polling schedule: turns a Job plus its
 * in-memory follow state into a PollSubject for nextPollAt, owns the one
 * PollTimer, and keeps the learned per-model durations (persisted in a
 * Memento-like store, small by construction).
 */
import { DurationModel, MV_AFTER_PAY_KEY, MV_BEFORE_PAY_KEY, mvStepKey } from './durationModel';
import type { FollowScheduler, FollowState } from './jobFollower';
import type { Job } from './jobTypes';
import { estimateDuration, mvStepPhase, nextPollAt, pollNowAt } from './pollSchedule';
import type { PollSubject } from './pollSchedule';
import { PollTimer } from './pollTimer';
import type { TimerHost } from './pollTimer';

export interface SmallStateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

/** Where the learned durations live in globalState. */
export const DURATIONS_KEY = 'giggle.learnedDurations';

/**
 * Tests in a real VS Code set GIGGLE_POLL_TIME_SCALE (e.g. 0.01) so that
 * jobs on a fast simulator are followed at the same relative pace; anything
 * unparsable means real time.
 */
export function timeScaleFromEnvironment(value = process.env.GIGGLE_POLL_TIME_SCALE): number {
  const scale = Number(value);
  return Number.isFinite(scale) && scale > 0 && scale <= 1 ? scale : 1;
}

/**
 * Where a music video is in its steps, as the follower last saw it. Kept in
 * memory: after a reload the step's start is approximated by the last query.
 */
export interface MvStepTracking {
  step?: string;
  startedAt?: number;
  /** job.lastPolledAt at the previous planning, to place a step change between two queries. */
  previousPollAt?: number;
}

export function pollSubjectOf(job: Job, follow: FollowState, tracking?: MvStepTracking): PollSubject {
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
  const state = job.phase === 'awaitingPayment' ? 'awaitingPayment' : lagging ? 'awaitingDownloadUrl' : 'running';
  // Following the current step (not just before/after payment) is what keeps MV polling within
  // budget: music-generate and shot cannot end with the finished video, so they are checked
  // sparsely, while storyboard (ends at the pay gate) and editor (ends with the video) are dense.
  if (tracking?.step && state === 'running') {
    return { ...base, kind: 'mv', ...mvStepPhase(tracking.step), phaseStartedAt: tracking.startedAt ?? job.paidAt ?? job.createdAt, state };
  }
  return {
    ...base,
    kind: 'mv',
    key: paid ? MV_AFTER_PAY_KEY : MV_BEFORE_PAY_KEY,
    phaseStartedAt: job.paidAt ?? job.createdAt,
    state,
  };
}

export interface PollingPlanOptions {
  timeScale?: number;
  host?: TimerHost;
  /** false: plan from what is already known, learn nothing (the benchmark's "prior only" and frozen runs). */
  learn?: boolean;
}

export function createPollingPlan(state: SmallStateStore, options: PollingPlanOptions = {}) {
  const timeScale = options.timeScale ?? timeScaleFromEnvironment();
  const durations = DurationModel.fromJSON(state.get(DURATIONS_KEY));
  const learn = (key: string, durationMs: number): void => {
    if (options.learn !== false && durations.record(key, durationMs)) void state.update(DURATIONS_KEY, durations.toJSON());
  };
  let timer: PollTimer | undefined;
  const followStates = new Map<string, FollowState>();
  const steps = new Map<string, MvStepTracking>();

  /** Notices a new current_step, learns how long the finished one took, and starts timing the new one. */
  const trackStep = (job: Job, now: number): MvStepTracking | undefined => {
    if (job.kind !== 'mv') return undefined;
    const tracking = steps.get(job.id) ?? {};
    steps.set(job.id, tracking);
    const current = job.phase === 'running' ? (job.project?.currentStep ?? (job.paidAt ? 'shot' : undefined)) : undefined;
    const seenAt = job.lastPolledAt ?? now;
    if (current && current !== tracking.step) {
      let startedAt = tracking.previousPollAt !== undefined && tracking.previousPollAt < seenAt ? (tracking.previousPollAt + seenAt) / 2 : seenAt;
      // A step that began before the payment ended at the gate: recordFinished already learned it there, and
      // timing it to now would count the user's whole payment wait as work (and learn the step twice).
      const crossedGate = job.paidAt !== undefined && tracking.startedAt !== undefined && tracking.startedAt < job.paidAt;
      if (tracking.step && tracking.startedAt !== undefined && !crossedGate && !mvStepPhase(tracking.step).intermediate) {
        learn(mvStepKey(tracking.step), (startedAt - tracking.startedAt) / timeScale);
      }
      // Nothing after the gate starts before the payment; after a reload during the shots, payment is the best guess of their start.
      if (job.paidAt !== undefined && (startedAt < job.paidAt || (current === 'shot' && tracking.startedAt === undefined))) startedAt = job.paidAt;
      tracking.step = current;
      tracking.startedAt = startedAt;
    }
    tracking.previousPollAt = seenAt;
    return tracking;
  };
  /** When each MV's download_url lag was first seen (in memory: after a reload the checks start dense again). */
  const lagSince = new Map<string, number>();

  return {
    timeScale,
    durations,
    nextPollAt(job: Job, follow: FollowState, now: number): number | undefined {
      followStates.set(job.id, follow);
      const subject = pollSubjectOf(job, follow, trackStep(job, now));
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
      return pollNowAt(pollSubjectOf(job, follow, steps.get(job.id)), now, { timeScale });
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
      const subject = pollSubjectOf(job, followStates.get(job.id) ?? { consecutiveFaults: 0 }, steps.get(job.id));
      if (subject.intermediate) return;
      learn(subject.key, estimateDuration(subject, seenAt, { timeScale }));
    },
  };
}
