import { test } from 'node:test';
import { ManualClock } from '../support/manualClock';
import assert from 'node:assert/strict';
import { MV_AFTER_PAY_KEY, MV_BEFORE_PAY_KEY } from '../../../src/jobs/durationModel';
import type { FollowState } from '../../../src/jobs/jobFollower';
import type { MvJob, VideoJob } from '../../../src/jobs/jobTypes';
import { createPollingPlan, pollSubjectOf, timeScaleFromEnvironment } from '../../../src/jobs/pollingPlan';
import { POLL_TUNING } from '../../../src/jobs/pollSchedule';
import { mvJob, T0, videoJob } from '../support/jobFixtures';

const NO_FAULTS: FollowState = { consecutiveFaults: 0 };

const video = (overrides: Partial<VideoJob> = {}): VideoJob =>
  videoJob('v1', { request: { prompt: 'p', model: 'sora2', duration: 4, aspectRatio: '16:9', resolution: '720p' }, taskId: 't1', ...overrides });
const mv = (overrides: Partial<MvJob> = {}): MvJob => mvJob('m1', { projectId: 'p1', ...overrides });

function memento(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial));
  const updates: Array<[string, unknown]> = [];
  return {
    get: <T>(key: string) => data.get(key) as T | undefined,
    update: async (key: string, value: unknown) => {
      updates.push([key, value]);
      data.set(key, value);
    },
    updates,
  };
}

test('timeScaleFromEnvironment: a number in (0, 1] is used, anything else means real time', () => {
  assert.equal(timeScaleFromEnvironment('0.01'), 0.01);
  assert.equal(timeScaleFromEnvironment('1'), 1);
  assert.equal(timeScaleFromEnvironment(' 0.5 '), 0.5);
  for (const value of [undefined, '', 'fast', '0', '-0.5', '2', 'Infinity', 'NaN', '1e9']) {
    assert.equal(timeScaleFromEnvironment(value), 1, String(value));
  }
});

test('timeScaleFromEnvironment reads GIGGLE_POLL_TIME_SCALE by default', () => {
  const saved = process.env.GIGGLE_POLL_TIME_SCALE;
  try {
    process.env.GIGGLE_POLL_TIME_SCALE = '0.25';
    assert.equal(timeScaleFromEnvironment(), 0.25);
    delete process.env.GIGGLE_POLL_TIME_SCALE;
    assert.equal(timeScaleFromEnvironment(), 1);
  } finally {
    if (saved === undefined) delete process.env.GIGGLE_POLL_TIME_SCALE;
    else process.env.GIGGLE_POLL_TIME_SCALE = saved;
  }
});

test('pollSubjectOf: a video job is keyed by its model, timed from submission, with its poll history', () => {
  const subject = pollSubjectOf(video({ pollCount: 3, lastPolledAt: T0 + 40_000 }), { consecutiveFaults: 2, retryAfterUntil: T0 + 90_000 });
  assert.deepEqual(subject, {
    kind: 'video',
    key: 'sora2',
    phaseStartedAt: T0,
    lastPolledAt: T0 + 40_000,
    pollCount: 3,
    consecutiveFaults: 2,
    retryAfterUntil: T0 + 90_000,
  });
  assert.equal(pollSubjectOf(video(), NO_FAULTS).pollCount, 0);
});

test('pollSubjectOf: an MV before payment uses the before-pay key from creation', () => {
  const subject = pollSubjectOf(mv(), NO_FAULTS);
  assert.equal(subject.kind, 'mv');
  assert.equal(subject.key, MV_BEFORE_PAY_KEY);
  assert.equal(subject.phaseStartedAt, T0);
  assert.equal(subject.state, 'running');
});

test('pollSubjectOf: a paid MV uses the after-pay key, timed from payment', () => {
  const subject = pollSubjectOf(mv({ paidAt: T0 + 300_000 }), NO_FAULTS);
  assert.equal(subject.key, MV_AFTER_PAY_KEY);
  assert.equal(subject.phaseStartedAt, T0 + 300_000);
});

test('pollSubjectOf: awaitingPayment and "completed without a download URL" states', () => {
  assert.equal(pollSubjectOf(mv({ phase: 'awaitingPayment' }), NO_FAULTS).state, 'awaitingPayment');
  const lagging = mv({ paidAt: T0 + 1, project: { projectId: 'p1', status: 'Completed', completedSteps: [], steps: [], videoAsset: { assetId: 'x' } } });
  assert.equal(pollSubjectOf(lagging, NO_FAULTS).state, 'awaitingDownloadUrl');
  const noAsset = mv({ project: { projectId: 'p1', status: 'completed', completedSteps: [], steps: [] } });
  assert.equal(pollSubjectOf(noAsset, NO_FAULTS).state, 'awaitingDownloadUrl');
  const withUrl = mv({ project: { projectId: 'p1', status: 'completed', completedSteps: [], steps: [], videoAsset: { downloadUrl: 'https://cdn.example/mv.mp4' } } });
  assert.equal(pollSubjectOf(withUrl, NO_FAULTS).state, 'running');
  const inProgress = mv({ project: { projectId: 'p1', status: 'processing', completedSteps: [], steps: [] } });
  assert.equal(pollSubjectOf(inProgress, NO_FAULTS).state, 'running');
});

test('the plan: polls are in the future, honour Retry-After, and waiting for payment is checked rarely', () => {
  const plan = createPollingPlan(memento(), { timeScale: 1 });
  const now = T0 + 30_000;
  const next = plan.nextPollAt(video({ lastPolledAt: now, pollCount: 1 }), NO_FAULTS, now);
  assert.ok(next !== undefined && next > now);
  const deferred = plan.nextPollAt(video({ lastPolledAt: now, pollCount: 1 }), { consecutiveFaults: 1, retryAfterUntil: now + 600_000 }, now);
  assert.ok(deferred !== undefined && deferred >= now + 600_000);
  const payment = plan.nextPollAt(mv({ phase: 'awaitingPayment', lastPolledAt: now }), NO_FAULTS, now);
  assert.equal(payment, now + POLL_TUNING.paymentCheckMs);
  assert.equal(plan.pollNowAt(video({ lastPolledAt: now - 5_000 }), NO_FAULTS, now), now);
  assert.equal(plan.pollNowAt(video({ lastPolledAt: now }), NO_FAULTS, now), now + POLL_TUNING.userPollSpacingMs);
});

test('the time scale shrinks the intervals', () => {
  const real = createPollingPlan(memento(), { timeScale: 1 });
  const fast = createPollingPlan(memento(), { timeScale: 0.01 });
  const now = T0 + 30_000;
  // The same moment of the job's life: 30 s in real time, 300 ms at 1/100.
  const realGap = (real.nextPollAt(video({ lastPolledAt: now, pollCount: 1 }), NO_FAULTS, now) ?? 0) - now;
  const fastNow = T0 + 300;
  const fastGap = (fast.nextPollAt(video({ lastPolledAt: fastNow, pollCount: 1 }), NO_FAULTS, fastNow) ?? 0) - fastNow;
  assert.ok(fastGap < realGap / 10, `${fastGap} vs ${realGap}`);
  assert.equal(fast.timeScale, 0.01);
});

test('a completed MV whose download URL lags is checked often at first, less often as the lag drags on', () => {
  const plan = createPollingPlan(memento(), { timeScale: 1 });
  const project = { projectId: 'p1', status: 'completed', completedSteps: [], steps: [], videoAsset: { assetId: 'x' } };
  let now = T0 + 20 * 60_000;
  const gaps: number[] = [];
  // Follow the job the way JobFollower does: each reply stamps lastPolledAt = now, then plans the next poll.
  for (let i = 0; i < 400 && now < T0 + 30 * 60_000; i++) {
    const job = mv({ paidAt: T0 + 60_000, project, lastPolledAt: now, pollCount: 10 + i });
    const next = plan.nextPollAt(job, NO_FAULTS, now);
    assert.ok(next !== undefined);
    gaps.push(next - now);
    now = next;
  }
  assert.equal(gaps[0], POLL_TUNING.downloadUrlMinMs);
  assert.ok(gaps.at(-1)! > POLL_TUNING.downloadUrlMinMs * 5, `still polling every ${gaps.at(-1)} ms after a 10-minute lag (${gaps.length} polls)`);
  assert.ok(gaps.length < 100, `${gaps.length} polls in 10 minutes of lag`);

  // Once the job is back to running, a new lag starts dense again.
  plan.nextPollAt(mv({ paidAt: T0 + 60_000, lastPolledAt: now, pollCount: 500 }), NO_FAULTS, now);
  const again = plan.nextPollAt(mv({ paidAt: T0 + 60_000, project, lastPolledAt: now, pollCount: 501 }), NO_FAULTS, now);
  assert.equal(again! - now, POLL_TUNING.downloadUrlMinMs);
});

test('the scheduler holds one timer for many jobs and hands out due ids', () => {
  const host = new ManualClock();
  host.time = T0;
  const plan = createPollingPlan(memento(), { timeScale: 1, host });
  const due: string[] = [];
  const scheduler = plan.createScheduler((id) => due.push(id));
  assert.equal(host.pending.size, 0, 'an idle scheduler must not hold a timer');
  scheduler.schedule('a', T0 + 5_000);
  scheduler.schedule('b', T0 + 3_000);
  scheduler.schedule('c', T0 + 60_000);
  assert.equal(host.pending.size, 1);
  host.advanceBy(3_000);
  assert.deepEqual(due, ['b']);
  assert.equal(host.pending.size, 1);
  scheduler.expedite('c', T0 + 4_000); // earlier than planned: moves up
  scheduler.expedite('a', T0 + 50_000); // later than planned: keeps 5 s
  host.advanceBy(2_000);
  assert.deepEqual(due, ['b', 'c', 'a']);
  assert.equal(host.pending.size, 0, 'a timer is left with nothing scheduled');

  scheduler.schedule('d', T0 + 10_000);
  scheduler.remove('d');
  assert.equal(host.pending.size, 0);
  scheduler.schedule('e', T0 + 10_000);
  scheduler.dispose();
  host.advanceBy(60_000);
  assert.deepEqual(due, ['b', 'c', 'a']);
  assert.equal(host.pending.size, 0);
});

test('recordFinished learns the duration and saves it; a reload starts from what was learned', () => {
  const state = memento();
  const plan = createPollingPlan(state, { timeScale: 1 });
  const job = video({ lastPolledAt: T0 + 100_000, pollCount: 5 });
  plan.recordFinished(job, T0 + 110_000);
  assert.equal(state.updates.length, 1);
  assert.deepEqual(plan.durations.samples('sora2'), [105_000]);

  const reloaded = createPollingPlan(state, { timeScale: 1 });
  assert.deepEqual(reloaded.durations.samples('sora2'), [105_000]);
});

/** A progress snapshot as the follower stores it on the job (only what the plan reads). */
const snapshot = (currentStep: string, payStatus = '') => ({ projectId: 'p1', status: 'processing', currentStep, payStatus, completedSteps: [], steps: [] });

/**
 * Follows one MV through the plan the way JobFollower and the payment code
 * update its record: music, storyboard (really 80 s), the pay gate seen at
 * 115.5 s whose reply names `gateStep`, ten minutes until the user pays, then
 * the shots. Returns what the plan learned about the storyboard.
 */
function storyboardSamplesAcrossPayGate(gateStep: string): readonly number[] {
  const plan = createPollingPlan(memento(), { timeScale: 1 });
  const at = (s: number) => T0 + s * 1000;
  const polled = (s: number, count: number, overrides: Partial<MvJob>) => mv({ lastPolledAt: at(s), pollCount: count, ...overrides });
  plan.nextPollAt(mv(), NO_FAULTS, T0);
  plan.nextPollAt(polled(10, 1, { project: snapshot('music-generate') }), NO_FAULTS, at(10));
  // The storyboard starts between the polls at 10 s and 60 s: midpoint 35 s.
  plan.nextPollAt(polled(60, 2, { project: snapshot('storyboard') }), NO_FAULTS, at(60));
  const beforeGate = polled(114.5, 3, { project: snapshot('storyboard') });
  plan.nextPollAt(beforeGate, NO_FAULTS, at(114.5));
  // The gate is seen at 115.5 s: the follower reports the finished phase with the job as it was before that query.
  const gate = { phase: 'awaitingPayment' as const, project: snapshot(gateStep, 'pending') };
  plan.recordFinished(beforeGate, at(115.5));
  plan.nextPollAt(polled(115.5, 4, gate), NO_FAULTS, at(115.5));
  plan.nextPollAt(polled(415.5, 5, gate), NO_FAULTS, at(415.5));
  // The user pays at 715.5 s: the payment code sets phase and paidAt; the snapshot is still the gate's.
  const paid = { phase: 'running' as const, paidAt: at(715.5), waitingSince: at(715.5) };
  plan.nextPollAt(polled(415.5, 5, { ...gate, ...paid }), NO_FAULTS, at(715.5));
  plan.nextPollAt(polled(745.5, 6, { ...paid, project: snapshot('shot', 'paid') }), NO_FAULTS, at(745.5));
  plan.nextPollAt(polled(1500, 7, { ...paid, project: snapshot('editor', 'paid') }), NO_FAULTS, at(1500));
  return plan.durations.samples('mv:storyboard');
}

test('the storyboard is learned once, at the pay gate, when the gate reply already names the next step', () => {
  // Before the fix: [80 s, 380.5 s]: the step change seen after payment learned the storyboard again, wait included.
  assert.deepEqual(storyboardSamplesAcrossPayGate('shot'), [80_000]);
});

test('the storyboard is learned once and without the payment wait when the gate reply still says storyboard', () => {
  // Before the fix: [80 s, 545.5 s]: a second sample ran from the storyboard's start across the whole payment wait.
  assert.deepEqual(storyboardSamplesAcrossPayGate('storyboard'), [80_000]);
});
