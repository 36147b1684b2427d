/**
 * `npm run bench:windows`: several windows sharing one jobs list (issue #14),
 * in one Node process against the simulator. Each "window" is what the
 * extension host runs: a JobStore on the shared jobs file (fileJobsStorage:
 * lock, merge, file watcher), the poller lease and a JobFollower with the
 * real polling plan and GiggleClient. One window submits JOBS videos; every
 * window follows them until each window's list shows them all finished.
 *
 * Prints, for 1, 2 and 4 windows: status requests per job (as the simulator
 * counted them) and its ratio to one window (budget ≤ 1.05: the other windows
 * send nothing), and the delay from the polling window noticing a finished
 * job to the last window showing it (budget ≤ 1 s). Exits 1 over a budget.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startSimulator } from '../sim/simulator';
import type { Simulator } from '../sim/simulator';
import { GiggleClient } from '../src/giggle/client';
import { JobFollower } from '../src/jobs/jobFollower';
import { JobStore } from '../src/jobs/jobStore';
import type { VideoJob } from '../src/jobs/jobTypes';
import { applyMvProgressForFollower } from '../src/jobs/mvFollowing';
import { pollerLease } from '../src/jobs/pollerLease';
import { createPollingPlan } from '../src/jobs/pollingPlan';
import { fileJobsStorage } from '../src/platform/fileJobsStorage';
import { memoryState } from './pollingSim';

export const REQUESTS_RATIO_BUDGET = 1.05;
export const SHOW_DELAY_BUDGET_MS = 1_000;
const WINDOW_COUNTS = [1, 2, 4];
const JOBS = 20;
/** Rounds per window count, summed: polling times vary a little from run to run. */
const ROUNDS = 3;
const TIME_SCALE = 0.01;
const KEY = 'bench-key';
const STATUS_PATH = '/api/v1/generation/task/query';

interface Window {
  store: JobStore;
  dispose(): void;
}

/** One window's extension host, as activate() wires it (no UI). */
async function openWindow(folder: string, client: GiggleClient, noticed: Map<string, number>, shown: Map<string, number>): Promise<Window> {
  const store = new JobStore(fileJobsStorage(folder), { windowId: randomUUID(), maxJobs: () => 10_000 });
  const plan = createPollingPlan(memoryState(), { timeScale: TIME_SCALE, learn: false });
  const lease = pollerLease(folder, (holds) => holds && follower.pollNow());
  const follower: JobFollower = new JobFollower({
    mayPoll: () => lease.holds(),
    store,
    api: { queryVideoTask: (id) => client.queryVideoTask(id), queryMv: (id) => client.queryMv(id) },
    planNextPoll: plan.nextPollAt,
    planUserPoll: plan.pollNowAt,
    createScheduler: plan.createScheduler,
    applyMvProgress: (job, state, now) => applyMvProgressForFollower(job, state, now, { autoPay: false }),
    hasKey: async () => true,
    now: Date.now,
    onEvent: (event) => {
      if (event.type === 'videoReady' && !noticed.has(event.job.id)) noticed.set(event.job.id, performance.now());
    },
  });
  const subscription = store.onDidChange((job) => {
    if (job.phase === 'completed' && !shown.has(job.id)) shown.set(job.id, performance.now());
  });
  await store.load();
  await follower.start();
  return {
    store,
    dispose() {
      subscription.dispose();
      follower.dispose();
      lease.dispose();
      store.dispose();
    },
  };
}

interface RunResult {
  windows: number;
  perJob: number;
  worstDelayMs: number;
  medianDelayMs: number;
}

/** One round: JOBS videos followed by `count` windows; the status requests sent and each job's show delay. */
async function runWindows(sim: Simulator, count: number): Promise<{ statusRequests: number; delays: number[] }> {
  sim.reset();
  const folder = mkdtempSync(path.join(tmpdir(), 'giggle-windows-'));
  const client = new GiggleClient({ baseUrl: sim.url, getApiKey: () => KEY });
  const noticed = new Map<string, number>();
  const shownBy = Array.from({ length: count }, () => new Map<string, number>());
  const windows: Window[] = [];
  try {
    for (const shown of shownBy) windows.push(await openWindow(folder, client, noticed, shown));
    const request = { prompt: 'a lighthouse at dawn', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' };
    for (let i = 0; i < JOBS; i++) {
      const { taskId } = await client.submitVideo(request);
      const now = Date.now();
      const job: VideoJob = { id: `bench-${i}`, kind: 'video', createdAt: now, updatedAt: now, request, taskId, phase: 'pending', urls: [] };
      await windows[i % count].store.add(job);
    }
    const deadline = Date.now() + 120_000;
    while (shownBy.some((shown) => shown.size < JOBS)) {
      if (Date.now() > deadline) throw new Error(`${count} window(s): not every window showed every job finished within 2 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return {
      statusRequests: sim.requests.filter((r) => r.path === STATUS_PATH).length,
      delays: [...noticed].map(([id, at]) => Math.max(0, Math.max(...shownBy.map((shown) => shown.get(id)!)) - at)),
    };
  } finally {
    for (const window of windows) window.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function runWindowsBenchmark(log: (line: string) => void = (line) => console.log(line)): Promise<boolean> {
  const sim = await startSimulator({ timeScale: TIME_SCALE, apiKeys: [KEY] });
  try {
    const results: RunResult[] = [];
    for (const count of WINDOW_COUNTS) {
      const rounds = [];
      for (let round = 0; round < ROUNDS; round++) rounds.push(await runWindows(sim, count));
      const delays = rounds.flatMap((r) => r.delays).sort((a, b) => a - b);
      results.push({
        windows: count,
        perJob: rounds.reduce((sum, r) => sum + r.statusRequests, 0) / (JOBS * ROUNDS),
        worstDelayMs: delays[delays.length - 1],
        medianDelayMs: delays[Math.floor(delays.length / 2)],
      });
    }
    const base = results[0].perJob;
    let ok = true;
    log(`${JOBS} videos × ${ROUNDS} rounds per row, simulator time scale ${TIME_SCALE}`);
    log('windows  status requests/job  ratio to 1  budget    last window shows it (median / worst)  budget');
    log('-------  -------------------  ----------  --------  -------------------------------------  --------');
    for (const r of results) {
      const ratio = r.perJob / base;
      const pass = ratio <= REQUESTS_RATIO_BUDGET && r.worstDelayMs <= SHOW_DELAY_BUDGET_MS;
      ok &&= pass;
      log(
        `${String(r.windows).padStart(7)}  ${r.perJob.toFixed(2).padStart(19)}  ${ratio.toFixed(2).padStart(10)}  ≤ ${REQUESTS_RATIO_BUDGET.toFixed(2)}    ` +
          `${`${r.medianDelayMs.toFixed(0)} ms / ${r.worstDelayMs.toFixed(0)} ms`.padStart(37)}  ≤ ${SHOW_DELAY_BUDGET_MS} ms ${pass ? 'PASS' : 'FAIL'}`,
      );
    }
    return ok;
  } finally {
    await sim.close();
  }
}

if (require.main === module) {
  void runWindowsBenchmark().then((ok) => {
    process.exitCode = ok ? 0 : 1;
  });
}
