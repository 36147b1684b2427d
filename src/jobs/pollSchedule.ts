/**
 * When to ask giggle.pro about an unfinished job next. Pure: no clock, no timers,
 * no vscode; the polling service owns those.
 *
 * ## How the polling service uses this module
 *
 * ```ts
 * const model = DurationModel.fromJSON(globalState.get('giggle.durations'));
 * const timer = new PollTimer((ids) => ids.forEach(pollOne));   // pollTimer.ts: one timer for all jobs
 *
 * // On submit (and on activation, for each unfinished job restored from the store):
 * const subject: PollSubject = { kind: 'video', key: 'grok', phaseStartedAt: submittedAt, pollCount: 0, consecutiveFaults: 0 };
 * reschedule(id, subject);
 *
 * function reschedule(id: string, subject: PollSubject) {
 *   const at = nextPollAt(subject, Date.now(), model, { timeScale });
 *   if (at === undefined) timer.remove(id); else timer.schedule(id, at);
 * }
 *
 * // After each query (pollOne): seenAt = Date.now()
 * //   finished → model.record(subject.key, estimateDuration(subject, seenAt, { timeScale })) (completed jobs only),
 * //              persist model.toJSON(), timer.remove(id)
 * //   network fault → consecutiveFaults++;  429/503 with Retry-After → retryAfterUntil = seenAt + retryAfterMs
 * //   MV pay_status pending → state 'awaitingPayment', stateSince = seenAt
 * //   MV completed without download_url → state 'awaitingDownloadUrl', stateSince = seenAt (first time only)
 * //   then pollCount++, lastPolledAt = seenAt, consecutiveFaults = 0 on success, and reschedule(id, subject).
 * // MV pay gate seen: learn the storyboard step there, once (pollingPlan.recordFinished).
 * // User paid: Object.assign(subject, mvStepPhase('shot'), { phaseStartedAt: paidAt, state: 'running' })
 * //   (or key 'mv:after-pay' if steps are not followed); learn nothing here: the wait for payment is not work.
 * // MV progress shows a new current_step: learn the finished step (if not intermediate and begun after payment), then
 * //   Object.assign(subject, mvStepPhase(step), { phaseStartedAt: transitionTime(subject, seenAt) }).
 * // The user looks (view opened, Refresh): for each unfinished job not in flight,
 * //   timer.expedite(id, pollNowAt(subject, Date.now(), { timeScale })).
 * ```
 *
 * ## The approach, and why it beats a fixed pace
 *
 * A fixed pace P costs duration/P requests and makes the user wait P/2 on
 * average. This schedule spends requests only where the job is likely to end,
 * using the DurationModel's belief F(t) = P(finished by t) for the job's key:
 *
 * 1. Wait before the earliest plausible finish. An interval may "skip" over at
 *    most skipMass (0.2%) of the probability, and at most 30 s (failures can
 *    come at any time), so checks start near the 0.2% quantile (~32 s for an
 *    unknown video model, later once the model has learned). One early check
 *    at 10 s still catches prompts that content moderation rejects at once,
 *    while the user is still watching.
 * 2. Densest where finishes are likely: the interval follows the square-root
 *    law I = K / sqrt(hazard) (minimising expected delay for a request budget),
 *    clamped to 3–4.5 s, so the mean notice delay stays under 3 s and 95% of
 *    jobs are noticed within 6 s even with failures and stragglers.
 * 3. Gently wider in the long tail: past the median the interval may grow by
 *    20% of the time already past it, up to 30 s; a check always lands exactly
 *    on the overdue mark (20 min for videos, 60 min per MV phase), then every
 *    2 min.
 * 4. Network faults back off exponentially (5 s doubling, capped at 2 min);
 *    Retry-After is never undercut; an MV waiting for payment is checked only
 *    every 5 min (payment normally arrives through the extension, which
 *    reschedules at once; the slow check notices payment made elsewhere, e.g.
 *    another window or the website); a completed MV whose download_url lags is
 *    checked every 2 s, widening if the lag drags on.
 * 5. Learning: every completed job's duration is recorded per model, so the
 *    dense window moves to where the user's own jobs actually finish.
 * 6. MV steps (mvStepPhase): music and shots end in another step, never in
 *    the video, so they are checked every 30 s; the storyboard (ends at the pay
 *    gate) and the edit (ends with the video) get the dense treatment.
 *
 * Benchmark (bench/polling.ts: 3 seeds × 2,000 jobs followed through
 * createPollingPlan, a per-model mix that is not this prior, 0.5% network
 * faults, learning from an empty model), against the fixed 3-s loop on the
 * same jobs: 36.6% of its requests (35.1 vs 95.9 per job), mean notice delay
 * 2.71 s, p95 4.48 s; budget ≤ 40%, ≤ 3 s, ≤ 6 s. Details and the other rows
 * in BENCHMARKS.md.
 *
 * All times are epoch milliseconds; `timeScale` multiplies every interval
 * (integration tests run at 0.01) with a floor of POLL_TUNING.floorMs (20 ms).
 */
import { mvStepKey } from './durationModel';
import type { DurationModel } from './durationModel';

export type PollKind = 'video' | 'mv';
export type PollState = 'running' | 'awaitingPayment' | 'awaitingDownloadUrl';

export interface PollSubject {
  kind: PollKind;
  /** DurationModel key: the video model id, or MV_BEFORE_PAY_KEY / MV_AFTER_PAY_KEY. */
  key: string;
  /** Submission time, or the payment time for the MV after-pay phase. */
  phaseStartedAt: number;
  /** The last query's time, whatever its outcome. */
  lastPolledAt?: number;
  /** Queries made for this job so far (all phases). */
  pollCount: number;
  /** Network faults in a row (reset by any answer from the server). */
  consecutiveFaults: number;
  /** From a Retry-After header: no query before this time. */
  retryAfterUntil?: number;
  /** Default 'running'. 'awaitingPayment': MV waits for the user to pay. 'awaitingDownloadUrl': MV completed, link not there yet. */
  state?: PollState;
  /** When the current state began (used to widen the download_url checks). Defaults to lastPolledAt. */
  stateSince?: number;
  /**
   * The phase's end is not something the user waits for (an MV step such as
   * music-generate or shot, which another step must follow): check every
   * intermediateCheckMs for failures and for the next step, nothing denser.
   * See mvStepPhase().
   */
  intermediate?: boolean;
}

export interface PollScheduleOptions {
  /** Multiplies every interval; 1 in production, 0.01 in the integration tests. */
  timeScale?: number;
}

/** The numbers behind the schedule, exported so tests and the benchmark refer to the same values. */
export const POLL_TUNING = {
  /** First check for a new job: a prompt refused by moderation fails within seconds. */
  firstCheckMs: 10_000,
  /** Mass of the duration belief an interval may jump over without looking. */
  skipMass: 0.002,
  /** I = K / sqrt(hazard per second), in seconds: the square-root law. */
  hazardK: 0.8,
  /** Never denser than Giggle's own 3-s MV loop. */
  minDenseMs: 3_000,
  /** Where finishes are likely, an interval stays ≤ this: it bounds the p95 notice delay. */
  maxDenseMs: 4_500,
  /** Past the median, the interval may grow by this fraction of the time past the median... */
  tailWidening: 0.2,
  /**
   * ...and no interval before the overdue mark exceeds this: a job can fail at
   * any moment (the duration model only knows successes), and a failure should
   * reach the user within half a minute.
   */
  maxIntervalMs: 30_000,
  /** MV steps whose end nobody waits for: enough to see failures and the next step begin. */
  intermediateCheckMs: 30_000,
  /** giggle-api.md: 20 min without a terminal state is abnormal for a video; Giggle's MV script gives up after 1 h. */
  overdueMs: { video: 20 * 60_000, mv: 60 * 60_000 } as Record<PollKind, number>,
  afterOverdueMs: 120_000,
  paymentCheckMs: 5 * 60_000,
  downloadUrlMinMs: 2_000,
  downloadUrlMaxMs: 30_000,
  /** The MV script retries network faults 5 s apart; we double from there. */
  faultBaseMs: 5_000,
  faultMaxMs: 120_000,
  /** However often the user clicks Refresh, one job is queried at most once per second. */
  userPollSpacingMs: 1_000,
  /** The shortest real interval, whatever the time scale: keeps a 0.01 test run from spinning. */
  floorMs: 20,
} as const;

function scaleOf(options?: PollScheduleOptions): number {
  const scale = options?.timeScale;
  return typeof scale === 'number' && Number.isFinite(scale) && scale > 0 ? scale : 1;
}

/** An interval in unscaled ms → real ms, never under the floor. */
export function scaledInterval(ms: number, options?: PollScheduleOptions): number {
  return Math.max(POLL_TUNING.floorMs, ms * scaleOf(options));
}

function finite(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/**
 * When to query this job next (epoch ms, ≥ now), or undefined when there is
 * nothing sensible to schedule: the subject's times are not finite (a corrupt
 * record restored from globalState). Returning NaN instead would make
 * setTimeout fire at once, forever.
 */
export function nextPollAt(
  subject: PollSubject,
  now: number,
  model: DurationModel,
  options?: PollScheduleOptions,
): number | undefined {
  if (!finite(now) || !finite(subject.phaseStartedAt)) return undefined;
  const scale = scaleOf(options);
  const state = subject.state ?? 'running';
  const lastPolledAt = finite(subject.lastPolledAt) ? subject.lastPolledAt : undefined;

  let at: number;
  if (state === 'awaitingPayment') {
    at = (lastPolledAt ?? now) + scaledInterval(POLL_TUNING.paymentCheckMs, options);
  } else if (state === 'awaitingDownloadUrl') {
    const since = finite(subject.stateSince) ? subject.stateSince : (lastPolledAt ?? now);
    const inState = Math.max(0, now - since) / scale;
    // 10% of the time already waited: 2 s for the first 20 s, 30 s once it has dragged on for 5 min.
    const interval = Math.min(POLL_TUNING.downloadUrlMaxMs, Math.max(POLL_TUNING.downloadUrlMinMs, inState * 0.1));
    at = now + scaledInterval(interval, options);
  } else {
    const elapsed = Math.max(0, now - subject.phaseStartedAt) / scale;
    at = now + scaledInterval(runningInterval(subject, elapsed, model), options);
  }

  at = Math.max(at, now + POLL_TUNING.floorMs);
  if (lastPolledAt !== undefined) at = Math.max(at, lastPolledAt + scaledInterval(POLL_TUNING.userPollSpacingMs, options));
  if (subject.consecutiveFaults > 0 && lastPolledAt !== undefined) {
    const backoff = Math.min(POLL_TUNING.faultMaxMs, POLL_TUNING.faultBaseMs * 2 ** Math.min(20, subject.consecutiveFaults - 1));
    at = Math.max(at, lastPolledAt + scaledInterval(backoff, options));
  }
  // Retry-After is the server's own instruction in real time: never scaled, never undercut.
  if (finite(subject.retryAfterUntil)) at = Math.max(at, subject.retryAfterUntil);
  return at;
}

/** The unscaled interval for a running job `elapsed` ms into its phase. */
function runningInterval(subject: PollSubject, elapsed: number, model: DurationModel): number {
  const overdue = POLL_TUNING.overdueMs[subject.kind];
  if (elapsed >= overdue) return POLL_TUNING.afterOverdueMs;

  if (subject.intermediate) return capped(subject, elapsed, POLL_TUNING.intermediateCheckMs);

  const dist = model.distribution(subject.key);
  const hazardPerSecond = dist.hazard(elapsed) * 1000;
  const sqrtLaw = hazardPerSecond > 0 ? (POLL_TUNING.hazardK / Math.sqrt(hazardPerSecond)) * 1000 : Infinity;
  const dense = Math.min(POLL_TUNING.maxDenseMs, Math.max(POLL_TUNING.minDenseMs, sqrtLaw));

  // How far we may jump while leaving at most skipMass of the finishes unobserved.
  const reached = dist.cdf(elapsed);
  const skipTo = reached + POLL_TUNING.skipMass < 1 ? dist.quantile(reached + POLL_TUNING.skipMass) : Infinity;
  let interval = Math.max(dense, skipTo - elapsed);

  const median = dist.quantile(0.5);
  if (elapsed > median) {
    interval = Math.min(interval, Math.max(POLL_TUNING.maxDenseMs, (elapsed - median) * POLL_TUNING.tailWidening));
  }
  return capped(subject, elapsed, interval);
}

/** The limits every running interval obeys: the failure cap, the first check, the overdue mark. */
function capped(subject: PollSubject, elapsed: number, planned: number): number {
  const overdue = POLL_TUNING.overdueMs[subject.kind];
  let interval = Math.min(planned, POLL_TUNING.maxIntervalMs);
  if (subject.pollCount === 0 && elapsed < POLL_TUNING.firstCheckMs && elapsed + interval > POLL_TUNING.firstCheckMs) {
    interval = POLL_TUNING.firstCheckMs - elapsed;
  }
  // Land a check exactly on the overdue mark, so "overdue" is decided on fresh data.
  if (elapsed + interval > overdue) interval = overdue - elapsed;
  return interval;
}

/**
 * The duration-model key and the density for an MV step, from the progress
 * reply's `current_step`. The user waits for two moments: the pay gate (at the
 * end of the storyboard) and the finished video (at the end of the edit); the
 * other steps only need watching for failures and for the next step to begin.
 * An unknown step (the API grew one) is watched densely: safe, if costly.
 */
export function mvStepPhase(step: string): { key: string; intermediate: boolean } {
  return { key: mvStepKey(step), intermediate: step === 'music-generate' || step === 'shot' };
}

/**
 * When a new step (or phase) began, as seen by a query at `seenAt`: somewhere
 * since the previous query, so the midpoint. Use it as the new phaseStartedAt.
 */
export function transitionTime(subject: PollSubject, seenAt: number): number {
  const previous = finite(subject.lastPolledAt) && subject.lastPolledAt >= subject.phaseStartedAt ? subject.lastPolledAt : seenAt;
  return (previous + seenAt) / 2;
}

/**
 * The user is looking (opened the view, ran Refresh): query now, unless this job
 * was queried under a second ago or the server asked us to wait. Use with
 * PollTimer.expedite so a planned earlier poll is kept.
 */
export function pollNowAt(subject: PollSubject, now: number, options?: PollScheduleOptions): number {
  let at = finite(now) ? now : Date.now();
  if (finite(subject.lastPolledAt)) at = Math.max(at, subject.lastPolledAt + scaledInterval(POLL_TUNING.userPollSpacingMs, options));
  if (finite(subject.retryAfterUntil)) at = Math.max(at, subject.retryAfterUntil);
  return at;
}

/**
 * The duration to record when a query at `seenAt` finds the phase finished.
 * Call it before updating `lastPolledAt`: the finish happened somewhere between
 * the previous query and this one, so the midpoint is the unbiased guess.
 * Returned in unscaled ms, ready for DurationModel.record.
 */
export function estimateDuration(subject: PollSubject, seenAt: number, options?: PollScheduleOptions): number {
  return (transitionTime(subject, seenAt) - subject.phaseStartedAt) / scaleOf(options);
}
