import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, InputError, ModerationError, NetworkError } from '../../../src/giggle/errors';
import type { VideoRequest } from '../../../src/giggle/types';
import type { Job, VideoJob } from '../../../src/jobs/jobTypes';
import { JobStore } from '../../../src/jobs/jobStore';
import { DuplicateSubmissionError, reconcileInterruptedSubmissions, submitVideoJob } from '../../../src/jobs/videoSubmission';
import { MemoryStorage } from '../support/memoryStorage';

const T0 = 1_700_000_000_000;
/** The 1×1 PNG from the MV seed. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

interface Call {
  request: VideoRequest;
  /** The jobs file at the moment the request left. */
  onDisk: Job[];
}

function harness(reply: (request: VideoRequest) => Promise<{ taskId: string }> = async () => ({ taskId: 'task-1' })) {
  const storage = new MemoryStorage();
  const store = new JobStore(storage, { maxJobs: () => 100, writeDelayMs: 5, now: () => T0 });
  const calls: Call[] = [];
  let seq = 0;
  const api = {
    submitVideo(request: VideoRequest): Promise<{ taskId: string }> {
      calls.push({ request, onDisk: storage.jobs() });
      return reply(request);
    },
  };
  const deps = { store, api, newId: () => `job-${++seq}`, now: () => T0 };
  return { storage, store, calls, deps };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

test('invalid input throws InputError, sends nothing and records no job', async () => {
  const cases: Array<[string, unknown]> = [
    ['empty prompt', { prompt: '', model: 'grok' }],
    ['blank prompt', { prompt: '   ', model: 'grok' }],
    ['unknown model', { prompt: 'a cat', model: 'grok-9000' }],
    ['duration not allowed', { prompt: 'a cat', model: 'grok', duration: 8 }],
    ['data: prefixed base64', { prompt: 'a cat', model: 'grok', startFrame: { base64: `data:image/png;base64,${PNG_BASE64}` } }],
    ['not an object', 'a cat'],
  ];
  for (const [name, input] of cases) {
    const { store, storage, calls, deps } = harness();
    await assert.rejects(submitVideoJob(deps, input), InputError, name);
    assert.equal(calls.length, 0, `${name}: the API was called`);
    assert.equal(store.list().length, 0, `${name}: a job was recorded`);
    assert.equal(storage.jobs().length, 0, `${name}: a job was written`);
  }
});

test('the InputError names the offending field', async () => {
  const { deps } = harness();
  const error = await submitVideoJob(deps, { prompt: 'a cat', model: 'sora2', duration: 6 }).catch((e: unknown) => e);
  assert.ok(error instanceof InputError);
  assert.deepEqual(
    error.issues.map((issue) => issue.field),
    ['duration'],
  );
  assert.match(error.message, /4, 8, 12/);
});

test('a successful submission calls the API once, and the job is pending with the task id, on disk', async () => {
  const { store, storage, calls, deps } = harness(async () => ({ taskId: 'task-ok' }));
  const job = await submitVideoJob(deps, { prompt: 'a fox', model: 'kling25', duration: 10, aspectRatio: '9:16', resolution: '1080p' });
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].request, { prompt: 'a fox', model: 'kling25', duration: 10, aspectRatio: '9:16', resolution: '1080p' });
  assert.equal(job.phase, 'pending');
  assert.equal(job.taskId, 'task-ok');
  assert.equal(store.get(job.id)?.phase, 'pending');
  await store.flush();
  const saved = storage.jobs().find((j) => j.id === job.id) as VideoJob;
  assert.equal(saved.phase, 'pending');
  assert.equal(saved.taskId, 'task-ok');
  store.dispose();
});

test('the job is written to storage, as submitting, before the API call leaves', async () => {
  const { calls, deps } = harness();
  const job = await submitVideoJob(deps, { prompt: 'a fox on disk', model: 'grok', startFrame: { url: 'https://img.example/fox.png' } });
  assert.equal(calls.length, 1);
  const onDisk = calls[0].onDisk.find((j) => j.id === job.id) as VideoJob | undefined;
  assert.ok(onDisk, 'the job was not on disk when the request was sent');
  assert.equal(onDisk.phase, 'submitting');
  assert.equal(onDisk.taskId, undefined);
  assert.deepEqual(onDisk.request.startFrame, { kind: 'url', url: 'https://img.example/fox.png' });
  deps.store.dispose();
});

test('frame bytes are never persisted: base64 frames are recorded by size, or by the given origin', async () => {
  const { storage, deps } = harness();
  await submitVideoJob(deps, { prompt: 'frames', model: 'grok', startFrame: { base64: PNG_BASE64 }, endFrame: { base64: PNG_BASE64 } }, { endFrame: { kind: 'file', path: '/w/end.png', bytes: 70 } });
  await deps.store.flush();
  assert.ok(!storage.text?.includes(PNG_BASE64), 'image bytes were written to the jobs file');
  const saved = storage.jobs()[0] as VideoJob;
  assert.equal(saved.request.startFrame?.kind, 'base64');
  assert.deepEqual(saved.request.endFrame, { kind: 'file', path: '/w/end.png', bytes: 70 });
  deps.store.dispose();
});

test('a refused submission becomes submitFailed with the reason and is not retried', async () => {
  const refusal = new ApiError('textToVideo', { code: 40001, apiMessage: 'insufficient credits', outcomeUnknown: false });
  const { store, storage, calls, deps } = harness(async () => {
    throw refusal;
  });
  await assert.rejects(submitVideoJob(deps, { prompt: 'refused', model: 'grok' }), (error) => error === refusal);
  assert.equal(calls.length, 1, 'a refused submission was re-sent');
  const [job] = store.list() as VideoJob[];
  assert.equal(job.phase, 'submitFailed');
  assert.equal(job.lastError?.kind, 'api');
  assert.match(job.lastError?.message ?? '', /insufficient credits/);
  await store.flush();
  assert.equal((storage.jobs()[0] as VideoJob).phase, 'submitFailed');
  store.dispose();
});

test('a moderation refusal is also submitFailed, kind moderation', async () => {
  const { store, calls, deps } = harness(async () => {
    throw new ModerationError('textToVideo', 'sensitive content');
  });
  await assert.rejects(submitVideoJob(deps, { prompt: 'moderated', model: 'grok' }), ModerationError);
  assert.equal(calls.length, 1);
  const [job] = store.list() as VideoJob[];
  assert.equal(job.phase, 'submitFailed');
  assert.equal(job.lastError?.kind, 'moderation');
  store.dispose();
});

test('a timed-out submission becomes outcomeUnknown and is not retried', async () => {
  const timeout = new NetworkError('textToVideo', 'timeout', { outcomeUnknown: true, timeoutMs: 30_000 });
  const { store, storage, calls, deps } = harness(async () => {
    throw timeout;
  });
  await assert.rejects(submitVideoJob(deps, { prompt: 'lost reply', model: 'grok' }), (error) => error === timeout);
  assert.equal(calls.length, 1, 'an unknown-outcome submission was re-sent');
  const [job] = store.list() as VideoJob[];
  assert.equal(job.phase, 'outcomeUnknown');
  assert.equal(job.lastError?.kind, 'network');
  assert.equal(job.taskId, undefined);
  await store.flush();
  assert.equal((storage.jobs()[0] as VideoJob).phase, 'outcomeUnknown');
  store.dispose();
});

test('a 5xx with unknown outcome (ApiError outcomeUnknown true) is outcomeUnknown, not submitFailed', async () => {
  const { store, calls, deps } = harness(async () => {
    throw new ApiError('textToVideo', { code: 502, apiMessage: 'bad gateway', httpStatus: 502, outcomeUnknown: true, fromEnvelope: false });
  });
  await assert.rejects(submitVideoJob(deps, { prompt: 'gateway', model: 'grok' }), ApiError);
  assert.equal(calls.length, 1);
  assert.equal((store.list()[0] as VideoJob).phase, 'outcomeUnknown');
  store.dispose();
});

test('two identical submissions at once: the second throws DuplicateSubmissionError and only one request is sent', async () => {
  const reply = deferred<{ taskId: string }>();
  const { store, calls, deps } = harness(() => reply.promise);
  const input = { prompt: 'double click', model: 'grok', duration: 10 };
  const first = submitVideoJob(deps, input);
  await assert.rejects(submitVideoJob(deps, { ...input }), DuplicateSubmissionError);
  // The same request spelled with its defaults is still the same request.
  await assert.rejects(submitVideoJob(deps, { ...input, aspectRatio: '16:9', resolution: '720p' }), DuplicateSubmissionError);
  reply.resolve({ taskId: 'task-once' });
  const job = await first;
  assert.equal(job.taskId, 'task-once');
  assert.equal(calls.length, 1);
  assert.equal(store.list().length, 1, 'the duplicate recorded a job');

  // Once the first has finished, sending it again is the user's right.
  const again = await submitVideoJob(deps, input);
  assert.equal(calls.length, 2);
  assert.notEqual(again.id, job.id);
  store.dispose();
});

test('a failed submission releases the duplicate guard', async () => {
  let fail = true;
  const { calls, deps } = harness(async () => {
    if (fail) throw new ApiError('textToVideo', { code: 500, apiMessage: 'no', outcomeUnknown: false });
    return { taskId: 't' };
  });
  const input = { prompt: 'guard released', model: 'grok' };
  await assert.rejects(submitVideoJob(deps, input), ApiError);
  fail = false;
  const job = await submitVideoJob(deps, input);
  assert.equal(job.phase, 'pending');
  assert.equal(calls.length, 2);
  deps.store.dispose();
});

test('different requests may be submitted concurrently', async () => {
  const reply = deferred<{ taskId: string }>();
  const { calls, deps } = harness(() => reply.promise);
  const a = submitVideoJob(deps, { prompt: 'concurrent a', model: 'grok' });
  const b = submitVideoJob(deps, { prompt: 'concurrent b', model: 'grok' });
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(calls.length, 2);
  reply.resolve({ taskId: 'same' });
  await Promise.all([a, b]);
  deps.store.dispose();
});

test('reconcileInterruptedSubmissions turns saved "submitting" jobs into outcomeUnknown, and nothing is sent', async () => {
  const storage = new MemoryStorage();
  const base = { kind: 'video' as const, createdAt: T0, updatedAt: T0, request: { prompt: 'p', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' }, urls: [] };
  const jobs: VideoJob[] = [
    { ...base, id: 'interrupted', phase: 'submitting' },
    { ...base, id: 'running', phase: 'processing', taskId: 't1' },
    { ...base, id: 'refused', phase: 'submitFailed' },
  ];
  storage.text = JSON.stringify({ version: 1, jobs });
  const store = new JobStore(storage, { maxJobs: () => 100, writeDelayMs: 5, now: () => T0 + 1 });
  await store.load();
  assert.equal(reconcileInterruptedSubmissions(store, T0 + 1), 1);
  const interrupted = store.get('interrupted') as VideoJob;
  assert.equal(interrupted.phase, 'outcomeUnknown');
  assert.match(interrupted.lastError?.message ?? '', /may or may not have received it/);
  assert.equal(store.get('running')?.phase, 'processing');
  assert.equal(store.get('refused')?.phase, 'submitFailed');
  await store.flush();
  assert.equal(storage.jobs().find((j) => j.id === 'interrupted')?.phase, 'outcomeUnknown');
  assert.equal(reconcileInterruptedSubmissions(store, T0 + 2), 0);
  store.dispose();
});

test('replaceJobId resubmits into the same job instead of adding another', async () => {
  let fail = true;
  const { store, storage, calls, deps } = harness(async () => {
    if (fail) throw new NetworkError('textToVideo', 'reset', { outcomeUnknown: true });
    return { taskId: 'task-second' };
  });
  await assert.rejects(submitVideoJob(deps, { prompt: 'again', model: 'grok' }), NetworkError);
  const [first] = store.list() as VideoJob[];
  assert.equal(first.phase, 'outcomeUnknown');

  fail = false;
  const job = await submitVideoJob(deps, { prompt: 'again', model: 'grok', duration: 10 }, {}, { replaceJobId: first.id });
  assert.equal(job.id, first.id);
  assert.equal(store.list().length, 1);
  assert.equal(job.phase, 'pending');
  assert.equal(job.taskId, 'task-second');
  assert.equal(job.lastError, undefined, 'the old error is still shown on the resubmitted job');
  assert.equal(job.request.duration, 10);
  assert.equal(calls.length, 2);
  // The replaced record was on disk, as submitting, before the second request left.
  const onDisk = calls[1].onDisk.find((j) => j.id === first.id) as VideoJob;
  assert.equal(onDisk.phase, 'submitting');
  assert.equal(onDisk.request.duration, 10);
  assert.equal(storage.jobs().length, 1);
  store.dispose();
});

test('replaceJobId for a job that no longer exists records a new job', async () => {
  const { store, deps } = harness();
  const job = await submitVideoJob(deps, { prompt: 'gone', model: 'grok' }, {}, { replaceJobId: 'removed-meanwhile' });
  assert.notEqual(job.id, 'removed-meanwhile');
  assert.equal(store.list().length, 1);
  store.dispose();
});

// --- Cached assets Giggle no longer knows (issue 15, item 10) ---------------------------------

const unknownAsset = (id: string) => new ApiError('imageToVideo', { code: 40001, apiMessage: `start_frame.asset_id ${id} not found`, outcomeUnknown: false });
const withAsset = (id: string) => ({ prompt: 'the still moves', model: 'grok', startFrame: { asset_id: id } });

test('an "asset unknown" refusal: the assets are uploaded again once and the request sent once more, into the same job', async () => {
  const { store, calls, deps } = harness(async (request) => {
    if ((request.startFrame as { asset_id: string }).asset_id === 'stale') throw unknownAsset('stale');
    return { taskId: 'task-fresh' };
  });
  const refreshed: unknown[] = [];
  const job = await submitVideoJob(deps, withAsset('stale'), {}, {
    refreshAssets: async (sent, error) => {
      refreshed.push(error);
      assert.equal((sent.startFrame as { asset_id: string }).asset_id, 'stale', 'told what was sent');
      return { ...sent, startFrame: { asset_id: 'fresh' } };
    },
  });
  assert.equal(refreshed.length, 1, 'the assets were refreshed once');
  assert.deepEqual(calls.map((c) => (c.request.startFrame as { asset_id: string }).asset_id), ['stale', 'fresh']);
  assert.equal(job.phase, 'pending');
  assert.equal(job.taskId, 'task-fresh');
  assert.equal(store.list().length, 1, 'one job, not two');
  store.dispose();
});

test('"asset unknown" again after the fresh upload: no third attempt, the job is submitFailed', async () => {
  const { store, calls, deps } = harness(async (request) => {
    throw unknownAsset((request.startFrame as { asset_id: string }).asset_id);
  });
  let refreshes = 0;
  await assert.rejects(
    submitVideoJob(deps, withAsset('stale'), {}, { refreshAssets: async () => (refreshes++, withAsset(`fresh-${refreshes}`) as VideoRequest) }),
    /fresh-1 not found/,
  );
  assert.equal(refreshes, 1, 'uploaded again once, never in a loop');
  assert.equal(calls.length, 2);
  assert.equal((store.list()[0] as VideoJob).phase, 'submitFailed');
  store.dispose();
});

test('a submission whose outcome is unknown is never re-sent, even when the text mentions an unknown asset', async () => {
  for (const error of [
    new ApiError('imageToVideo', { code: 502, apiMessage: 'asset_id stale not found', httpStatus: 502, outcomeUnknown: true, fromEnvelope: false }),
    new ApiError('imageToVideo', { code: 40001, apiMessage: 'start_frame.asset_id stale not found', outcomeUnknown: true }),
    new NetworkError('imageToVideo', 'timeout', { outcomeUnknown: true, timeoutMs: 30_000 }),
  ]) {
    const { store, calls, deps } = harness(async () => {
      throw error;
    });
    let refreshes = 0;
    await assert.rejects(submitVideoJob(deps, withAsset('stale'), {}, { refreshAssets: async () => (refreshes++, withAsset('fresh') as VideoRequest) }));
    assert.equal(refreshes, 0, `${error.message}: uploaded again`);
    assert.equal(calls.length, 1, `${error.message}: re-sent`);
    assert.equal((store.list()[0] as VideoJob).phase, 'outcomeUnknown');
    store.dispose();
  }
});

test('other refusals are not retried, and a failed re-upload fails the job with its own message', async () => {
  const other = harness(async () => {
    throw new ApiError('imageToVideo', { code: 40001, apiMessage: 'insufficient credits', outcomeUnknown: false });
  });
  let refreshes = 0;
  await assert.rejects(submitVideoJob(other.deps, withAsset('a1'), {}, { refreshAssets: async () => (refreshes++, withAsset('b1') as VideoRequest) }));
  assert.equal(refreshes, 0);
  assert.equal(other.calls.length, 1);
  other.store.dispose();

  const failing = harness(async () => {
    throw unknownAsset('a2');
  });
  await assert.rejects(
    submitVideoJob(failing.deps, withAsset('a2'), {}, {
      refreshAssets: async () => {
        throw new Error('Uploading frames/a.png to Giggle failed');
      },
    }),
    /Uploading frames\/a\.png to Giggle failed/,
  );
  assert.equal(failing.calls.length, 1, 'nothing sent without a fresh asset');
  const job = failing.store.list()[0] as VideoJob;
  assert.equal(job.phase, 'submitFailed');
  assert.match(job.lastError?.message ?? '', /Uploading frames\/a\.png to Giggle failed/);
  failing.store.dispose();
});
