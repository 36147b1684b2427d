import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/giggle/errors';
import type { MvProjectState, VideoTaskState } from '../../../src/giggle/types';
import { JobStore } from '../../../src/jobs/jobStore';
import type { MvJob } from '../../../src/jobs/jobTypes';
import { mayAutoPay } from '../../../src/jobs/mvProgress';
import { TrackError, trackJob, trackTarget } from '../../../src/jobs/trackJob';
import { MemoryStorage } from '../support/memoryStorage';

const T0 = 1_700_000_000_000;
const GATE: MvProjectState = {
  projectId: 'p1',
  status: 'processing',
  currentStep: 'shot',
  completedSteps: ['music-generate', 'storyboard'],
  payStatus: 'pending',
  steps: [],
};

function deps(answers: { video?: VideoTaskState | Error; mv?: MvProjectState | Error }) {
  const storage = new MemoryStorage();
  const store = new JobStore(storage, { maxJobs: () => 100, writeDelayMs: 1, now: () => T0 });
  let n = 0;
  const answer = <T>(value: T | Error | undefined): Promise<T> => (value instanceof Error || value === undefined ? Promise.reject(value ?? new Error('no answer')) : Promise.resolve(value));
  return {
    store,
    api: { queryVideoTask: () => answer(answers.video), queryMv: () => answer(answers.mv) },
    newId: () => `job${++n}`,
    now: () => T0,
  };
}

test('trackTarget takes exactly one of taskId / projectId, and only id characters', () => {
  assert.deepEqual(trackTarget({ taskId: ' abc-1 ' }), { kind: 'video', taskId: 'abc-1' });
  assert.deepEqual(trackTarget({ projectId: 'p_1' }), { kind: 'mv', projectId: 'p_1' });
  for (const bad of [undefined, 'abc', {}, { taskId: 'a', projectId: 'b' }, { taskId: 'a b' }, { taskId: '' }]) {
    assert.throws(() => trackTarget(bad), /trackJob takes one object|not a Giggle id/, JSON.stringify(bad));
  }
});

test('an imported project at the payment gate waits for the user: auto-pay never applies', async () => {
  const d = deps({ mv: GATE });
  const { job, added, mvEvents } = await trackJob(d, { kind: 'mv', projectId: 'p1' });
  assert.ok(added);
  assert.equal(job.phase, 'awaitingPayment');
  assert.deepEqual(mvEvents, ['awaitingPayment']);
  assert.equal(mayAutoPay(job as MvJob), false);
  assert.equal(mayAutoPay({ ...(job as MvJob), tracked: undefined }), true, 'the same job started here could be auto-paid');
  assert.equal(d.store.list().length, 1);
});

test('a wrong id is refused with a clear message and adds no job; other errors propagate unchanged', async () => {
  const notFound = new ApiError('queryTask', { code: 404, apiMessage: 'task x not found', httpStatus: 200 });
  const d = deps({ video: notFound });
  await assert.rejects(trackJob(d, { kind: 'video', taskId: 'x' }), (e: unknown) => e instanceof TrackError && /no video task with the id x/.test(e.message));
  const busy = new ApiError('queryTask', { code: 50013, apiMessage: 'queue full', httpStatus: 200 });
  await assert.rejects(trackJob(deps({ video: busy }), { kind: 'video', taskId: 'x' }), (e: unknown) => e === busy);
  assert.equal(d.store.list().length, 0);
});

test('a finished task is added finished; the same id twice adds nothing', async () => {
  const d = deps({ video: { taskId: 't1', status: 'completed', urls: ['https://cdn.example/v.mp4?Policy=p'] } });
  const first = await trackJob(d, { kind: 'video', taskId: 't1' });
  assert.equal(first.job.phase, 'completed');
  const second = await trackJob(d, { kind: 'video', taskId: 't1' });
  assert.equal(second.added, false);
  assert.equal(second.job.id, first.job.id);
  assert.equal(d.store.list().length, 1);
});
