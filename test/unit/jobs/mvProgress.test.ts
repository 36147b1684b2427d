import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MvJob } from '../../../src/jobs/jobTypes';
import { MV_GIVE_UP_MS, followMvProgress, mayAutoPay } from '../../../src/jobs/mvProgress';
import { currentStepLabel, stepsOf } from '../../../src/jobs/mvPresentation';
import { failedMvStep } from '../../../src/jobs/mvSnapshot';
import { refreshMusicVideo, resumeMusicVideo } from '../../../src/jobs/mvActions';
import { payMusicVideo } from '../../../src/jobs/mvPayment';
import { submitMusicVideo } from '../../../src/jobs/mvSubmission';
import { deferred, harness, lostReply, mvJob, mvState, promptForm, step } from './mvFakes';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;

const DONE_TWO = { completedSteps: ['music-generate', 'storyboard'], steps: [step('music-generate', 'completed'), step('storyboard', 'completed')] };

test('pay_status pending means waiting for payment, announced once', () => {
  const job = mvJob();
  const first = followMvProgress(job, mvState({ ...DONE_TWO, currentStep: 'shot', payStatus: 'pending' }), T0);
  assert.equal(first.patch.phase, 'awaitingPayment');
  assert.deepEqual(first.events, ['awaitingPayment']);
  assert.equal(currentStepLabel({ ...job, ...first.patch }), 'waiting for payment');

  const waiting = { ...job, ...first.patch };
  const again = followMvProgress(waiting, mvState({ ...DONE_TWO, payStatus: 'pending' }), T0 + MINUTE);
  assert.equal({ ...waiting, ...again.patch }.phase, 'awaitingPayment');
  assert.deepEqual(again.events, []);
});

test('a failed step fails the job with that step named and its error shown', () => {
  const state = mvState({
    status: 'failed',
    currentStep: 'shot',
    completedSteps: ['music-generate', 'storyboard'],
    payStatus: 'paid',
    errorMessage: 'shot failed at shot-3: generation error',
    steps: [step('music-generate', 'completed'), step('storyboard', 'completed'), step('shot', 'failed', { error: 'shot failed at shot-3: generation error' })],
  });
  const { patch, events } = followMvProgress(mvJob(), state, T0);
  assert.equal(patch.phase, 'failed');
  assert.deepEqual(events, ['stepFailed']);
  assert.match(patch.lastError?.message ?? '', /shot.*generation error/);
  const failed = { ...mvJob(), ...patch };
  assert.equal(failedMvStep(failed), 'shot');
  assert.equal(currentStepLabel(failed), 'shot failed');
  assert.deepEqual(
    stepsOf(failed).map((s) => s.state),
    ['done', 'done', 'failed', 'waiting'],
  );
});

test('a failed sub-step fails the job even while its step still says processing', () => {
  const state = mvState({
    currentStep: 'storyboard',
    completedSteps: ['music-generate'],
    steps: [
      step('music-generate', 'completed'),
      step('storyboard', 'processing', {
        subSteps: [
          { step: 'script', status: 'completed' },
          { step: 'storyboard', status: 'error', error: 'image model timed out' },
        ],
      }),
    ],
  });
  const { patch, events } = followMvProgress(mvJob(), state, T0);
  assert.equal(patch.phase, 'failed');
  assert.deepEqual(events, ['stepFailed']);
  assert.match(patch.lastError?.message ?? '', /image model timed out/);
  const failed = { ...mvJob(), ...patch };
  assert.equal(failedMvStep(failed), 'storyboard');
  const storyboard = stepsOf(failed)[1];
  assert.equal(storyboard.state, 'failed');
  assert.equal(storyboard.error, 'image model timed out');
  assert.deepEqual(
    storyboard.subSteps.map((s) => s.state),
    ['done', 'failed'],
  );
});

test('a failure reported only at the top level still names the current step', () => {
  const { patch } = followMvProgress(mvJob(), mvState({ status: 'error', currentStep: 'editor', errorMessage: 'render crashed', completedSteps: ['music-generate'] }), T0);
  assert.equal(patch.phase, 'failed');
  assert.match(patch.lastError?.message ?? '', /editor.*render crashed/);
  assert.equal(failedMvStep({ ...mvJob(), ...patch }), 'editor');
});

test('a moderation failure says so plainly', () => {
  const state = mvState({ status: 'failed', currentStep: 'shot', steps: [step('shot', 'failed', { error: 'image contains sensitive content' })] });
  const { patch } = followMvProgress(mvJob(), state, T0);
  assert.equal(patch.lastError?.kind, 'moderation');
  assert.match(patch.lastError?.message ?? '', /content checks/);
});

test('status completed without download_url keeps following ("finishing"); with it the video is ready', () => {
  const all = ['music-generate', 'storyboard', 'shot', 'editor'];
  const lagging = mvState({ status: 'completed', currentStep: 'editor', completedSteps: all, payStatus: 'paid', videoAsset: { assetId: 'a1', downloadUrl: '' } });
  const first = followMvProgress(mvJob(), lagging, T0);
  assert.equal(first.patch.phase, 'running');
  assert.deepEqual(first.events, []);
  const stillRunning = { ...mvJob(), ...first.patch };
  assert.equal(currentStepLabel(stillRunning), 'finishing');

  const url = 'https://assets.example/v.mp4?Policy=p&Key-Pair-Id=k&Signature=s';
  const ready = followMvProgress(stillRunning, { ...lagging, videoAsset: { assetId: 'a1', downloadUrl: url } }, T0 + 3000);
  assert.equal(ready.patch.phase, 'completed');
  assert.equal(ready.patch.finishedAt, T0 + 3000);
  assert.deepEqual(ready.events, ['ready']);
  assert.equal(ready.patch.project?.videoAsset?.downloadUrl, url);
  assert.deepEqual(followMvProgress(stillRunning, { ...lagging, videoAsset: { downloadUrl: url } }, T0).patch.phase, 'completed');

  // A finished job is never sent back by a later reply without the link, and keeps its snapshot.
  const done = { ...stillRunning, ...ready.patch };
  const later = followMvProgress(done, lagging, T0 + 6000);
  assert.equal(later.patch.phase, undefined);
  assert.equal(later.patch.project, undefined);
});

test('work in progress stays running, keeps the snapshot, and labels the running step', () => {
  const state = mvState({
    currentStep: 'shot',
    payStatus: 'paid',
    completedSteps: ['music-generate', 'storyboard'],
    steps: [
      step('music-generate', 'completed'),
      step('storyboard', 'completed'),
      step('shot', 'processing', { subSteps: [{ step: 'shot-1', status: 'completed' }, { step: 'shot-2', status: 'processing' }, { step: 'shot-3', status: 'pending' }] }),
      step('editor', 'pending'),
    ],
  });
  const { patch, events } = followMvProgress(mvJob(), state, T0);
  assert.equal(patch.phase, 'running');
  assert.deepEqual(events, []);
  assert.equal(patch.project, state);
  const job = { ...mvJob(), ...patch };
  assert.equal(currentStepLabel(job), 'shot (3/4)');
  const steps = stepsOf(job);
  assert.deepEqual(
    steps.map((s) => [s.step, s.state]),
    [
      ['music-generate', 'done'],
      ['storyboard', 'done'],
      ['shot', 'running'],
      ['editor', 'waiting'],
    ],
  );
  assert.deepEqual(
    steps[2].subSteps.map((s) => s.state),
    ['done', 'running', 'waiting'],
  );
});

test('steps merge completed_steps and current_step when steps[] is missing', () => {
  const job = mvJob({ project: mvState({ currentStep: 'storyboard', completedSteps: ['music-generate'] }) });
  assert.deepEqual(
    stepsOf(job).map((s) => s.state),
    ['done', 'running', 'waiting', 'waiting'],
  );
  assert.equal(currentStepLabel(job), 'storyboard (2/4)');
  assert.equal(currentStepLabel(mvJob({ project: undefined })), 'starting');
});

test('the follower gives up after an hour of waiting, and Resume gives it a fresh hour', async () => {
  const h = harness();
  const job = await submitMusicVideo(h.deps, promptForm());
  h.api.onQuery = async () => mvState({ currentStep: 'music-generate', steps: [step('music-generate', 'processing')] });

  h.clock.advance(59 * MINUTE);
  assert.equal((await refreshMusicVideo(h.deps, job.id)).job.phase, 'running');

  h.clock.advance(2 * MINUTE);
  const { job: stopped, events } = await refreshMusicVideo(h.deps, job.id);
  assert.equal(stopped.phase, 'stopped');
  assert.equal(stopped.overdue, true);
  assert.deepEqual(events, ['gaveUp']);
  assert.equal(stopped.projectId, 'proj1', 'the project stays queryable');

  const resumed = resumeMusicVideo(h.store, job.id, h.clock.now());
  assert.equal(resumed.phase, 'running');
  assert.equal(resumed.overdue, false);
  h.clock.advance(30 * MINUTE);
  assert.equal((await refreshMusicVideo(h.deps, job.id)).job.phase, 'running');
  assert.throws(() => resumeMusicVideo(h.store, job.id, h.clock.now()), /Only a music video that stopped/);
});

test('time spent waiting for the user to pay does not count towards the hour', async () => {
  const h = harness();
  const job = await submitMusicVideo(h.deps, promptForm());
  h.clock.advance(40 * MINUTE);
  h.api.onQuery = async () => mvState({ ...DONE_TWO, currentStep: 'shot', payStatus: 'pending' });
  assert.equal((await refreshMusicVideo(h.deps, job.id)).job.phase, 'awaitingPayment');

  h.clock.advance(3 * 60 * MINUTE); // the user pays three hours later
  await payMusicVideo(h.deps, job.id);
  h.api.onQuery = async () => mvState({ ...DONE_TWO, currentStep: 'shot', payStatus: 'paid', steps: [...DONE_TWO.steps, step('shot', 'processing')] });
  h.clock.advance(50 * MINUTE);
  assert.equal((await refreshMusicVideo(h.deps, job.id)).job.phase, 'running');
  h.clock.advance(11 * MINUTE);
  assert.equal((await refreshMusicVideo(h.deps, job.id)).job.phase, 'stopped');
});

test('a job we gave up on still shows a finished video or a failure when refreshed', () => {
  const stopped = mvJob({ phase: 'stopped', overdue: true, waitingSince: T0 - 2 * MV_GIVE_UP_MS });
  const stillRunning = followMvProgress(stopped, mvState({ currentStep: 'shot' }), T0);
  assert.equal(stillRunning.patch.phase, undefined);
  const ready = followMvProgress(stopped, mvState({ status: 'completed', videoAsset: { downloadUrl: 'https://x/v.mp4' } }), T0);
  assert.equal(ready.patch.phase, 'completed');
  assert.equal(ready.patch.overdue, false);
  assert.deepEqual(ready.events, ['ready']);
});

test('right after a payment a lagging "pending" is not a second payment request; a lasting one needs the user', () => {
  const paid = mvJob({ phase: 'running', paidAt: T0, waitingSince: T0, order: { orderId: 'o1', price: 580 }, payAttemptedAt: T0 });
  const pending = mvState({ ...DONE_TWO, payStatus: 'pending' });
  const lag = followMvProgress(paid, pending, T0 + 3000);
  assert.equal(lag.patch.phase, 'running');
  assert.deepEqual(lag.events, []);

  const lasting = followMvProgress(paid, pending, T0 + 5 * MINUTE);
  assert.equal(lasting.patch.phase, 'awaitingPayment');
  assert.deepEqual(lasting.events, ['awaitingPayment']);
  assert.match(lasting.patch.lastError?.message ?? '', /order o1.*before paying again/);
  assert.equal(mayAutoPay({ ...paid, ...lasting.patch }), false);
});

test('right after a retry the old failure in a stale snapshot is not taken as a new one', () => {
  const retried = mvJob({ phase: 'running', retriedStep: 'shot', waitingSince: T0 });
  const stale = mvState({ status: 'failed', currentStep: 'shot', steps: [step('shot', 'failed', { error: 'boom' })] });
  assert.equal(followMvProgress(retried, stale, T0 + 3000).patch.phase, 'running');
  assert.equal(followMvProgress(retried, stale, T0 + 2 * MINUTE).patch.phase, 'failed');
});

test('auto-pay is allowed only for a project never paid and never uncertain', () => {
  assert.equal(mayAutoPay(mvJob({ phase: 'awaitingPayment' })), true);
  assert.equal(mayAutoPay(mvJob({ phase: 'awaitingPayment', payUncertain: true })), false);
  assert.equal(mayAutoPay(mvJob({ phase: 'awaitingPayment', payAttemptedAt: T0 })), false);
  assert.equal(mayAutoPay(mvJob({ phase: 'running' })), false);
});

test('a failed query leaves the job as it was, with the problem shown on it', async () => {
  const h = harness();
  const job = await submitMusicVideo(h.deps, promptForm());
  h.api.onQuery = async () => {
    throw lostReply();
  };
  const result = await refreshMusicVideo(h.deps, job.id);
  assert.equal(result.job.phase, 'running');
  assert.match(result.job.fault ?? '', /did not answer in time/);
  assert.ok(result.error);
  h.api.onQuery = async () => mvState({ currentStep: 'music-generate', steps: [step('music-generate', 'processing')] });
  assert.equal((await refreshMusicVideo(h.deps, job.id)).job.fault, undefined);
});

test('a reply that arrives after the job changed phase is dropped', async () => {
  const h = harness();
  const job = await submitMusicVideo(h.deps, promptForm());
  const reply = deferred<ReturnType<typeof mvState>>();
  h.api.onQuery = () => reply.promise;
  const refresh = refreshMusicVideo(h.deps, job.id);
  h.store.update<MvJob>(job.id, () => ({ phase: 'stopped' }));
  reply.resolve(mvState({ ...DONE_TWO, payStatus: 'pending' }));
  const { job: after, events } = await refresh;
  assert.equal(after.phase, 'stopped');
  assert.deepEqual(events, []);
});

// --- Signals Giggle's trustee_api.py reacts to (lines 415–424) -----------------------------

test('a non-empty err_msg alone fails the project, naming current_step', () => {
  const state = mvState({
    status: 'processing',
    currentStep: 'storyboard',
    completedSteps: ['music-generate'],
    errorMessage: 'storyboard service unavailable',
    steps: [step('music-generate', 'completed'), step('storyboard', 'processing')],
  });
  const { patch, events } = followMvProgress(mvJob(), state, T0);
  assert.equal(patch.phase, 'failed');
  assert.deepEqual(events, ['stepFailed']);
  assert.match(patch.lastError?.message ?? '', /storyboard service unavailable/);
  const failed = { ...mvJob(), ...patch };
  assert.equal(failedMvStep(failed), 'storyboard');
  assert.equal(stepsOf(failed)[1].state, 'failed');
});

test('a sub-step error alone (statuses all fine) fails the project, naming the step that holds it', () => {
  const state = mvState({
    status: 'processing',
    currentStep: 'shot',
    payStatus: 'paid',
    completedSteps: ['music-generate', 'storyboard'],
    steps: [
      step('music-generate', 'completed'),
      step('storyboard', 'completed', { subSteps: [{ step: 'script', status: 'completed', error: 'lyrics too long, trimmed' }] }),
      step('shot', 'processing'),
    ],
  });
  const { patch } = followMvProgress(mvJob({ phase: 'running', paidAt: T0 - MINUTE }), state, T0);
  assert.equal(patch.phase, 'failed');
  assert.match(patch.lastError?.message ?? '', /lyrics too long/);
  assert.equal(failedMvStep({ ...mvJob(), ...patch }), 'storyboard', 'the step holding the error, not current_step');
});

test('a current_step containing "pay" is the payment gate even with an empty pay_status, announced once', () => {
  const job = mvJob();
  const gate = mvState({ ...DONE_TWO, currentStep: 'wait-pay', payStatus: '' });
  const first = followMvProgress(job, gate, T0);
  assert.equal(first.patch.phase, 'awaitingPayment');
  assert.deepEqual(first.events, ['awaitingPayment']);
  const waiting = { ...job, ...first.patch };
  assert.ok(mayAutoPay(waiting));
  assert.deepEqual(followMvProgress(waiting, gate, T0 + MINUTE).events, []);
});

test('a refused retry keeps its reason while Giggle still reports the same step failed', () => {
  const failedState = mvState({
    currentStep: 'music-generate',
    errorMessage: 'music generation failed',
    steps: [step('music-generate', 'failed', { error: 'music generation failed' })],
  });
  const refused = { kind: 'auth', message: 'Retry of the music refused: the API key was not accepted', at: T0 + 5 };
  const job = mvJob({ phase: 'failed', project: failedState, lastError: refused });
  const { patch, events } = followMvProgress(job, failedState, T0 + 10);
  assert.deepEqual({ phase: patch.phase, lastError: patch.lastError, events }, { phase: 'failed', lastError: refused, events: [] });
  // Failed at another step now: that is news, and it is shown.
  const later = mvState({ currentStep: 'storyboard', completedSteps: ['music-generate'], steps: [step('music-generate', 'completed'), step('storyboard', 'failed', { error: 'storyboard failed' })] });
  assert.match(followMvProgress(job, later, T0 + 20).patch.lastError?.message ?? '', /storyboard failed/);
});
