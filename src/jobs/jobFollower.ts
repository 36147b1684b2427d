/**
 * One polling service for every unfinished job. It owns no timers of its own:
 * an injected scheduler (PollTimer: one timer for all jobs) tells it which job
 * is due, and an injected planner (pollSchedule's nextPollAt) says when each
 * job should be asked next. This file holds only what a reply means for the
 * job and for the user: faults stay on the item and never fail a job, a 429
 * defers polling, a bad key pauses everything until a key is set again.
 */
import * as l10n from '@vscode/l10n';
import type { GiggleError } from '../giggle/errors';
import { isGiggleError } from '../giggle/errors';
import type { MvProjectState, VideoTaskState } from '../giggle/types';
import type { Job, MvJob, VideoJob } from './jobTypes';
import { isFollowable } from './jobTypes';
import type { JobStore } from './jobStore';
import { applyVideoState, type VideoProgressEvent } from './videoProgress';
import { mvGiveUpPatch, type MvProgressEvent, type MvProgressUpdate } from './mvProgress';

/** The fault line of every followed job while Giggle refuses the key (following is paused until a key is set). */
export function authPauseFault(): string {
  return l10n.t('Paused: Giggle did not accept the API key. Set a valid key with "Giggle: Set API Key" to resume following.');
}

export interface FollowApi {
  queryVideoTask(taskId: string): Promise<VideoTaskState>;
  queryMv(projectId: string): Promise<MvProjectState>;
}

export interface FollowScheduler {
  schedule(id: string, at: number): void;
  /** Poll no later than `at`, keeping an earlier plan. */
  expedite(id: string, at: number): void;
  remove(id: string): void;
  dispose(): void;
}

/** Per-job follow state that is not worth persisting. */
export interface FollowState {
  consecutiveFaults: number;
  retryAfterUntil?: number;
}

/** What one reply did to a video or a music video (applyVideoState, followMvProgress). */
export type ProgressEvent = VideoProgressEvent | MvProgressEvent;

export type FollowEvent =
  | { type: 'videoReady' | 'videoFailed' | 'videoOverdue'; job: VideoJob }
  | { type: 'mvProgress'; job: MvJob; events: MvProgressEvent[] }
  | { type: 'authFailed'; error: GiggleError }
  /** A phase ended (video done, MV reached payment or its video): `job` as it was before the query that saw it. */
  | { type: 'finished'; job: Job; seenAt: number };

export interface MvProgressHandler {
  (job: MvJob, state: MvProjectState, now: number): MvProgressUpdate;
}

export interface JobFollowerDeps {
  store: JobStore;
  api: FollowApi;
  /** When to poll this job next; undefined = not now (e.g. waiting for payment). */
  planNextPoll: (job: Job, follow: FollowState, now: number) => number | undefined;
  /** The earliest a user-requested poll may happen (Retry-After, at most one per second per job). */
  planUserPoll: (job: Job, follow: FollowState, now: number) => number;
  createScheduler: (onDue: (id: string) => void) => FollowScheduler;
  applyMvProgress: MvProgressHandler;
  hasKey: () => Promise<boolean>;
  now: () => number;
  onEvent: (event: FollowEvent) => void;
  log?: (line: string) => void;
  /**
   * False while another window polls for everyone (pollerLease.ts): this one
   * sends nothing and shows what that window writes to the shared list.
   */
  mayPoll?: () => boolean;
}

export class JobFollower {
  private readonly scheduler: FollowScheduler;
  private readonly follow = new Map<string, FollowState>();
  private readonly inFlight = new Set<string>();
  private paused = false;
  /** Bumped by resume() (a new key): a refusal of a query sent with the old key says nothing about the new one. */
  private keyEpoch = 0;
  private disposed = false;
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: JobFollowerDeps) {
    this.scheduler = deps.createScheduler((id) => void this.poll(id));
    this.subscription = deps.store.onDidChange((job, change) => {
      if (change === 'removed') this.forget(job.id);
      else if (!this.inFlight.has(job.id)) this.reschedule(job);
    });
  }

  /** Starts following everything unfinished (after a reload, too). */
  async start(): Promise<void> {
    this.paused = !(await this.deps.hasKey());
    for (const job of this.deps.store.list()) this.reschedule(job);
  }

  /** No key: stop asking (every request would be a 401). */
  pause(): void {
    this.paused = true;
    for (const id of this.follow.keys()) this.scheduler.remove(id);
  }

  resume(): void {
    this.paused = false;
    this.keyEpoch++;
    for (const job of this.deps.store.list()) this.reschedule(job);
  }

  /** The user looked (Refresh, opened the view): poll every followable job now, within limits. */
  pollNow(ids?: readonly string[]): void {
    if (this.paused) return;
    const now = this.deps.now();
    for (const job of this.deps.store.list()) {
      if (ids && !ids.includes(job.id)) continue;
      if (!isFollowable(job) || this.inFlight.has(job.id)) continue;
      this.scheduler.expedite(job.id, this.deps.planUserPoll(job, this.stateOf(job.id), now));
    }
  }

  isPaused(): boolean {
    return this.paused;
  }

  /** Jobs currently followed (scheduled or being queried). */
  followedCount(): number {
    return this.deps.store.list().filter(isFollowable).length;
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    this.scheduler.dispose();
  }

  private reschedule(job: Job): void {
    if (this.disposed) return;
    if (this.paused || !isFollowable(job)) {
      this.scheduler.remove(job.id);
      return;
    }
    const at = this.deps.planNextPoll(job, this.stateOf(job.id), this.deps.now());
    if (at === undefined) this.scheduler.remove(job.id);
    else this.scheduler.schedule(job.id, at);
  }

  private forget(id: string): void {
    this.follow.delete(id);
    this.scheduler.remove(id);
  }

  private stateOf(id: string): FollowState {
    let state = this.follow.get(id);
    if (!state) {
      state = { consecutiveFaults: 0 };
      this.follow.set(id, state);
    }
    return state;
  }

  private async poll(id: string): Promise<void> {
    const job = this.deps.store.get(id);
    if (!job || this.paused || this.disposed || !isFollowable(job) || this.inFlight.has(id)) return;
    if (this.deps.mayPoll && !this.deps.mayPoll()) {
      this.reschedule(job);
      return;
    }
    this.inFlight.add(id);
    const state = this.stateOf(id);
    const epoch = this.keyEpoch;
    try {
      if (job.kind === 'video') await this.pollVideo(job);
      else await this.pollMv(job);
      state.consecutiveFaults = 0;
      state.retryAfterUntil = undefined;
    } catch (error) {
      if (epoch !== this.keyEpoch && isAuthRefusal(error)) {
        this.deps.log?.(`a query sent with the previous API key was refused; the job is asked again with the current key`);
      } else this.handleFault(job, state, error);
    } finally {
      this.inFlight.delete(id);
      const latest = this.deps.store.get(id);
      if (latest) this.reschedule(latest);
    }
  }

  private async pollVideo(job: VideoJob): Promise<void> {
    const state = await this.deps.api.queryVideoTask(job.taskId!);
    const now = this.deps.now();
    // Read against the job as it is now, not as it was when asked (see pollMv).
    const current = this.deps.store.get(job.id);
    if (current?.kind !== 'video') return;
    const { patch, events } = applyVideoState(current, state, now);
    const updated = this.deps.store.update<VideoJob>(job.id, () => patch, { persistNow: events.length > 0 });
    if (!updated) return;
    for (const event of events) {
      if (event === 'ready') {
        if (endsTimedPhase(current, events)) this.deps.onEvent({ type: 'finished', job: current, seenAt: now });
        this.deps.onEvent({ type: 'videoReady', job: updated });
      } else if (event === 'failed') this.deps.onEvent({ type: 'videoFailed', job: updated });
      else this.deps.onEvent({ type: 'videoOverdue', job: updated });
    }
  }

  private async pollMv(job: MvJob): Promise<void> {
    const state = await this.deps.api.queryMv(job.projectId!);
    const now = this.deps.now();
    // The reply is read against the job as it is now: while the question was out the user may have
    // paid or retried a step (or another window did). Read against the job as it was, a refused
    // retry's "failed" would be undone by a reply the retry made look like "running again".
    const current = this.deps.store.get(job.id);
    if (current?.kind !== 'mv') return;
    const { patch, events } = this.deps.applyMvProgress(current, state, now);
    const updated = this.deps.store.update<MvJob>(
      job.id,
      () => ({ ...patch, fault: undefined, lastPolledAt: now, pollCount: (current.pollCount ?? 0) + 1 }),
      { persistNow: events.length > 0 },
    );
    if (!updated) return;
    if (endsTimedPhase(current, events)) this.deps.onEvent({ type: 'finished', job: current, seenAt: now });
    if (events.length) this.deps.onEvent({ type: 'mvProgress', job: updated, events });
  }

  private handleFault(job: Job, state: FollowState, error: unknown): void {
    const now = this.deps.now();
    if (isAuthRefusal(error)) {
      // Several polls may be in flight when the key stops working: tell the user once, not once per job.
      const alreadyPaused = this.paused;
      this.pause();
      // Every followed job stops being asked, so every one says why (not only the one whose query saw the refusal).
      const fault = authPauseFault();
      for (const other of this.deps.store.list()) {
        if (other.id === job.id || isFollowable(other)) this.deps.store.update(other.id, () => ({ fault }));
      }
      if (!alreadyPaused) this.deps.onEvent({ type: 'authFailed', error });
      return;
    }
    state.consecutiveFaults++;
    if (isGiggleError(error) && error.kind === 'rateLimited') {
      const retryAfterMs = (error as GiggleError & { retryAfterMs?: number }).retryAfterMs;
      state.retryAfterUntil = now + (retryAfterMs ?? 0);
    }
    const message = (error as Error).message ?? String(error);
    this.deps.log?.(`following ${job.kind} job ${job.id} failed (${state.consecutiveFaults} in a row): ${message}`);
    // The job's fault line (Jobs view) says what failed and that nothing is needed from the user.
    const fault = l10n.t('{0}. Still following: it is checked again automatically.', message);
    // A fault while following never fails the job: Giggle keeps working on it. A music video still
    // stops being followed after its hour, so an unreachable API cannot keep it polling forever.
    this.deps.store.update<Job>(job.id, (current) => ({
      fault,
      lastPolledAt: now,
      ...(current.kind === 'mv' ? mvGiveUpPatch(current, now) : undefined),
    }));
  }
}

/**
 * Whether a reply ended a phase whose duration the polling plan learns: the video is ready, or the
 * MV reached its pay gate for the first time, or its video. The benchmark uses the same rule.
 */
export function endsTimedPhase(before: Job, events: readonly ProgressEvent[]): boolean {
  if (events.includes('ready')) return true;
  return before.kind === 'mv' && before.paidAt === undefined && events.includes('awaitingPayment');
}

function isAuthRefusal(error: unknown): error is GiggleError {
  return isGiggleError(error) && (error.kind === 'auth' || error.kind === 'missingKey');
}
