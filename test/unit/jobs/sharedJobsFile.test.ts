// Several windows (here: child processes, as each VS Code window has its own
// extension host) saving one jobs file at once: nothing any of them added or
// changed may be lost, and a window killed while holding the file's lock must
// not block the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseJobsFile } from '../../../src/jobs/persistedJobs';
import { JobStore } from '../../../src/jobs/jobStore';
import { fileJobsStorage } from '../../../src/platform/fileJobsStorage';
import { videoJob } from '../support/jobFixtures';

const WORKER = path.join(__dirname, '..', 'support', 'sharedFileWorker.ts');

function worker(args: string[]): { done: Promise<number>; child: ReturnType<typeof spawn>; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  const done = new Promise<number>((resolve) =>
    child.on('exit', (code) => {
      if (code) process.stderr.write(stderr);
      resolve(code ?? -1);
    }),
  );
  return { done, child, firstLine };
}

function savedJobs(folder: string) {
  return parseJobsFile(readFileSync(path.join(folder, 'jobs.json'), 'utf8')).jobs;
}

test('4 windows adding and updating 250 jobs each at once: 1,000 jobs, every update kept', { timeout: 180_000 }, async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'giggle-shared-'));
  try {
    const codes = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((prefix) => worker(['run', folder, prefix, '250', '10000']).done));
    assert.deepEqual(codes, [0, 0, 0, 0]);
    const jobs = savedJobs(folder);
    assert.equal(jobs.length, 1_000, 'every job of every window is in the file');
    assert.equal(new Set(jobs.map((job) => job.id)).size, 1_000);
    const notUpdated = jobs.filter((job) => job.phase !== 'processing' || job.pollCount !== 2).map((job) => `${job.id} ${job.phase} ${job.pollCount}`);
    assert.deepEqual(notUpdated, [], 'both updates of every job reached the file');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a window killed while holding the lock does not block the others', { timeout: 120_000 }, async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'giggle-shared-'));
  try {
    const holder = worker(['hold', folder, '1000']);
    assert.equal(await holder.firstLine, 'held');
    holder.child.kill('SIGKILL');
    await holder.done;
    const started = Date.now();
    const codes = await Promise.all(['a', 'b', 'c'].map((prefix) => worker(['run', folder, prefix, '40', '1000']).done));
    assert.deepEqual(codes, [0, 0, 0], 'the others got the lock once it went stale');
    assert.equal(savedJobs(folder).length, 120);
    assert.ok(Date.now() - started < 60_000, 'recovered within the stale time, not by a timeout');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

// Two windows in one process: two stores on one real file, each with its own watcher.
const T = 1_700_000_000_000;
function windowStore(folder: string, options: { onUnreadable?: (reason: string, keptAt: string | undefined) => void; onSaveProblem?: (r: string | undefined) => void } = {}) {
  let clock = T;
  return new JobStore(fileJobsStorage(folder, 'jobs.json', { pollMs: 200 }), { maxJobs: () => 100, writeDelayMs: 5, now: () => ++clock, ...options });
}

function until<T>(check: () => T | undefined, what: string, ms = 2_000): Promise<T> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = check();
      if (value) resolve(value);
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

test('window A adds X, window B adds Y: both are saved, and each window lists both within a second', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'giggle-shared-'));
  const a = windowStore(folder);
  const b = windowStore(folder);
  try {
    await a.load();
    await b.load();
    const seenByB: string[] = [];
    b.onDidChange((job, change) => seenByB.push(`${change} ${job.id}`));
    await a.add(videoJob('x', { phase: 'pending' }));
    await b.add(videoJob('y', { phase: 'pending' }));
    assert.deepEqual(savedJobs(folder).map((job) => job.id).sort(), ['x', 'y'], 'a reload shows both');
    await until(() => a.get('y'), 'window A to show Y');
    assert.ok(b.get('x'), 'window B shows X');
    assert.ok(seenByB.includes('added x'), 'B announced X, so its tree and status bar redraw');

    // A change in one window reaches the other; a removal is not undone by the other's later save.
    a.update('x', () => ({ phase: 'processing' }));
    await a.flush();
    await until(() => b.get('x')?.phase === 'processing' || undefined, 'window B to show X processing');
    b.remove('y');
    await b.flush();
    a.update('x', () => ({ pollCount: 3 }));
    await a.flush();
    assert.deepEqual(savedJobs(folder).map((job) => `${job.id} ${job.phase} ${job.pollCount}`), ['x processing 3']);
    await until(() => (a.get('y') ? undefined : true), 'window A to drop Y');
  } finally {
    a.dispose();
    b.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('an unreadable jobs file is kept as a dated copy, the user told once where, and never emptied', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'giggle-shared-'));
  const garbage = '{"version":1,"jobs":[{"id":"lost-half-way"';
  writeFileSync(path.join(folder, 'jobs.json'), garbage);
  const told: Array<string | undefined> = [];
  const store = windowStore(folder, { onUnreadable: (_reason, keptAt) => told.push(keptAt) });
  try {
    await store.load();
    assert.equal(told.length, 1, 'told once');
    const copy = told[0]!;
    assert.ok(copy.startsWith(path.join(folder, 'jobs.unreadable-')), copy);
    assert.equal(readFileSync(copy, 'utf8'), garbage, 'the copy holds the unreadable content as it was');
    await store.add(videoJob('new', { phase: 'pending' }));
    assert.deepEqual(savedJobs(folder).map((job) => job.id), ['new'], 'new jobs are saved again');
    assert.equal(told.length, 1, 'not told again');
    assert.equal(readFileSync(copy, 'utf8'), garbage);
  } finally {
    store.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a jobs file that cannot even be copied is left as it is: nothing is saved over it', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'giggle-shared-'));
  // A directory where the file should be: reading fails (EISDIR), and so does copying it aside.
  mkdirSync(path.join(folder, 'jobs.json'));
  writeFileSync(path.join(folder, 'jobs.json', 'inside'), 'x');
  const told: Array<string | undefined> = [];
  const problems: Array<string | undefined> = [];
  const store = windowStore(folder, { onUnreadable: (_reason, keptAt) => told.push(keptAt), onSaveProblem: (reason) => problems.push(reason) });
  try {
    await store.load();
    await store.add(videoJob('new', { phase: 'pending' }));
    assert.deepEqual(told, [undefined], 'told once that it could not be kept');
    assert.equal(problems.length, 1, 'the save problem is reported');
    assert.equal(readFileSync(path.join(folder, 'jobs.json', 'inside'), 'utf8'), 'x', 'left untouched');
    assert.ok(store.get('new'), 'the job stays in the window');
  } finally {
    store.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a file written by a newer version keeps its version and top-level fields when this version saves', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'giggle-shared-'));
  writeFileSync(path.join(folder, 'jobs.json'), JSON.stringify({ version: 2, settings: { sort: 'name' }, jobs: [videoJob('old', { phase: 'completed' })] }));
  const store = windowStore(folder);
  try {
    await store.load();
    await store.add(videoJob('new', { phase: 'pending', createdAt: T + 5 }));
    const saved = JSON.parse(readFileSync(path.join(folder, 'jobs.json'), 'utf8')) as { version: number; settings: unknown; jobs: { id: string }[] };
    assert.equal(saved.version, 2, 'not turned into an older format');
    assert.deepEqual(saved.settings, { sort: 'name' });
    assert.deepEqual(saved.jobs.map((job) => job.id), ['new', 'old']);
  } finally {
    store.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});
