import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DurationModel, MV_AFTER_PAY_KEY, mvStepKey } from '../../../src/jobs/durationModel';
import {
  POLL_TUNING, estimateDuration, mvStepPhase, nextPollAt, pollNowAt, transitionTime,
} from '../../../src/jobs/pollSchedule';
import type { PollScheduleOptions, PollSubject } from '../../../src/jobs/pollSchedule';
import { generateMix } from '../../../bench/jobMix';
import { fixedStrategy, ourStrategy, simulate } from '../../../bench/pollingSim';
import { BUDGET, NETWORK, checkBudget } from '../../../bench/polling';

const T0 = 1_700_000_000_000;

function video(over: Partial<PollSubject> = {}): PollSubject {
  return { kind: 'video', key: 'grok', phaseStartedAt: T0, pollCount: 0, consecutiveFaults: 0, ...over };
}

/** Follow a job that never finishes: the times of its polls, as the service would make them. */
function pollTimes(subject: PollSubject, model: DurationModel, until: number, options?: PollScheduleOptions): number[] {
  const times: number[] = [];
  let now = subject.phaseStartedAt;
  for (;;) {
    const at = nextPollAt(subject, now, model, options);
    assert.ok(at !== undefined && at > now, `planned ${at} at ${now}`);
    if (at > until) return times;
    times.push(at);
    now = at;
    subject.pollCount++;
    subject.lastPolledAt = at;
  }
}

test('a new video is checked once early (moderation refusals), then not before its earliest plausible finish', () => {
  const model = new DurationModel();
  const times = pollTimes(video(), model, T0 + 5 * 60_000);
  assert.equal(times[0] - T0, POLL_TUNING.firstCheckMs);
  const earliest = model.quantile('grok', POLL_TUNING.skipMass);
  assert.ok(times[1] - T0 >= earliest - 1, `second poll at ${times[1] - T0} ms, earliest ${earliest}`);
  assert.ok(times[1] - T0 > 30_000);
});

test('a model learned to be slow is left alone longer (failure checks only, every 30 s)', () => {
  const model = new DurationModel();
  for (let i = 0; i < 30; i++) model.record('sora2-pro', 400_000 + i * 3_000);
  const times = pollTimes(video({ key: 'sora2-pro' }), model, T0 + 10 * 60_000);
  const beforeLikely = times.filter((t) => t - T0 < model.quantile('sora2-pro', 0.002));
  assert.ok(beforeLikely.length <= 2 + Math.ceil(model.quantile('sora2-pro', 0.002) / POLL_TUNING.maxIntervalMs), `${beforeLikely.length} early polls`);
  for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] <= POLL_TUNING.maxIntervalMs + 1);
});

test('polls densely (3–4.5 s) where finishes are likely', () => {
  const model = new DurationModel();
  const median = model.quantile('grok', 0.5);
  const times = pollTimes(video(), model, T0 + median + 60_000).filter((t) => t - T0 > median - 60_000);
  for (let i = 1; i < times.length; i++) {
    const gap = times[i] - times[i - 1];
    assert.ok(gap >= POLL_TUNING.minDenseMs - 1 && gap <= POLL_TUNING.maxDenseMs + 1, `gap ${gap}`);
  }
});

test('widens gently in the long tail, checks exactly at the 20-minute overdue mark, then every 2 min', () => {
  const model = new DurationModel();
  const subject = video();
  const times = pollTimes(subject, model, T0 + 30 * 60_000);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  assert.ok(gaps.every((g) => g <= POLL_TUNING.afterOverdueMs + 1));
  assert.ok(times.includes(T0 + 20 * 60_000), 'a poll lands on the overdue mark');
  const beforeOverdue = gaps.filter((_, i) => times[i + 1] <= T0 + 20 * 60_000);
  assert.ok(Math.max(...beforeOverdue) <= POLL_TUNING.maxIntervalMs + 1);
  const tail = times.filter((t) => t > T0 + 20 * 60_000);
  assert.equal(tail[1] - tail[0], POLL_TUNING.afterOverdueMs);
  // Widening: later tail gaps are never shorter than earlier ones by much.
  const tailGaps = gaps.filter((_, i) => times[i] > T0 + 6 * 60_000 && times[i + 1] < T0 + 19 * 60_000);
  assert.ok(tailGaps[tailGaps.length - 1] >= tailGaps[0]);
});

test('never polls before Retry-After, even where finishes are likely', () => {
  const model = new DurationModel();
  const now = T0 + model.quantile('grok', 0.5);
  const until = now + 45_000;
  assert.equal(nextPollAt(video({ pollCount: 20, lastPolledAt: now, retryAfterUntil: until }), now, model), until);
  assert.equal(pollNowAt(video({ retryAfterUntil: until }), now), until);
});

test('network faults back off exponentially and cap at 2 min', () => {
  const model = new DurationModel();
  const now = T0 + model.quantile('grok', 0.5);
  const gaps = [1, 2, 3, 4, 5, 6, 7, 10, 50].map((faults) =>
    (nextPollAt(video({ pollCount: 20, lastPolledAt: now, consecutiveFaults: faults }), now, model) as number) - now);
  assert.deepEqual(gaps.slice(0, 6), [5_000, 10_000, 20_000, 40_000, 80_000, 120_000]);
  assert.ok(gaps.every((g) => g <= POLL_TUNING.faultMaxMs));
});

test('timeScale multiplies every interval, with a 20 ms floor', () => {
  const model = new DurationModel();
  const normal = pollTimes(video(), model, T0 + 25 * 60_000).map((t) => t - T0);
  const fast = pollTimes(video(), model, T0 + 15_000, { timeScale: 0.01 }).map((t) => t - T0);
  assert.equal(fast.length, normal.length);
  fast.forEach((t, i) => assert.ok(Math.abs(t - normal[i] * 0.01) <= 25, `poll ${i}: ${t} vs ${normal[i]}`));
  const tiny = video({ pollCount: 5, lastPolledAt: T0, state: 'awaitingDownloadUrl', stateSince: T0 });
  assert.ok((nextPollAt(tiny, T0, model, { timeScale: 0.0001 }) as number) - T0 >= POLL_TUNING.floorMs);
  // A nonsense scale falls back to real time rather than spinning.
  assert.equal(nextPollAt(video(), T0, model, { timeScale: 0 }), T0 + POLL_TUNING.firstCheckMs);
});

test('an MV awaiting payment is checked every 5 min; a lagging download_url every 2 s, widening', () => {
  const model = new DurationModel();
  const mv: PollSubject = { kind: 'mv', key: MV_AFTER_PAY_KEY, phaseStartedAt: T0, pollCount: 9, consecutiveFaults: 0, lastPolledAt: T0 };
  assert.equal(nextPollAt({ ...mv, state: 'awaitingPayment' }, T0, model), T0 + 5 * 60_000);
  assert.equal(nextPollAt({ ...mv, state: 'awaitingDownloadUrl', stateSince: T0 }, T0, model), T0 + 2_000);
  const later = T0 + 10 * 60_000;
  assert.equal(nextPollAt({ ...mv, state: 'awaitingDownloadUrl', stateSince: T0, lastPolledAt: later }, later, model), later + 30_000);
});

test('MV steps: music and shots are only watched every 30 s; the edit is watched densely', () => {
  const model = new DurationModel();
  assert.deepEqual(mvStepPhase('shot'), { key: mvStepKey('shot'), intermediate: true });
  assert.deepEqual(mvStepPhase('editor'), { key: mvStepKey('editor'), intermediate: false });
  const shot: PollSubject = { kind: 'mv', ...mvStepPhase('shot'), phaseStartedAt: T0, pollCount: 30, consecutiveFaults: 0, lastPolledAt: T0 + 300_000 };
  assert.equal(nextPollAt(shot, T0 + 300_000, model), T0 + 330_000);
  const editor: PollSubject = { ...shot, ...mvStepPhase('editor') };
  const median = model.quantile(mvStepKey('editor'), 0.5);
  const gap = (nextPollAt({ ...editor, lastPolledAt: T0 + median }, T0 + median, model) as number) - (T0 + median);
  assert.ok(gap <= POLL_TUNING.maxDenseMs);
});

test('the user looking polls at once, but mashing Refresh cannot query a job more than once a second', () => {
  assert.equal(pollNowAt(video({ lastPolledAt: T0 - 5_000 }), T0), T0);
  assert.equal(pollNowAt(video({ lastPolledAt: T0 - 300 }), T0), T0 - 300 + 1_000);
  assert.equal(pollNowAt(video({ lastPolledAt: T0 - 3 }), T0, { timeScale: 0.01 }), T0 - 3 + 20);
});

test('a corrupt subject yields no plan instead of NaN', () => {
  const model = new DurationModel();
  assert.equal(nextPollAt(video({ phaseStartedAt: NaN }), T0, model), undefined);
  assert.equal(nextPollAt(video(), NaN, model), undefined);
  const at = nextPollAt(video({ lastPolledAt: NaN, retryAfterUntil: Infinity }), T0, model);
  assert.ok(Number.isFinite(at));
});

test('learned durations are the midpoint between the last running poll and the finishing one', () => {
  const subject = video({ lastPolledAt: T0 + 100_000 });
  assert.equal(transitionTime(subject, T0 + 104_000), T0 + 102_000);
  assert.equal(estimateDuration(subject, T0 + 104_000), 102_000);
  assert.equal(estimateDuration(video({ lastPolledAt: T0 + 1_000 }), T0 + 1_020, { timeScale: 0.01 }), 101_000);
});

test('on a reduced benchmark mix the extension\'s polling plan keeps the budget: ≤ 40% of fixed-3-s requests, mean ≤ 3 s, p95 ≤ 6 s', () => {
  const jobs = generateMix(11, 800);
  // createPollingPlan, fed job records by the real reply handlers (bench/pollingSim.ts).
  const ours = simulate(jobs, ourStrategy('ours'), { ...NETWORK, seed: 11 });
  const fixed = simulate(jobs, fixedStrategy(3_000), { ...NETWORK, seed: 11 });
  const budget = checkBudget([ours], [fixed]);
  assert.ok(budget.requestShare <= BUDGET.requestShare, `requests ${(budget.requestShare * 100).toFixed(1)}%`);
  assert.ok(budget.meanMs <= BUDGET.meanDelayMs, `mean ${budget.meanMs}`);
  assert.ok(budget.p95Ms <= BUDGET.p95DelayMs, `p95 ${budget.p95Ms}`);
  assert.ok(ours.maxLiveTimers <= 1 && ours.liveTimersAtEnd === 0);
});
