import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VideoTaskState } from '../../../src/giggle/types';
import type { VideoJob } from '../../../src/jobs/jobTypes';
import { VIDEO_OVERDUE_MS, applyVideoState, noVideoCameBack } from '../../../src/jobs/videoProgress';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;
const URL_A = 'https://cdn.example/a.mp4?Policy=p&Signature=s&Key-Pair-Id=k';

function job(overrides: Partial<VideoJob> = {}): VideoJob {
  return {
    id: 'j1',
    kind: 'video',
    createdAt: T0,
    updatedAt: T0,
    request: { prompt: 'a fox', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' },
    taskId: 'task-1',
    phase: 'processing',
    urls: [],
    ...overrides,
  };
}

function state(overrides: Partial<VideoTaskState> = {}): VideoTaskState {
  return { taskId: 'task-1', status: 'processing', urls: [], ...overrides };
}

/** Applies a reply the way the follower does (spread the patch over the record). */
function apply(current: VideoJob, reply: VideoTaskState, now: number) {
  const result = applyVideoState(current, reply, now);
  return { job: { ...current, ...result.patch }, events: result.events };
}

test('completed: urls are stored and "ready" is announced once, not again on the next completed reply', () => {
  const first = apply(job(), state({ status: 'completed', urls: [URL_A] }), T0 + 2 * MINUTE);
  assert.deepEqual(first.events, ['ready']);
  assert.equal(first.job.phase, 'completed');
  assert.deepEqual(first.job.urls, [URL_A]);
  assert.equal(first.job.finishedAt, T0 + 2 * MINUTE);

  const second = apply(first.job, state({ status: 'completed', urls: [URL_A] }), T0 + 3 * MINUTE);
  assert.deepEqual(second.events, []);
  assert.equal(second.job.finishedAt, T0 + 2 * MINUTE, 'the finish time moved on a repeated reply');
});

test('a reply clears the fault, stamps the poll and counts it', () => {
  const { job: next } = apply(job({ fault: 'connection reset', pollCount: 4 }), state({ status: 'processing' }), T0 + MINUTE);
  assert.equal(next.fault, undefined);
  assert.equal(next.lastPolledAt, T0 + MINUTE);
  assert.equal(next.pollCount, 5);
  assert.equal(next.phase, 'processing');
});

test('pending and processing are followed as such, with no events', () => {
  assert.deepEqual(apply(job({ phase: 'pending' }), state({ status: 'pending' }), T0 + MINUTE), {
    job: { ...job({ phase: 'pending' }), fault: undefined, lastPolledAt: T0 + MINUTE, pollCount: 1, phase: 'pending' },
    events: [],
  });
  const moved = apply(job({ phase: 'pending' }), state({ status: 'processing' }), T0 + MINUTE);
  assert.equal(moved.job.phase, 'processing');
  assert.deepEqual(moved.events, []);
});

test('failed with moderation: the message says the content checks rejected it, and includes Giggle\'s text', () => {
  const { job: next, events } = apply(job(), state({ status: 'failed', moderated: true, errorMessage: 'sensitive content detected' }), T0 + MINUTE);
  assert.deepEqual(events, ['failed']);
  assert.equal(next.phase, 'failed');
  assert.equal(next.moderated, true);
  assert.equal(next.lastError?.kind, 'moderation');
  assert.match(next.lastError?.message ?? '', /content checks/);
  assert.match(next.lastError?.message ?? '', /sensitive content detected/);
  assert.equal(next.finishedAt, T0 + MINUTE);
});

test('failed without moderation: Giggle\'s reason, or a plain fallback; announced once', () => {
  const withReason = apply(job(), state({ status: 'failed', errorMessage: 'GPU exploded' }), T0 + MINUTE);
  assert.equal(withReason.job.lastError?.kind, 'failed');
  assert.equal(withReason.job.lastError?.message, 'GPU exploded');
  assert.equal(withReason.job.moderated, false);
  assert.doesNotMatch(withReason.job.lastError?.message ?? '', /content checks/);

  const noReason = apply(job(), state({ status: 'failed' }), T0 + MINUTE);
  assert.match(noReason.job.lastError?.message ?? '', /failed, without a reason/);

  const again = apply(withReason.job, state({ status: 'failed', errorMessage: 'GPU exploded' }), T0 + 2 * MINUTE);
  assert.deepEqual(again.events, []);
});

test('overdue after 20 minutes without a terminal state, announced once', () => {
  assert.equal(VIDEO_OVERDUE_MS, 20 * MINUTE);
  const early = apply(job(), state({ status: 'processing' }), T0 + 20 * MINUTE - 1);
  assert.deepEqual(early.events, []);
  assert.notEqual(early.job.overdue, true);

  const late = apply(early.job, state({ status: 'processing' }), T0 + 20 * MINUTE);
  assert.deepEqual(late.events, ['overdue']);
  assert.equal(late.job.overdue, true);

  const later = apply(late.job, state({ status: 'pending' }), T0 + 30 * MINUTE);
  assert.deepEqual(later.events, []);
  assert.equal(later.job.overdue, true);
});

test('an overdue job that completes is ready and no longer overdue', () => {
  const overdue = job({ overdue: true });
  const { job: next, events } = apply(overdue, state({ status: 'completed', urls: [URL_A] }), T0 + 25 * MINUTE);
  assert.deepEqual(events, ['ready']);
  assert.equal(next.overdue, false);
});

test('an overdue job that fails is failed, no longer overdue', () => {
  const { job: next, events } = apply(job({ overdue: true }), state({ status: 'failed', errorMessage: 'timeout on the GPU' }), T0 + 25 * MINUTE);
  assert.deepEqual(events, ['failed']);
  assert.equal(next.overdue, false);
});

test('completed without a video (generation_api.py line 251) is a failure, never "ready", and Submit Again applies', () => {
  const { patch, events } = applyVideoState(job(), state({ status: 'completed', urls: [] }), T0 + MINUTE);
  assert.equal(patch.phase, 'failed');
  assert.deepEqual(events, ['failed']);
  assert.match(patch.lastError?.message ?? '', /finished without returning a video/);
  assert.ok(noVideoCameBack({ ...job(), ...patch }));
  assert.ok(!noVideoCameBack({ ...job(), phase: 'failed', lastError: { kind: 'failed', message: 'x', at: T0 } }));
});
