import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MvJob } from '../../../src/jobs/jobTypes';
import { MvActionError, refreshMusicVideo } from '../../../src/jobs/mvActions';
import { retryMusicVideoStep } from '../../../src/jobs/mvRetry';
import { submitMusicVideo } from '../../../src/jobs/mvSubmission';
import type { Harness } from './mvFakes';
import { deferred, harness, lostReply, mvState, promptForm, refusal, step } from './mvFakes';

const SHOT_FAILED = mvState({
  status: 'failed',
  currentStep: 'shot',
  completedSteps: ['music-generate', 'storyboard'],
  payStatus: 'paid',
  errorMessage: 'shot failed at shot-3: generation error',
  steps: [
    step('music-generate', 'completed'),
    step('storyboard', 'completed'),
    step('shot', 'failed', {
      error: 'shot failed at shot-3: generation error',
      subSteps: [
        { step: 'shot-1', status: 'completed' },
        { step: 'shot-2', status: 'completed' },
        { step: 'shot-3', status: 'failed', error: 'generation error' },
      ],
    }),
    step('editor', 'pending'),
  ],
});

const SHOT_RUNNING = mvState({
  currentStep: 'shot',
  completedSteps: ['music-generate', 'storyboard'],
  payStatus: 'paid',
  steps: [step('music-generate', 'completed'), step('storyboard', 'completed'), step('shot', 'processing')],
});

async function failedJob(h: Harness): Promise<MvJob> {
  const job = await submitMusicVideo(h.deps, promptForm());
  h.api.onQuery = async () => SHOT_FAILED;
  const { job: failed, events } = await refreshMusicVideo(h.deps, job.id);
  assert.equal(failed.phase, 'failed');
  assert.deepEqual(events, ['stepFailed']);
  return failed;
}

test('retry names the failed step and resumes following', async () => {
  const h = harness();
  const job = await failedJob(h);
  const retried = await retryMusicVideoStep(h.deps, job.id);

  assert.deepEqual(h.api.callsOf('retryMv')[0].args, ['proj1', 'shot']);
  assert.equal(retried.phase, 'running');
  assert.equal(retried.lastError, undefined);
  assert.equal(retried.retriedStep, 'shot');

  h.api.onQuery = async () => SHOT_RUNNING;
  h.clock.advance(3000);
  assert.equal((await refreshMusicVideo(h.deps, job.id)).job.phase, 'running');
});

test('a refused retry keeps the job failed with the new reason', async () => {
  const h = harness();
  const job = await failedJob(h);
  h.api.onRetry = async () => {
    throw refusal('step shot of project proj1 has not failed; nothing to retry', 'retryMv');
  };
  await assert.rejects(retryMusicVideoStep(h.deps, job.id), /nothing to retry/);
  const after = h.store.get(job.id) as MvJob;
  assert.equal(after.phase, 'failed');
  assert.match(after.lastError?.message ?? '', /Retry of shot refused: .*nothing to retry/);
  assert.equal(h.api.count('retryMv'), 1);
});

test('retry is refused locally unless a step failed, and a double click sends one retry', async () => {
  const h = harness();
  const running = await submitMusicVideo(h.deps, promptForm());
  await assert.rejects(retryMusicVideoStep(h.deps, running.id), (error: unknown) => {
    assert.ok(error instanceof MvActionError);
    assert.match(error.message, /Only a music video with a failed step can be retried; this one is in progress/);
    return true;
  });
  assert.equal(h.api.count('retryMv'), 0);

  h.api.onCreate = async () => ({ projectId: 'proj2' });
  const job = await failedJob(h);
  const retry = deferred<void>();
  h.api.onRetry = () => retry.promise;
  const first = retryMusicVideoStep(h.deps, job.id);
  await assert.rejects(retryMusicVideoStep(h.deps, job.id), /already on its way/);
  retry.resolve();
  await first;
  assert.equal(h.api.count('retryMv'), 1);
});

test('a retry with an unknown outcome is followed: a lasting failure shows as failed again', async () => {
  const h = harness();
  const job = await failedJob(h);
  h.api.onRetry = async () => {
    throw lostReply('retryMv');
  };
  await assert.rejects(retryMusicVideoStep(h.deps, job.id));
  const after = h.store.get(job.id) as MvJob;
  assert.equal(after.phase, 'running');
  assert.match(after.lastError?.message ?? '', /may or may not have reached Giggle/);

  h.clock.advance(60_000);
  const { job: again, events } = await refreshMusicVideo(h.deps, job.id);
  assert.equal(again.phase, 'failed');
  assert.deepEqual(events, ['stepFailed']);
  assert.equal(h.api.count('retryMv'), 1);
});
