/**
 * The polling simulation behind `npm run bench:polling` and the budget unit test.
 *
 * A stand-in for the extension's polling service that drives the real
 * PollTimer and, for our strategy, the real nextPollAt/DurationModel, on a
 * VirtualClock. The server side is the job specs from jobMix.ts. Queries answer
 * instantly (the same for every strategy), so "delay" is purely the scheduling
 * delay: server finish → the first query that sees it.
 */
import { DurationModel, MV_AFTER_PAY_KEY, MV_BEFORE_PAY_KEY, mvStepKey } from '../src/jobs/durationModel';
import { estimateDuration, mvStepPhase, nextPollAt, transitionTime } from '../src/jobs/pollSchedule';
import type { PollSubject } from '../src/jobs/pollSchedule';
import { PollTimer } from '../src/jobs/pollTimer';
import { seededRng } from './jobMix';
import type { JobSpec } from './jobMix';
import { VirtualClock } from './virtualClock';

export interface Strategy {
  readonly name: string;
  next(subject: PollSubject, now: number): number | undefined;
  /** Present for strategies that learn from finished jobs. */
  readonly model?: DurationModel;
  readonly learn: boolean;
  /** Follow the MV's current_step (per-step keys, sparse intermediate steps) rather than the two pay phases. */
  readonly followSteps?: boolean;
}

export function ourStrategy(name: string, model: DurationModel, learn: boolean, followSteps = true): Strategy {
  return { name, model, learn, followSteps, next: (subject, now) => nextPollAt(subject, now, model) };
}

/**
 * Giggle's scripts: a query every `periodMs` from the previous one. They honour
 * Retry-After, and `pauseWhileAwaitingPayment` gives them the extension's
 * knowledge that nothing happens until the user pays (a fair baseline); without
 * it they keep their pace through the wait, as the public loop would.
 */
export function fixedStrategy(periodMs: number, pauseWhileAwaitingPayment = true, name = `fixed ${periodMs / 1000} s`): Strategy {
  return {
    name,
    learn: false,
    next(subject, now) {
      if (pauseWhileAwaitingPayment && subject.state === 'awaitingPayment') return undefined;
      let at = Math.max(now, (subject.lastPolledAt ?? subject.phaseStartedAt) + periodMs);
      if (subject.retryAfterUntil !== undefined) at = Math.max(at, subject.retryAfterUntil);
      return at;
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
  timersArmed: number;
  maxLiveTimers: number;
  liveTimersAtEnd: number;
  scheduledAtEnd: number;
  requestTimes: number[];
  endTime: number;
}

interface Tracked {
  spec: JobSpec;
  subject: PollSubject;
  paidAt?: number;
  gateNoticed: boolean;
  step?: string;
  cold: boolean;
}

type ServerView =
  | { status: 'running'; step?: string }
  | { status: 'payPending' }
  | { status: 'completedNoUrl' }
  | { status: 'done'; outcome: 'completed' | 'failed'; finishedAt: number };

function serverState(job: Tracked, t: number): ServerView {
  const spec = job.spec;
  if (spec.kind === 'video') {
    const finishedAt = spec.submitAt + spec.durationMs;
    return t >= finishedAt ? { status: 'done', outcome: spec.outcome, finishedAt } : { status: 'running' };
  }
  if (job.paidAt === undefined) {
    if (spec.failure?.phase === 'before-pay' && t >= spec.submitAt + spec.failure.atMs) {
      return { status: 'done', outcome: 'failed', finishedAt: spec.submitAt + spec.failure.atMs };
    }
    if (t >= spec.submitAt + spec.beforePayMs) return { status: 'payPending' };
    return { status: 'running', step: t - spec.submitAt < spec.musicMs ? 'music-generate' : 'storyboard' };
  }
  const a = t - job.paidAt;
  if (spec.failure?.phase === 'after-pay' && a >= spec.failure.atMs) {
    return { status: 'done', outcome: 'failed', finishedAt: job.paidAt + spec.failure.atMs };
  }
  if (a >= spec.afterPayMs + spec.urlLagMs) return { status: 'done', outcome: 'completed', finishedAt: job.paidAt + spec.afterPayMs + spec.urlLagMs };
  if (a >= spec.afterPayMs) return { status: 'completedNoUrl' };
  return { status: 'running', step: a < spec.shotMs ? 'shot' : 'editor' };
}

export function simulate(specs: readonly JobSpec[], strategy: Strategy, options: SimOptions = {}): SimResult {
  const clock = new VirtualClock(0);
  const rng = seededRng((options.seed ?? 1) ^ 0x5bd1e995);
  const faultRate = options.faultRate ?? 0;
  const rateLimitRate = options.rateLimitRate ?? 0;
  const coldBelow = options.coldBelow ?? 5;
  const tracked = new Map<string, Tracked>();
  const result: SimResult = {
    strategy: strategy.name, jobs: specs.length, requests: 0, videoJobs: 0, videoRequests: 0, mvJobs: 0, mvRequests: 0,
    delays: [], videoDelays: [], mvDelays: [], gateDelays: [], coldDelays: [], delayById: new Map(),
    timersArmed: 0, maxLiveTimers: 0, liveTimersAtEnd: 0, scheduledAtEnd: 0, requestTimes: [], endTime: 0,
  };

  const timer = new PollTimer((ids, now) => ids.forEach((id) => poll(id, now)), clock);

  const reschedule = (id: string, job: Tracked, now: number) => {
    const at = strategy.next(job.subject, now);
    if (at === undefined) timer.remove(id);
    else timer.schedule(id, at);
  };

  // Intermediate steps are never used to plan polls, so they are not learned either.
  const learn = (job: Tracked, now: number) => {
    if (strategy.learn && strategy.model && !job.subject.intermediate) strategy.model.record(job.subject.key, estimateDuration(job.subject, now));
  };

  const enterStep = (job: Tracked, step: string, startedAt: number) => {
    const phase = mvStepPhase(step);
    job.step = step;
    Object.assign(job.subject, { key: phase.key, intermediate: phase.intermediate, phaseStartedAt: startedAt });
  };

  const finish = (id: string, job: Tracked, now: number, finishedAt: number) => {
    const delay = now - finishedAt;
    result.delays.push(delay);
    result.delayById.set(id, delay);
    (job.spec.kind === 'video' ? result.videoDelays : result.mvDelays).push(delay);
    if (job.cold) result.coldDelays.push(delay);
    timer.remove(id);
    tracked.delete(id);
  };

  function poll(id: string, now: number): void {
    const job = tracked.get(id);
    if (!job) return;
    const subject = job.subject;
    result.requests++;
    if (job.spec.kind === 'video') result.videoRequests++;
    else result.mvRequests++;
    if (options.keepRequestTimes) result.requestTimes.push(now);

    const roll = rng();
    if (roll < faultRate) {
      subject.consecutiveFaults++;
    } else if (roll < faultRate + rateLimitRate) {
      subject.consecutiveFaults = 0;
      subject.retryAfterUntil = now + 5_000 + Math.floor(rng() * 25_000);
    } else {
      subject.consecutiveFaults = 0;
      const view = serverState(job, now);
      if (view.status === 'done') {
        if (view.outcome === 'completed') learn(job, now);
        finish(id, job, now, view.finishedAt);
        return;
      }
      if (view.status === 'payPending' && !job.gateNoticed && job.spec.kind === 'mv') {
        job.gateNoticed = true;
        result.gateDelays.push(now - (job.spec.submitAt + job.spec.beforePayMs));
        learn(job, now);
        subject.state = 'awaitingPayment';
        subject.stateSince = now;
        const payAt = now + job.spec.payDelayMs;
        clock.at(payAt, () => pay(id, payAt));
      } else if (view.status === 'running' && strategy.followSteps && view.step && view.step !== job.step) {
        learn(job, now);
        enterStep(job, view.step, transitionTime(subject, now));
      } else if (view.status === 'completedNoUrl' && subject.state !== 'awaitingDownloadUrl') {
        subject.state = 'awaitingDownloadUrl';
        subject.stateSince = now;
      }
    }
    subject.pollCount++;
    subject.lastPolledAt = now;
    reschedule(id, job, now);
  }

  function pay(id: string, now: number): void {
    const job = tracked.get(id);
    if (!job) return;
    job.paidAt = now;
    Object.assign(job.subject, { key: MV_AFTER_PAY_KEY, phaseStartedAt: now, state: 'running', stateSince: undefined });
    if (strategy.followSteps) enterStep(job, 'shot', now);
    reschedule(id, job, now);
  }

  for (const spec of specs) {
    clock.at(spec.submitAt, () => {
      const key = spec.kind === 'video' ? spec.key : MV_BEFORE_PAY_KEY;
      const milestoneKey = spec.kind === 'video' ? key : strategy.followSteps ? mvStepKey('storyboard') : key;
      const cold = strategy.model ? strategy.model.samples(milestoneKey).length < coldBelow : false;
      const job: Tracked = {
        spec,
        cold,
        gateNoticed: false,
        subject: { kind: spec.kind, key, phaseStartedAt: spec.submitAt, pollCount: 0, consecutiveFaults: 0, state: 'running' },
      };
      if (spec.kind === 'video') result.videoJobs++;
      else result.mvJobs++;
      if (spec.kind === 'mv' && strategy.followSteps) enterStep(job, 'music-generate', spec.submitAt);
      tracked.set(spec.id, job);
      reschedule(spec.id, job, spec.submitAt);
    });
  }
  clock.run();
  result.timersArmed = clock.timersArmed;
  result.maxLiveTimers = clock.maxLiveTimers;
  result.liveTimersAtEnd = clock.liveTimers;
  result.scheduledAtEnd = timer.size;
  result.endTime = clock.now();
  if (tracked.size > 0) throw new Error(`${tracked.size} jobs never finished under ${strategy.name}`);
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

/** A fresh model trained by running `specs` through our strategy (the "warm" user). */
export function trainedModel(specs: readonly JobSpec[]): DurationModel {
  const model = new DurationModel();
  simulate(specs, ourStrategy('training', model, true));
  return model;
}
