import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job, MvJob, VideoJob } from '../../../src/jobs/jobTypes';
import { JobStore } from '../../../src/jobs/jobStore';
import { parseJobsFile } from '../../../src/jobs/persistedJobs';
import { mvJob, T0, videoJob } from '../support/jobFixtures';
import { MemoryStorage as BaseMemoryStorage } from '../support/memoryStorage';


/** An in-memory jobs file; `writes` holds every text written, in order. */
/** The in-memory jobs file, whose writes can be held back (ordering) or fail once (a full disk). */
class MemoryStorage extends BaseMemoryStorage {
  /** When set, each write waits for this before landing (to observe ordering). */
  gate: Promise<void> | undefined;
  failNext = false;
  override async write(text: string): Promise<void> {
    if (this.gate) await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    await super.write(text);
  }
}

const video = (id: string, createdAt: number, overrides: Partial<VideoJob> = {}): VideoJob =>
  videoJob(id, { createdAt, updatedAt: createdAt, phase: 'pending', ...overrides });
const mv = (id: string, createdAt: number, overrides: Partial<MvJob> = {}): MvJob => mvJob(id, { createdAt, updatedAt: createdAt, ...overrides });

function newStore(
  storage: MemoryStorage,
  options: { maxJobs?: number; writeDelayMs?: number; log?: (line: string) => void; onSaveProblem?: (reason: string | undefined) => void } = {},
): JobStore {
  return new JobStore(storage, {
    maxJobs: () => options.maxJobs ?? 100,
    writeDelayMs: options.writeDelayMs ?? 10,
    log: options.log,
    onSaveProblem: options.onSaveProblem,
    now: () => T0 + 999,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('list() is newest first, whatever the insertion order', async () => {
  const store = newStore(new MemoryStorage());
  await store.add(video('b', T0 + 2));
  await store.add(video('a', T0 + 1));
  await store.add(video('c', T0 + 3));
  assert.deepEqual(
    store.list().map((j) => j.id),
    ['c', 'b', 'a'],
  );
});

test('add() resolves only after the job has been written to storage', async () => {
  const storage = new MemoryStorage();
  let release!: () => void;
  storage.gate = new Promise<void>((resolve) => (release = resolve));
  const store = newStore(storage, { writeDelayMs: 10_000 });
  let resolved = false;
  const adding = store.add(video('a', T0)).then(() => (resolved = true));
  await sleep(20);
  assert.equal(resolved, false, 'add() resolved while the write was still pending');
  assert.equal(storage.writes.length, 0);
  release();
  await adding;
  assert.equal(resolved, true);
  assert.deepEqual(storage.ids(), ['a']);
  store.dispose();
});

test('a burst of updates is coalesced into one write, containing the last state', async () => {
  const storage = new MemoryStorage();
  const store = newStore(storage, { writeDelayMs: 15 });
  await store.add(video('a', T0));
  const afterAdd = storage.writes.length;
  for (let i = 1; i <= 20; i++) store.update<VideoJob>('a', () => ({ pollCount: i }));
  assert.equal(storage.writes.length, afterAdd, 'updates must not write synchronously');
  await sleep(60);
  assert.equal(storage.writes.length, afterAdd + 1, 'twenty updates should become exactly one write');
  const saved = parseJobsFile(storage.text).jobs[0];
  assert.equal(saved.pollCount, 20);
});

test('update returns the new record and undefined for an unknown id', async () => {
  const store = newStore(new MemoryStorage());
  await store.add(video('a', T0));
  const updated = store.update<VideoJob>('a', () => ({ phase: 'processing' }));
  assert.equal(updated?.phase, 'processing');
  assert.equal(updated?.updatedAt, T0 + 999);
  assert.equal(store.get('a')?.phase, 'processing');
  assert.equal(store.update('nope', () => ({})), undefined);
  store.dispose();
});

test('loading tells onDidLoad once the jobs are listed, and announces no job changes', async () => {
  const storage = new MemoryStorage();
  const first = newStore(storage, { writeDelayMs: 5 });
  await first.add(video('done', T0, { phase: 'completed', urls: ['https://cdn.example/done.mp4'] }));
  first.dispose();

  const reloaded = newStore(storage);
  const seenAtLoad: string[][] = [];
  const changes: string[] = [];
  reloaded.onDidLoad(() => seenAtLoad.push(reloaded.list().map((job) => job.id)));
  reloaded.onDidChange((job, change) => changes.push(`${change} ${job.id}`));
  assert.deepEqual(reloaded.list(), [], 'nothing before the file is read');
  await reloaded.load();
  assert.deepEqual(seenAtLoad, [['done']], 'told once, with the restored job already listed');
  assert.deepEqual(changes, [], 'a restored job did not change');
});

test('a reloaded store on the same storage restores the same jobs', async () => {
  const storage = new MemoryStorage();
  const store = newStore(storage, { writeDelayMs: 5 });
  await store.add(video('v1', T0 + 1));
  await store.add(mv('m1', T0 + 2));
  store.update<VideoJob>('v1', () => ({ phase: 'completed', urls: ['https://cdn.example/v.mp4'], finishedAt: T0 + 50 }));
  await store.flush();
  store.dispose();

  const reloaded = newStore(storage);
  await reloaded.load();
  assert.deepEqual(reloaded.list(), store.list());
  const v1 = reloaded.get('v1') as VideoJob;
  assert.equal(v1.phase, 'completed');
  assert.deepEqual(v1.urls, ['https://cdn.example/v.mp4']);
  assert.equal(reloaded.findByRemoteId('proj-m1')?.id, 'm1');
  assert.equal(reloaded.findByRemoteId('task-v1')?.id, 'v1');
});

test('load() of a corrupt file starts empty and logs why, without throwing', async () => {
  const storage = new MemoryStorage();
  storage.text = '{ not json';
  const lines: string[] = [];
  const store = newStore(storage, { log: (line) => lines.push(line) });
  await store.load();
  assert.deepEqual(store.list(), []);
  assert.equal(lines.length, 1);
});

test('the cap prunes the oldest finished jobs first and never an unfinished one', async () => {
  const storage = new MemoryStorage();
  const store = newStore(storage, { maxJobs: 3 });
  const removed: string[] = [];
  store.onDidChange((job, change) => {
    if (change === 'removed') removed.push(job.id);
  });
  await store.add(video('old-running', T0 + 1, { phase: 'processing' }));
  await store.add(video('old-done', T0 + 2, { phase: 'completed', finishedAt: T0 + 10 }));
  await store.add(mv('old-mv-done', T0 + 3, { phase: 'completed' }));
  await store.add(video('new-done', T0 + 4, { phase: 'failed' }));
  // 4 jobs, cap 3: the oldest finished job (old-done) goes; the older unfinished one stays.
  assert.deepEqual(removed, ['old-done']);
  assert.deepEqual(
    store.list().map((j) => j.id),
    ['new-done', 'old-mv-done', 'old-running'],
  );
  assert.deepEqual(storage.ids().sort(), ['new-done', 'old-mv-done', 'old-running']);
});

test('the cap never removes unfinished jobs, even when that means exceeding it', async () => {
  const store = newStore(new MemoryStorage(), { maxJobs: 2 });
  const unfinished: Job[] = [
    video('submitting', T0 + 1, { phase: 'submitting', taskId: undefined }),
    video('unknown', T0 + 2, { phase: 'outcomeUnknown', taskId: undefined }),
    mv('paying', T0 + 3, { phase: 'awaitingPayment' }),
    mv('stopped', T0 + 4, { phase: 'stopped' }),
  ];
  for (const job of unfinished) await store.add(job);
  await store.add(video('done', T0 + 5, { phase: 'completed' }));
  // Only the finished job may go (it is the only candidate), even though it is the newest.
  const ids = store.list().map((j) => j.id);
  for (const job of unfinished) assert.ok(ids.includes(job.id), `${job.id} was pruned`);
  store.dispose();
});

test('remove() emits "removed" and the job disappears from the file', async () => {
  const storage = new MemoryStorage();
  const store = newStore(storage, { writeDelayMs: 5 });
  await store.add(video('a', T0 + 1));
  await store.add(video('b', T0 + 2));
  const events: Array<[string, string]> = [];
  store.onDidChange((job, change) => events.push([job.id, change]));
  store.remove('a');
  store.remove('not-there');
  assert.deepEqual(events, [['a', 'removed']]);
  assert.equal(store.get('a'), undefined);
  await sleep(30);
  assert.deepEqual(storage.ids(), ['b']);
});

test('change listeners receive every change, and stop after dispose()', async () => {
  const store = newStore(new MemoryStorage());
  const events: Array<[string, string, string]> = [];
  const subscription = store.onDidChange((job, change) => events.push([job.id, change, job.phase]));
  await store.add(video('a', T0));
  store.update<VideoJob>('a', () => ({ phase: 'processing' }));
  store.update<VideoJob>('a', () => ({ phase: 'completed' }));
  store.remove('a');
  assert.deepEqual(events, [
    ['a', 'added', 'pending'],
    ['a', 'updated', 'processing'],
    ['a', 'updated', 'completed'],
    ['a', 'removed', 'completed'],
  ]);
  subscription.dispose();
  await store.add(video('b', T0));
  assert.equal(events.length, 4);
  store.dispose();
});

test('flush() writes pending changes at once and waits for the write', async () => {
  const storage = new MemoryStorage();
  const store = newStore(storage, { writeDelayMs: 60_000 });
  await store.add(video('a', T0));
  store.update<VideoJob>('a', () => ({ phase: 'processing' }));
  assert.equal(parseJobsFile(storage.text).jobs[0].phase, 'pending');
  await store.flush();
  assert.equal(parseJobsFile(storage.text).jobs[0].phase, 'processing');
  store.dispose();
});

test('writes land in order: a later flush never loses to an earlier, slower one', async () => {
  const storage = new MemoryStorage();
  const store = newStore(storage, { writeDelayMs: 60_000 });
  let release!: () => void;
  storage.gate = new Promise<void>((resolve) => (release = resolve));
  const first = store.add(video('a', T0));
  store.update<VideoJob>('a', () => ({ phase: 'processing' }));
  const second = store.flush();
  release();
  await Promise.all([first, second]);
  assert.equal(parseJobsFile(storage.text).jobs[0].phase, 'processing');
  store.dispose();
});

test('a failed write is logged, does not reject, and the next flush still writes', async () => {
  const storage = new MemoryStorage();
  const lines: string[] = [];
  const store = newStore(storage, { log: (line) => lines.push(line) });
  storage.failNext = true;
  await store.add(video('a', T0));
  assert.match(lines.join('\n'), /could not save the jobs list: disk full/);
  await store.flush();
  assert.deepEqual(storage.ids(), ['a']);
  store.dispose();
});

test('the user hears once when saving starts failing, and again only after it worked in between', async () => {
  const storage = new MemoryStorage();
  const problems: (string | undefined)[] = [];
  const store = newStore(storage, { onSaveProblem: (reason) => problems.push(reason) });
  storage.failNext = true;
  await store.add(video('a', T0));
  storage.failNext = true;
  await store.add(video('b', T0 + 1));
  assert.deepEqual(problems, ['disk full'], 'one notice for a run of failures');
  await store.flush();
  assert.deepEqual(problems, ['disk full', undefined], 'told when it works again');
  assert.deepEqual(storage.ids().sort(), ['a', 'b'], 'nothing was lost from the file once it could be written');
  storage.failNext = true;
  await store.add(video('c', T0 + 2));
  assert.deepEqual(problems, ['disk full', undefined, 'disk full']);
  store.dispose();
});

test('jobs of a newer extension version survive this version\'s saves', async () => {
  const storage = new MemoryStorage();
  const foreign = { id: 'from-v2', kind: 'podcast', createdAt: T0, updatedAt: T0, episode: 3 };
  storage.text = JSON.stringify({ version: 1, jobs: [foreign] });
  const store = newStore(storage);
  await store.load();
  assert.deepEqual(store.list(), [], 'not shown: this version cannot handle it');
  await store.add(video('a', T0));
  const saved = JSON.parse(storage.text!) as { jobs: { id: string }[] };
  assert.deepEqual(saved.jobs.map((job) => job.id), ['a', 'from-v2']);
  assert.deepEqual(saved.jobs[1], foreign);
  store.dispose();
});
