import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthError, MissingKeyError, NetworkError, RateLimitError } from '../../../src/giggle/errors';
import type { MvProjectState, VideoTaskState } from '../../../src/giggle/types';
import type { FollowEvent, FollowScheduler, FollowState, MvProgressHandler } from '../../../src/jobs/jobFollower';
import { applyMvProgressForFollower } from '../../../src/jobs/mvFollowing';
import { JobFollower } from '../../../src/jobs/jobFollower';
import type { Job, MvJob, VideoJob } from '../../../src/jobs/jobTypes';
import { JobStore } from '../../../src/jobs/jobStore';
import { mvJob, T0, videoJob } from '../support/jobFixtures';
import { MemoryStorage } from '../support/memoryStorage';

const URL_A = 'https://cdn.example/a.mp4?Policy=p&Signature=s&Key-Pair-Id=k';

/** Records every call; due ids are fired by hand with `fire`. */
class FakeScheduler implements FollowScheduler {
  readonly planned = new Map<string, number>();
  readonly ops: Array<{ op: 'schedule' | 'expedite' | 'remove'; id: string; at?: number }> = [];
  disposed = false;
  constructor(readonly onDue: (id: string) => void) {}
  schedule(id: string, at: number): void {
    this.ops.push({ op: 'schedule', id, at });
    this.planned.set(id, at);
  }
  expedite(id: string, at: number): void {
    this.ops.push({ op: 'expedite', id, at });
    const current = this.planned.get(id);
    this.planned.set(id, current === undefined ? at : Math.min(current, at));
  }
  remove(id: string): void {
    this.ops.push({ op: 'remove', id });
    this.planned.delete(id);
  }
  dispose(): void {
    this.disposed = true;
  }
  /** The timer firing for `id`: it leaves the plan, as PollTimer.due does. */
  fire(id: string): void {
    this.planned.delete(id);
    this.onDue(id);
  }
  clearOps(): void {
    this.ops.length = 0;
  }
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

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const video = videoJob;
const mv = mvJob;

async function harness(jobs: Job[], options: { hasKey?: boolean; mayPoll?: () => boolean; applyMvProgress?: MvProgressHandler } = {}) {
  const storage = new MemoryStorage();
  storage.text = JSON.stringify({ version: 1, jobs });
  let time = T0 + 60_000;
  const store = new JobStore(storage, { maxJobs: () => 100, writeDelayMs: 5, now: () => time });
  await store.load();
  let scheduler!: FakeScheduler;
  const events: FollowEvent[] = [];
  const logs: string[] = [];
  const videoCalls: string[] = [];
  const mvCalls: string[] = [];
  const planArgs: Array<{ id: string; follow: FollowState }> = [];
  const api = {
    video: (taskId: string): Promise<VideoTaskState> => Promise.resolve({ taskId, status: 'processing', urls: [] }),
    mv: (projectId: string): Promise<MvProjectState> => Promise.resolve({ projectId, status: 'processing', completedSteps: [], steps: [] }),
  };
  const follower = new JobFollower({
    store,
    api: {
      queryVideoTask: (taskId) => {
        videoCalls.push(taskId);
        return api.video(taskId);
      },
      queryMv: (projectId) => {
        mvCalls.push(projectId);
        return api.mv(projectId);
      },
    },
    planNextPoll: (job, follow, now) => {
      planArgs.push({ id: job.id, follow: { ...follow } });
      if (job.kind === 'mv' && job.phase === 'awaitingPayment') return undefined;
      return Math.max(now + 5_000, follow.retryAfterUntil ?? -Infinity);
    },
    planUserPoll: (_job, follow, now) => Math.max(now, follow.retryAfterUntil ?? -Infinity),
    createScheduler: (onDue) => (scheduler = new FakeScheduler(onDue)),
    applyMvProgress: options.applyMvProgress ?? ((_job, state) => {
      if (state.videoAsset?.downloadUrl) return { patch: { phase: 'completed', project: state, finishedAt: time }, events: ['ready'] };
      if (state.payStatus === 'pending') return { patch: { phase: 'awaitingPayment', project: state }, events: ['awaitingPayment'] };
      return { patch: { project: state }, events: [] };
    }),
    hasKey: async () => options.hasKey ?? true,
    now: () => time,
    onEvent: (event) => events.push(event),
    log: (line) => logs.push(line),
    mayPoll: options.mayPoll,
  });
  return {
    storage,
    store,
    follower,
    get scheduler() {
      return scheduler;
    },
    events,
    logs,
    videoCalls,
    mvCalls,
    planArgs,
    api,
    advance: (ms: number) => (time += ms),
    now: () => time,
    done: () => {
      follower.dispose();
      store.dispose();
    },
  };
}

const FOLLOWABLE = [video('v-pending', { phase: 'pending' }), video('v-processing'), mv('m-running'), mv('m-paying', { phase: 'paying' }), mv('m-unknown', { phase: 'outcomeUnknown' })];
const NOT_FOLLOWABLE = [
  video('v-submitting', { phase: 'submitting', taskId: undefined }),
  video('v-unknown', { phase: 'outcomeUnknown', taskId: undefined }),
  video('v-done', { phase: 'completed', urls: [URL_A] }),
  video('v-failed', { phase: 'failed' }),
  video('v-refused', { phase: 'submitFailed', taskId: undefined }),
  mv('m-creating', { phase: 'creating', projectId: undefined }),
  mv('m-notsubmitted', { phase: 'notSubmitted' }),
  mv('m-stopped', { phase: 'stopped' }),
  mv('m-done', { phase: 'completed' }),
  mv('m-nounknown', { phase: 'outcomeUnknown', projectId: undefined }),
];


/** Starts a poll of the job whose video query stays unanswered until the test settles it. */
async function queryInFlight(h: Awaited<ReturnType<typeof harness>>, id: string) {
  const reply = deferred<VideoTaskState>();
  h.api.video = () => reply.promise;
  h.scheduler.fire(id);
  await settle();
  return reply;
}

test('start() schedules exactly the followable jobs', async () => {
  const h = await harness([...FOLLOWABLE, ...NOT_FOLLOWABLE]);
  await h.follower.start();
  assert.deepEqual([...h.scheduler.planned.keys()].sort(), FOLLOWABLE.map((j) => j.id).sort());
  assert.ok(h.scheduler.ops.filter((o) => o.op === 'schedule').every((o) => FOLLOWABLE.some((j) => j.id === o.id)));
  assert.equal(h.follower.followedCount(), FOLLOWABLE.length);
  assert.equal(h.follower.isPaused(), false);
  h.done();
});

test('start() without a key follows nothing and reports paused', async () => {
  const h = await harness(FOLLOWABLE, { hasKey: false });
  await h.follower.start();
  assert.equal(h.scheduler.planned.size, 0);
  assert.equal(h.follower.isPaused(), true);
  h.scheduler.fire('v-processing');
  await settle();
  assert.deepEqual(h.videoCalls, []);
  h.done();
});

test('a job added later is scheduled once it has a task id', async () => {
  const h = await harness([]);
  await h.follower.start();
  await h.store.add(video('new', { phase: 'submitting', taskId: undefined }));
  assert.equal(h.scheduler.planned.has('new'), false);
  h.store.update<VideoJob>('new', () => ({ phase: 'pending', taskId: 'task-new' }));
  assert.equal(h.scheduler.planned.has('new'), true);
  h.done();
});

test('completion: videoReady and finished are emitted, the job is saved as completed and no longer scheduled', async () => {
  const h = await harness([video('v1')]);
  await h.follower.start();
  h.api.video = async (taskId) => ({ taskId, status: 'completed', urls: [URL_A] });
  h.scheduler.fire('v1');
  await settle();
  assert.deepEqual(h.videoCalls, ['task-v1']);
  assert.deepEqual(
    h.events.map((e) => e.type),
    ['finished', 'videoReady'],
  );
  const finished = h.events[0] as Extract<FollowEvent, { type: 'finished' }>;
  assert.equal(finished.job.phase, 'processing', '"finished" carries the job as it was before the query');
  assert.equal(finished.seenAt, h.now());
  const ready = h.events[1] as { type: string; job: VideoJob };
  assert.equal(ready.job.phase, 'completed');
  assert.deepEqual(ready.job.urls, [URL_A]);
  assert.equal(h.scheduler.planned.has('v1'), false);
  // Persisted at once (not only after the coalescing delay).
  await h.store.flush();
  assert.equal(h.storage.job('v1')?.phase, 'completed');
  h.done();
});

test('a failed video emits videoFailed (not finished) and stops being followed', async () => {
  const h = await harness([video('v1')]);
  await h.follower.start();
  h.api.video = async (taskId) => ({ taskId, status: 'failed', urls: [], errorMessage: 'sensitive', moderated: true });
  h.scheduler.fire('v1');
  await settle();
  assert.deepEqual(
    h.events.map((e) => e.type),
    ['videoFailed'],
  );
  assert.equal(h.store.get('v1')?.phase, 'failed');
  assert.equal(h.scheduler.planned.has('v1'), false);
  h.done();
});

test('a network fault keeps the job processing with a fault, never fails it; the next good reply clears it', async () => {
  const h = await harness([video('v1')]);
  await h.follower.start();
  h.api.video = async () => {
    throw new NetworkError('queryTask', 'reset', { outcomeUnknown: false });
  };
  h.scheduler.fire('v1');
  await settle();
  const faulted = h.store.get('v1') as VideoJob;
  assert.equal(faulted.phase, 'processing');
  assert.match(faulted.fault ?? '', /connection to Giggle was reset/);
  assert.equal(faulted.lastError, undefined);
  assert.deepEqual(h.events, []);
  assert.ok(h.scheduler.planned.has('v1'), 'a faulted job must stay scheduled');
  assert.equal(h.planArgs.at(-1)?.follow.consecutiveFaults, 1);
  assert.match(h.logs.join('\n'), /following video job v1 failed \(1 in a row\)/);

  h.scheduler.fire('v1');
  await settle();
  assert.equal(h.planArgs.at(-1)?.follow.consecutiveFaults, 2);

  h.api.video = async (taskId) => ({ taskId, status: 'processing', urls: [] });
  h.scheduler.fire('v1');
  await settle();
  const recovered = h.store.get('v1') as VideoJob;
  assert.equal(recovered.fault, undefined);
  assert.equal(recovered.phase, 'processing');
  assert.equal(h.planArgs.at(-1)?.follow.consecutiveFaults, 0);
  h.done();
});

test('a 429 with Retry-After defers the next poll (and user polls) until then', async () => {
  const h = await harness([video('v1'), video('v2')]);
  await h.follower.start();
  h.api.video = async () => {
    throw new RateLimitError('queryTask', 429, 90_000);
  };
  const at = h.now();
  h.scheduler.fire('v1');
  await settle();
  assert.equal(h.planArgs.at(-1)?.follow.retryAfterUntil, at + 90_000);
  assert.ok((h.scheduler.planned.get('v1') ?? 0) >= at + 90_000, 'polled again before Retry-After');
  assert.equal(h.store.get('v1')?.phase, 'processing');
  assert.ok(h.store.get('v1')?.fault);

  h.scheduler.clearOps();
  h.follower.pollNow();
  const expedited = h.scheduler.ops.find((o) => o.op === 'expedite' && o.id === 'v1');
  assert.ok(expedited && (expedited.at ?? 0) >= at + 90_000, 'Refresh undercut Retry-After');

  // A good reply forgets the Retry-After.
  h.api.video = async (taskId) => ({ taskId, status: 'processing', urls: [] });
  h.advance(90_000);
  h.scheduler.fire('v1');
  await settle();
  assert.equal(h.planArgs.at(-1)?.follow.retryAfterUntil, undefined);
  h.done();
});

for (const [name, error] of [
  ['AuthError (401)', new AuthError('queryTask', 401)],
  ['MissingKeyError', new MissingKeyError('queryTask')],
] as const) {
  test(`${name} pauses all polling, emits authFailed once; resume() reschedules`, async () => {
    const h = await harness([video('v1'), video('v2'), mv('m1'), video('done', { phase: 'completed' })]);
    await h.follower.start();
    h.api.video = async () => {
      throw error;
    };
    h.scheduler.clearOps();
    h.scheduler.fire('v1');
    await settle();
    assert.equal(h.follower.isPaused(), true);
    assert.equal(h.scheduler.planned.size, 0, 'something is still scheduled while paused');
    for (const id of ['v2', 'm1']) assert.ok(h.scheduler.ops.some((o) => o.op === 'remove' && o.id === id), `${id} not unscheduled`);
    assert.deepEqual(
      h.events.map((e) => e.type),
      ['authFailed'],
    );
    assert.equal((h.events[0] as Extract<FollowEvent, { type: 'authFailed' }>).error, error);
    assert.equal(h.store.get('v1')?.phase, 'processing', 'a key problem must not fail the job');
    assert.match(h.store.get('v1')?.fault ?? '', /Paused/);

    // While paused: due ids, Refresh and updates do not poll or schedule.
    h.scheduler.fire('v2');
    h.follower.pollNow();
    h.store.update<VideoJob>('v2', () => ({ seen: true }));
    await settle();
    assert.deepEqual(h.videoCalls, ['task-v1']);
    assert.equal(h.scheduler.planned.size, 0);

    h.api.video = async (taskId) => ({ taskId, status: 'processing', urls: [] });
    h.follower.resume();
    assert.equal(h.follower.isPaused(), false);
    assert.deepEqual([...h.scheduler.planned.keys()].sort(), ['m1', 'v1', 'v2']);
    h.scheduler.fire('v1');
    await settle();
    assert.equal(h.store.get('v1')?.fault, undefined);
    h.done();
  });
}

test('pollNow expedites only followable jobs (optionally only the given ids)', async () => {
  const h = await harness([...FOLLOWABLE, ...NOT_FOLLOWABLE]);
  await h.follower.start();
  h.scheduler.clearOps();
  h.follower.pollNow();
  const expedited = h.scheduler.ops.filter((o) => o.op === 'expedite');
  assert.deepEqual(expedited.map((o) => o.id).sort(), FOLLOWABLE.map((j) => j.id).sort());
  assert.ok(expedited.every((o) => o.at === h.now()));

  h.scheduler.clearOps();
  h.follower.pollNow(['v-processing', 'v-done', 'unknown-id']);
  assert.deepEqual(h.scheduler.ops, [{ op: 'expedite', id: 'v-processing', at: h.now() }]);
  h.done();
});

test('a removed job is unscheduled and never polled again', async () => {
  const h = await harness([video('v1'), video('v2')]);
  await h.follower.start();
  h.store.remove('v1');
  assert.equal(h.scheduler.planned.has('v1'), false);
  assert.ok(h.scheduler.ops.some((o) => o.op === 'remove' && o.id === 'v1'));
  h.scheduler.onDue('v1'); // a stale timer entry
  await settle();
  assert.deepEqual(h.videoCalls, []);
  h.done();
});

test('a job removed while its query is in flight is not brought back or rescheduled', async () => {
  const h = await harness([video('v1')]);
  await h.follower.start();
  const reply = await queryInFlight(h, 'v1');
  h.store.remove('v1');
  reply.resolve({ taskId: 'task-v1', status: 'completed', urls: [URL_A] });
  await settle();
  assert.equal(h.store.get('v1'), undefined);
  assert.equal(h.scheduler.planned.has('v1'), false);
  assert.deepEqual(h.events, []);
  h.done();
});

test('no two concurrent polls for one job, whatever fires meanwhile', async () => {
  const h = await harness([video('v1')]);
  await h.follower.start();
  const reply = deferred<VideoTaskState>();
  h.api.video = () => reply.promise;
  h.scheduler.fire('v1');
  h.scheduler.fire('v1');
  await settle();
  h.scheduler.clearOps();
  h.follower.pollNow();
  h.store.update<VideoJob>('v1', () => ({ seen: true }));
  h.scheduler.fire('v1');
  await settle();
  assert.deepEqual(h.videoCalls, ['task-v1']);
  assert.equal(h.scheduler.planned.has('v1'), false, 'scheduled again while its query was in flight');
  assert.ok(!h.scheduler.ops.some((o) => o.op === 'expedite'), 'Refresh expedited a job in flight');
  reply.resolve({ taskId: 'task-v1', status: 'processing', urls: [] });
  await settle();
  assert.ok(h.scheduler.planned.has('v1'), 'not rescheduled after the reply');
  h.scheduler.fire('v1');
  await settle();
  assert.equal(h.videoCalls.length, 2);
  h.done();
});

test('MV: progress events are forwarded; reaching payment counts as a finished phase; awaiting payment is not scheduled', async () => {
  const h = await harness([mv('m1')]);
  await h.follower.start();
  h.api.mv = async (projectId) => ({ projectId, status: 'processing', completedSteps: ['music-generate', 'storyboard'], steps: [], payStatus: 'pending' });
  h.scheduler.fire('m1');
  await settle();
  assert.deepEqual(
    h.events.map((e) => e.type),
    ['finished', 'mvProgress'],
  );
  assert.equal(h.store.get('m1')?.phase, 'awaitingPayment');
  assert.equal(h.store.get('m1')?.pollCount, 1);
  assert.equal(h.scheduler.planned.has('m1'), false, 'planner said "not now" for awaiting payment');
  h.done();
});

test('MV: the finished video emits finished + mvProgress with "ready"', async () => {
  const h = await harness([mv('m1', { paidAt: T0 + 1000 })]);
  await h.follower.start();
  h.api.mv = async (projectId) => ({ projectId, status: 'completed', completedSteps: [], steps: [], payStatus: 'paid', videoAsset: { downloadUrl: URL_A } });
  h.scheduler.fire('m1');
  await settle();
  assert.deepEqual(
    h.events.map((e) => e.type),
    ['finished', 'mvProgress'],
  );
  assert.deepEqual((h.events[1] as Extract<FollowEvent, { type: 'mvProgress' }>).events, ['ready']);
  assert.equal(h.scheduler.planned.has('m1'), false);
  h.done();
});

test('after dispose nothing is scheduled or polled', async () => {
  const h = await harness([video('v1')]);
  await h.follower.start();
  h.follower.dispose();
  assert.equal(h.scheduler.disposed, true);
  h.scheduler.clearOps();
  await h.store.add(video('v2'));
  h.scheduler.onDue('v1');
  await settle();
  assert.deepEqual(h.scheduler.ops, []);
  assert.deepEqual(h.videoCalls, []);
  h.store.dispose();
});

test('several polls in flight when the key is rejected: authFailed is emitted once', async () => {
  const h = await harness([video('v1'), video('v2'), video('v3')]);
  await h.follower.start();
  const reply = deferred<VideoTaskState>();
  h.api.video = () => reply.promise;
  for (const id of ['v1', 'v2', 'v3']) h.scheduler.fire(id);
  await settle();
  assert.equal(h.videoCalls.length, 3);
  reply.reject(new AuthError('queryTask', 401));
  await settle();
  assert.equal(h.follower.isPaused(), true);
  assert.deepEqual(
    h.events.map((e) => e.type),
    ['authFailed'],
  );
  assert.equal(h.scheduler.planned.size, 0);
  for (const id of ['v1', 'v2', 'v3']) assert.equal(h.store.get(id)?.phase, 'processing');

  // A later rejection, after the user set a key and following resumed, is announced again.
  h.follower.resume();
  h.api.video = async () => {
    throw new AuthError('queryTask', 401);
  };
  h.scheduler.fire('v1');
  await settle();
  assert.equal(h.events.filter((e) => e.type === 'authFailed').length, 2);
  h.done();
});

test('a query sent with the old key and refused after a new key was set does not pause following again', async () => {
  const h = await harness([video('v1')]);
  await h.follower.start();
  const reply = await queryInFlight(h, 'v1');
  // The user sets a (new, valid) key while the old key's query is still on its way.
  h.follower.pause();
  h.follower.resume();
  reply.reject(new AuthError('queryTask', 401));
  await settle();
  assert.equal(h.follower.isPaused(), false, 'the refusal was of the old key');
  assert.deepEqual(h.events.map((e) => e.type), [], 'no "key rejected" notice');
  assert.ok(h.scheduler.planned.has('v1'), 'the job is asked again, with the new key');
  assert.equal(h.store.get('v1')?.fault, undefined, 'no pause line on the job');
  h.done();
});

test('a window that does not hold the poller lease sends nothing and announces nothing, and polls once it takes over', async () => {
  let poller = false;
  const h = await harness([video('v1')], { mayPoll: () => poller });
  await h.follower.start();
  h.api.video = async (taskId) => ({ taskId, status: 'completed', urls: [URL_A] });
  h.scheduler.fire('v1');
  await settle();
  assert.deepEqual(h.videoCalls, [], 'another window polls for everyone');
  assert.equal(h.events.length, 0);
  assert.ok(h.scheduler.planned.has('v1'), 'still planned, for when this window takes over');
  poller = true;
  h.scheduler.fire('v1');
  await settle();
  assert.deepEqual(h.videoCalls, ['task-v1']);
  assert.deepEqual(h.events.map((e) => e.type), ['finished', 'videoReady']);
  h.done();
});

test('MV: a reply that was on its way while a retry was refused leaves the step failed', async () => {
  // The retry claimed the job (running, retriedStep) and its query went out; then Giggle refused the retry.
  const h = await harness([mv('m1', { phase: 'running', retriedStep: 'music-generate', waitingSince: T0 + 59_000 })], {
    applyMvProgress: (job, state, now) => applyMvProgressForFollower(job, state, now),
  });
  await h.follower.start();
  const reply = deferred<MvProjectState>();
  h.api.mv = () => reply.promise;
  h.scheduler.fire('m1');
  await settle();
  const refusal = { kind: 'api', message: 'Retry of the music refused: HTTP 401', at: h.now() };
  h.store.update<MvJob>('m1', () => ({ phase: 'failed', retriedStep: undefined, lastError: refusal }));
  // Giggle still reports the step failed (the retry never reached it).
  reply.resolve({
    projectId: 'proj-m1',
    status: 'processing',
    currentStep: 'music-generate',
    completedSteps: [],
    errorMessage: 'music generation failed',
    steps: [{ step: 'music-generate', status: 'failed', subSteps: [], error: 'music generation failed' }],
  });
  await settle();
  const after = h.store.get('m1') as MvJob;
  assert.equal(after.phase, 'failed', 'the refused retry is not undone by the reply');
  h.done();
});
