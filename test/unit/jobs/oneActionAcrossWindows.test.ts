// Two windows on one jobs file, each with its own copy of the list: paying,
// Retry Step and Submit Again are claimed in the file before the call, so a
// window whose copy is stale (it has not seen the other's change yet) never
// sends the call a second time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VideoJob } from '../../../src/jobs/jobTypes';
import { JobStore } from '../../../src/jobs/jobStore';
import { MvActionError, refreshMusicVideo } from '../../../src/jobs/mvActions';
import { payMusicVideo } from '../../../src/jobs/mvPayment';
import { retryMusicVideoStep } from '../../../src/jobs/mvRetry';
import { submitMusicVideo } from '../../../src/jobs/mvSubmission';
import { AlreadyResubmittedError, submitVideoJob } from '../../../src/jobs/videoSubmission';
import { MemoryStorage } from '../support/memoryStorage';
import { videoJob, T0 } from '../support/jobFixtures';
import type { Harness } from './mvFakes';
import { harness, mvState, promptForm, step } from './mvFakes';

/** A second window on the same file, loaded now: it shows the job as it is at this moment. */
async function secondWindow(h: Harness): Promise<Harness['deps']> {
  await h.store.flush();
  const store = new JobStore(h.storage, { maxJobs: () => 200, writeDelayMs: 1, now: h.clock.now });
  await store.load();
  return { ...h.deps, store };
}

const DONE_TWO = { completedSteps: ['music-generate', 'storyboard'], steps: [step('music-generate', 'completed'), step('storyboard', 'completed')] };

test('two windows at the payment gate with automatic payment: paid once', async () => {
  const h = harness();
  const job = await submitMusicVideo(h.deps, promptForm());
  h.api.onQuery = async () => mvState({ ...DONE_TWO, currentStep: 'shot', payStatus: 'pending' });
  await refreshMusicVideo(h.deps, job.id);
  const other = await secondWindow(h);
  assert.equal(other.store.get(job.id)?.phase, 'awaitingPayment');

  await payMusicVideo(h.deps, job.id, { auto: true });
  await h.store.flush();
  assert.equal(other.store.get(job.id)?.phase, 'awaitingPayment', 'the other window has not seen the payment yet');
  await assert.rejects(payMusicVideo(other, job.id, { auto: true }), MvActionError);
  await assert.rejects(payMusicVideo(other, job.id), MvActionError, 'not by hand either');
  assert.equal(h.api.count('payMv'), 1);
  assert.equal(other.store.get(job.id)?.phase, 'running', 'the refusing window now shows the payment');
});

test('two windows retrying a failed step: one retry call', async () => {
  const h = harness();
  const job = await submitMusicVideo(h.deps, promptForm());
  h.api.onQuery = async () =>
    mvState({ ...DONE_TWO, status: 'failed', currentStep: 'shot', payStatus: 'paid', steps: [...DONE_TWO.steps, step('shot', 'failed', { error: 'x' })] });
  await refreshMusicVideo(h.deps, job.id);
  const other = await secondWindow(h);
  assert.equal(other.store.get(job.id)?.phase, 'failed');

  await retryMusicVideoStep(h.deps, job.id);
  await assert.rejects(retryMusicVideoStep(other, job.id), /retried already/);
  assert.equal(h.api.count('retryMv'), 1);
});

test('two windows choosing Submit Again for one video: one submission', async () => {
  const storage = new MemoryStorage();
  const windows = [0, 1].map(() => new JobStore(storage, { maxJobs: () => 100, writeDelayMs: 5, now: () => T0 + 5 }));
  await windows[0].add(videoJob('v', { phase: 'outcomeUnknown', taskId: undefined }));
  await windows[1].load();
  let submissions = 0;
  const deps = (store: JobStore) => ({
    store,
    api: { submitVideo: async () => ({ taskId: `task-${++submissions}` }) },
    newId: () => 'unused',
    now: () => T0 + 5,
  });
  const input = { prompt: 'prompt v', model: 'grok' };
  await submitVideoJob(deps(windows[0]), input, {}, { replaceJobId: 'v' });
  await assert.rejects(submitVideoJob(deps(windows[1]), input, {}, { replaceJobId: 'v' }), AlreadyResubmittedError);
  assert.equal(submissions, 1);
  await windows[0].flush();
  assert.equal((storage.job('v') as VideoJob).taskId, 'task-1');
});
