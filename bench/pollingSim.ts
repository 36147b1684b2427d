/**
 * The polling simulation behind `npm run bench:polling` and the budget unit test.
 *
 * It follows jobs the way the extension does: job records like the store's,
 * changed by the real reply handlers (applyVideoState, followMvProgress), the
 * follower's rule for when a phase ended (endsTimedPhase), and the real
 * polling plan (createPollingPlan: step tracking, learning, PollTimer) on a
 * VirtualClock. Only the server is simulated: the job specs from jobMix.ts.
 * Queries answer instantly (the same for every strategy), so "delay" is purely
 * the scheduling delay: server finish → the first query that sees it.
 */
import type { MvProjectState, VideoTaskState } from '../src/giggle/types';
import type { DurationModel, DurationModelJson } from '../src/jobs/durationModel';
import { endsTimedPhase } from '../src/jobs/jobFollower';
import type { FollowState, ProgressEvent } from '../src/jobs/jobFollower';
import { isFollowable } from '../src/jobs/jobTypes';
import type { Job, MvJob, VideoJob } from '../src/jobs/jobTypes';
import { applyMvProgressForFollower } from '../src/jobs/mvFollowing';
import { createPollingPlan, DURATIONS_KEY, pollSubjectOf } from '../src/jobs/pollingPlan';
import type { SmallStateStore } from '../src/jobs/pollingPlan';
import type { TimerHost } from '../src/jobs/pollTimer';
import { applyVideoState } from '../src/jobs/videoProgress';
import { seededRng } from './jobMix';
import type { JobSpec, MvJobSpec } from './jobMix';
import { VirtualClock } from './virtualClock';

/** What the simulation drives: the extension's polling plan, or the same plan with a fixed pace swapped in. */
export type Plan = Pick<ReturnType<typeof createPollingPlan>, 'nextPollAt' | 'recordFinished' | 'createScheduler' | 'durations'>;

export interface Strategy {
  readonly name: string;
  /** A fresh plan whose timer runs on the simulation's clock. */
  plan(host: TimerHost): Plan;
  /** Count jobs submitted while the plan had few samples for them (learning strategies only). */
  readonly countsCold?: boolean;
}

/** globalState as the plan sees it, in memory, optionally holding durations learned earlier. */
export function memoryState(learned?: DurationModelJson): SmallStateStore {
  const data = new Map<string, unknown>(learned ? [[DURATIONS_KEY, learned]] : []);
  return { get: <T>(key: string) => data.get(key) as T | undefined, update: async (key, value) => void data.set(key, value) };
}

/** The extension's plan (createPollingPlan), starting from `learned` (or the priors), learning unless told not to. */
export function ourStrategy(name: string, options: { learn?: boolean; learned?: DurationModelJson } = {}): Strategy {
  return {
    name,
    countsCold: true,
    plan: (host) => createPollingPlan(memoryState(options.learned), { timeScale: 1, host, learn: options.learn }),
  };
}

/**
 * Giggle's scripts: a query every `periodMs` from the previous one. They honour
 * Retry-After, and `pauseWhileAwaitingPayment` gives them the extension's
 * knowledge that nothing happens until the user pays (a fair baseline); without
 * it they keep their pace through the wait, as the public loop would. The
 * extension's scheduler (one PollTimer) runs them too.
 */
export function fixedStrategy(periodMs: number, pauseWhileAwaitingPayment = true, name = `fixed ${periodMs / 1000} s`): Strategy {
  return {
    name,
    plan(host) {
      const base = createPollingPlan(memoryState(), { timeScale: 1, host, learn: false });
      return {
        ...base,
        recordFinished: () => undefined,
        nextPollAt(job, follow, now) {
          const subject = pollSubjectOf(job, follow);
          if (pauseWhileAwaitingPayment && subject.state === 'awaitingPayment') return undefined;
          let at = Math.max(now, (subject.lastPolledAt ?? subject.phaseStartedAt) + periodMs);
          if (subject.retryAfterUntil !== undefined) at = Math.max(at, subject.retryAfterUntil);
          return at;
        },
      };
    },
  };
}

export interface SimOptions {
  seed?: number;
  /** Share of queries that die on the network (connection reset, timeout). */
  faultRate?: number;
  /** Share of queries answered 429 with a Retry-After of 5–30 s. */
  rateLimitRate?: number;
  /** Keep every request time (for the burst measurement). */
  keepRequestTimes?: boolean;
  /** A job counts as "cold" when its model had fewer samples than this at submission. */
  coldBelow?: number;
}

export interface SimResult {
  strategy: string;
  jobs: number;
  requests: number;
  videoJobs: number;
  videoRequests: number;
  mvJobs: number;
  mvRequests: number;
  /** Server finish → noticed, per job, ms. For MVs the finish is download_url set (or the failure). */
  delays: number[];
  videoDelays: number[];
  mvDelays: number[];
  /** MV pay gate reached → noticed (the user is asked to pay). */
  gateDelays: number[];
  /** Delays of jobs submitted while their model was still (nearly) untrained. */
  coldDelays: number[];
  delayById: Map<string, number>;
  /** MVs the extension stopped following (1 hour without a result): no notice delay, the user must resume them. */
  stoppedIds: string[];
  timersArmed: number;
  maxLiveTimers: number;
  liveTimersAtEnd: number;
  /** Jobs still planned once everything ended (a plan the scheduler was never told to drop). */
  scheduledAtEnd: number;
  requestTimes: number[];
  endTime: number;
  /** What the plan learned by the end. */
  durations: DurationModel;
}

interface Live {
  spec: JobSpec;
  job: Job;
  follow: FollowState;
  /** Server side: when the user paid. */
  paidAt?: number;
  cold: boolean;
}

const MV_STEPS = ['music-generate', 'storyboard', 'shot', 'editor'] as const;

/**
 * The pay gate's `current_step`: the simulator says the next step (`shot`); the live API may still say
 * `storyboard`. Half the MVs get each, so the plan is measured on both.
 */
function gateStep(spec: MvJobSpec): string {
  return Number(spec.id.replace(/\D/g, '')) % 2 === 0 ? 'storyboard' : 'shot';
}

function mvReply(spec: MvJobSpec, paidAt: number | undefined, t: number): { state: MvProjectState; finishedAt?: number } {
  const running = (step: string, payStatus = paidAt === undefined ? '' : 'paid'): MvProjectState => ({
    projectId: spec.id,
    status: 'processing',
    currentStep: step,
    completedSteps: MV_STEPS.slice(0, MV_STEPS.indexOf(step as (typeof MV_STEPS)[number])),
    payStatus,
    steps: [{ step, status: payStatus === 'pending' ? 'pending' : 'processing', subSteps: [] }],
  });
  const failed = (step: string, at: number) => ({
    state: { ...running(step), status: 'failed', errorMessage: 'simulated failure' },
    finishedAt: at,
  });
  if (paidAt === undefined) {
    const s = t - spec.submitAt;
    if (spec.failure?.phase === 'before-pay' && s >= spec.failure.atMs) return failed('storyboard', spec.submitAt + spec.failure.atMs);
    if (s >= spec.beforePayMs) return { state: running(gateStep(spec), 'pending') };
    return { state: running(s < spec.musicMs ? 'music-generate' : 'storyboard') };
  }
  const a = t - paidAt;
  if (spec.failure?.phase === 'after-pay' && a >= spec.failure.atMs) return failed('shot', paidAt + spec.failure.atMs);
  if (a >= spec.afterPayMs) {
    const withUrl = a >= spec.afterPayMs + spec.urlLagMs;
    const state: MvProjectState = {
      ...running('editor'),
      status: 'completed',
      completedSteps: [...MV_STEPS],
      videoAsset: { assetId: `asset-${spec.id}`, ...(withUrl ? { downloadUrl: `https://cdn.example/${spec.id}.mp4` } : {}) },
    };
    return { state, finishedAt: withUrl ? paidAt + spec.afterPayMs + spec.urlLagMs : undefined };
  }
  return { state: running(a < spec.shotMs ? 'shot' : 'editor') };
}

function videoReply(spec: Extract<JobSpec, { kind: 'video' }>, t: number): { state: VideoTaskState; finishedAt?: number } {
  const finishedAt = spec.submitAt + spec.durationMs;
  if (t < finishedAt) return { state: { taskId: spec.id, status: 'processing', urls: [] } };
  const urls = spec.outcome === 'completed' ? [`https://cdn.example/${spec.id}.mp4`] : [];
  return { state: { taskId: spec.id, status: spec.outcome, urls }, finishedAt };
}

/** The record the store holds once the submission was accepted. */
function submittedJob(spec: JobSpec): Job {
  const base = { id: spec.id, createdAt: spec.submitAt, updatedAt: spec.submitAt };
  if (spec.kind === 'video') {
    const request = { prompt: 'p', model: spec.key, duration: 6, aspectRatio: '16:9', resolution: '720p' };
    return { ...base, kind: 'video', request, taskId: spec.id, phase: 'pending', urls: [] } satisfies VideoJob;
  }
  const request = { name: spec.id, aspect: '16:9', musicGenerateType: 'prompt' as const, prompt: 'p', reference: { kind: 'asset' as const, assetId: 'a' } };
  return { ...base, kind: 'mv', request, projectId: spec.id, phase: 'running', waitingSince: spec.submitAt } satisfies MvJob;
}

export function simulate(specs: readonly JobSpec[], strategy: Strategy, options: SimOptions = {}): SimResult {
  const clock = new VirtualClock(0);
  const plan = strategy.plan(clock);
  const rng = seededRng((options.seed ?? 1) ^ 0x5bd1e995);
  const faultRate = options.faultRate ?? 0;
  const rateLimitRate = options.rateLimitRate ?? 0;
  const coldBelow = options.coldBelow ?? 5;
  const live = new Map<string, Live>();
  const planned = new Set<string>();
  const result: SimResult = {
    strategy: strategy.name, jobs: specs.length, requests: 0, videoJobs: 0, videoRequests: 0, mvJobs: 0, mvRequests: 0,
    delays: [], videoDelays: [], mvDelays: [], gateDelays: [], coldDelays: [], delayById: new Map(), stoppedIds: [],
    timersArmed: 0, maxLiveTimers: 0, liveTimersAtEnd: 0, scheduledAtEnd: 0, requestTimes: [], endTime: 0, durations: plan.durations,
  };
  const scheduler = plan.createScheduler((id) => poll(id));

  // JobFollower.reschedule: a job that is no longer followable is dropped, otherwise the plan says when.
  const reschedule = (entry: Live) => {
    const id = entry.spec.id;
    const at = isFollowable(entry.job) ? plan.nextPollAt(entry.job, entry.follow, clock.now()) : undefined;
    if (at === undefined) {
      scheduler.remove(id);
      planned.delete(id);
    } else {
      scheduler.schedule(id, at);
      planned.add(id);
    }
  };

  const end = (entry: Live, delay: number | undefined) => {
    const id = entry.spec.id;
    if (delay === undefined) result.stoppedIds.push(id);
    else {
      result.delays.push(delay);
      result.delayById.set(id, delay);
      (entry.spec.kind === 'video' ? result.videoDelays : result.mvDelays).push(delay);
      if (entry.cold) result.coldDelays.push(delay);
    }
    live.delete(id);
  };

  function poll(id: string): void {
    const entry = live.get(id);
    if (!entry) return;
    const now = clock.now();
    result.requests++;
    if (entry.spec.kind === 'video') result.videoRequests++;
    else result.mvRequests++;
    if (options.keepRequestTimes) result.requestTimes.push(now);

    const roll = rng();
    if (roll < faultRate + rateLimitRate) {
      // JobFollower.handleFault: counted, Retry-After honoured, the job stamped as asked.
      entry.follow.consecutiveFaults++;
      if (roll >= faultRate) entry.follow.retryAfterUntil = now + 5_000 + Math.floor(rng() * 25_000);
      entry.job = { ...entry.job, lastPolledAt: now };
      reschedule(entry);
      return;
    }
    const before = entry.job;
    let events: readonly ProgressEvent[];
    let finishedAt: number | undefined;
    if (entry.spec.kind === 'video') {
      const reply = videoReply(entry.spec, now);
      const update = applyVideoState(before as VideoJob, reply.state, now);
      entry.job = { ...(before as VideoJob), ...update.patch };
      events = update.events;
      finishedAt = reply.finishedAt;
    } else {
      const reply = mvReply(entry.spec, entry.paidAt, now);
      const update = applyMvProgressForFollower(before as MvJob, reply.state, now);
      // JobFollower.pollMv's record update.
      entry.job = { ...(before as MvJob), ...update.patch, fault: undefined, lastPolledAt: now, pollCount: (before.pollCount ?? 0) + 1 };
      events = update.events;
      finishedAt = reply.finishedAt;
      if (events.includes('awaitingPayment') && (before as MvJob).paidAt === undefined) gateNoticed(entry, now);
    }
    if (endsTimedPhase(before, events)) plan.recordFinished(before, now);
    entry.follow.consecutiveFaults = 0;
    entry.follow.retryAfterUntil = undefined;
    const phase = entry.job.phase;
    if (phase === 'completed' || phase === 'failed') end(entry, now - (finishedAt as number));
    else if (phase === 'stopped') end(entry, undefined);
    reschedule(entry);
  }

  function gateNoticed(entry: Live, now: number): void {
    const spec = entry.spec as MvJobSpec;
    result.gateDelays.push(now - (spec.submitAt + spec.beforePayMs));
    const payAt = now + spec.payDelayMs;
    clock.at(payAt, () => {
      // mvPayment.payMusicVideo's record once Giggle took the payment; the store change reschedules the job.
      entry.paidAt = payAt;
      entry.job = { ...(entry.job as MvJob), phase: 'running', paidAt: payAt, waitingSince: payAt, overdue: false, lastError: undefined };
      reschedule(entry);
    });
  }

  for (const spec of specs) {
    clock.at(spec.submitAt, () => {
      const milestoneKey = spec.kind === 'video' ? spec.key : 'mv:storyboard';
      const cold = !!strategy.countsCold && plan.durations.samples(milestoneKey).length < coldBelow;
      const entry: Live = { spec, job: submittedJob(spec), follow: { consecutiveFaults: 0 }, cold };
      if (spec.kind === 'video') result.videoJobs++;
      else result.mvJobs++;
      live.set(spec.id, entry);
      reschedule(entry);
    });
  }
  clock.run();
  result.timersArmed = clock.timersArmed;
  result.maxLiveTimers = clock.maxLiveTimers;
  result.liveTimersAtEnd = clock.liveTimers;
  result.scheduledAtEnd = planned.size;
  result.endTime = clock.now();
  scheduler.dispose();
  if (live.size > 0) throw new Error(`${live.size} jobs never finished under ${strategy.name}`);
  return result;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The most requests that fall in any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** What a user's plan has learned after following `specs` (the "warm" user), as globalState holds it. */
export function trainedDurations(specs: readonly JobSpec[]): DurationModelJson {
  return simulate(specs, ourStrategy('training')).durations.toJSON();
}
