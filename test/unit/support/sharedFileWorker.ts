// A window in a child process, for the tests of the shared jobs file: adds and
// updates its own jobs on the file every other worker uses at the same time
// (`run`), or takes the file's lock and hangs holding it (`hold`) until killed.
//   node --import tsx sharedFileWorker.ts run <folder> <prefix> <count> <staleMs>
//   node --import tsx sharedFileWorker.ts hold <folder> <staleMs>
import path from 'node:path';
import { JobStore } from '../../../src/jobs/jobStore';
import { acquireLock } from '../../../src/jobs/fileLock';
import { fileJobsStorage } from '../../../src/platform/fileJobsStorage';
import { videoJob, T0 } from './jobFixtures';

const [mode, folder, ...rest] = process.argv.slice(2);

async function run(prefix: string, count: number, staleMs: number): Promise<void> {
  let clock = T0;
  const store = new JobStore(fileJobsStorage(folder, 'jobs.json', { lock: { staleMs, timeoutMs: 20_000 } }), {
    maxJobs: () => 10_000,
    writeDelayMs: 1,
    now: () => ++clock,
    log: (line) => process.stderr.write(`${line}\n`),
    // A save that fails (the lock stayed taken) fails the worker: the test counts on every save.
    onSaveProblem: (reason) => reason && process.exit(2),
  });
  await store.load();
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-${i}`;
    await store.add(videoJob(id, { phase: 'pending', createdAt: T0 + i }));
    // Updates land in coalesced writes, between the other workers' adds.
    store.update(id, () => ({ phase: 'processing', pollCount: 1 }));
    if (i > 0) store.update(`${prefix}-${i - 1}`, (job) => ({ pollCount: (job.pollCount ?? 0) + 1 }));
  }
  store.update(`${prefix}-${count - 1}`, (job) => ({ pollCount: (job.pollCount ?? 0) + 1 }));
  await store.flush();
  store.dispose();
}

async function hold(staleMs: number): Promise<void> {
  await acquireLock(path.join(folder, 'jobs.json.lock'), { staleMs });
  process.stdout.write('held\n');
  setInterval(() => undefined, 1_000);
}

if (mode === 'run') void run(rest[0], Number(rest[1]), Number(rest[2])).then(() => process.exit(0), (error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
else void hold(Number(rest[0]));
