// The chaos run: 20 jobs (videos and music videos) in flight in code-server
// while the test reloads the window, switches faults on and off, and takes the
// simulator down and back up. Then every job must settle within 180 s (the
// run fails if one does not) and be accounted for (completed, failed with a
// reason, or still followed: its poll count rose after the last reload), the
// simulator's log holds no duplicate submission, project or payment, every
// persisted job record agrees with the simulator's own state (task or project
// id, phase, payment), and the jobs file parses (the corrupt entry planted at
// the start dropped, the foreign one, a kind from a "newer version", written
// back untouched, the rest intact).
//
// Jobs are submitted the way scripts submit them: keybindings with argument
// objects (README, "Scripting"), one chord running a batch through VS Code's
// `runCommands`. The chords are written to the profile's keybindings.json
// before the workbench opens. The table is printed by scripts/run-e2e.mjs.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parseJobsFile } from '../../src/jobs/persistedJobs';
import { isFollowable } from '../../src/jobs/jobTypes';
import type { Job, MvJob, VideoJob } from '../../src/jobs/jobTypes';
import { Matrix } from '../support/matrix';
import { e2eEnv, useWorkbench } from './support/fixtures';
import { findFiles, jobsFile, overrideSettings, profileRoot, userDir, writeJson } from './support/profile';
import { simControl } from './support/sim';
import { persistedDisagreement } from './support/simAgreement';
import type { SimSnapshot } from './support/simAgreement';
import type { Workbench } from './support/workbench';

const RUN = Date.now().toString(36);
const tag = (what: string) => `chaos-${RUN} ${what}`;
// --- The jobs -----------------------------------------------------------------------------------

const MODELS = ['grok', 'grok-fast', 'sora2', 'kling25', 'veo31', 'seedance15-pro', 'minimax23', 'wan25', 'sora2-fast', 'veo31-no-audio'];

interface Planned {
  key: string;
  kind: 'video' | 'mv';
  /** The prompt (video) or project name (MV): how the job is found in the list and in the simulator's log. */
  label: string;
  args: Record<string, unknown>;
  /** What it must end as (besides "accounted for"). */
  expect: (job: Job) => string | undefined;
}

const video = (key: string, model: string, expect: Planned['expect']): Planned => {
  const label = tag(`${key} slow river [slow]`);
  return { key, kind: 'video', label, args: { prompt: label, model }, expect };
};
const mv = (key: string, expect: Planned['expect']): Planned => {
  const label = tag(`${key} song`);
  return {
    key,
    kind: 'mv',
    label,
    args: { name: label, aspect: '16:9', musicGenerateType: 'prompt', prompt: 'a slow ballad [slow]', referenceImageFile: 'sample.png' },
    expect,
  };
};
const phaseIs =
  (...phases: string[]) =>
  (job: Job) =>
    phases.includes(job.phase) ? undefined : `phase ${job.phase}, expected ${phases.join(' or ')}`;
/** Poll counts right after the last reload: a job still "followable" at the end must have been queried since. */
const pollsAfterLastReload = new Map<string, number>();
/** Followable, and actually followed: the window that came back from the last reload queried it. */
const stillFollowed = (job: Job) => isFollowable(job) && (job.pollCount ?? 0) > (pollsAfterLastReload.get(job.id) ?? 0);
const finishedOrFollowed = (job: Job) =>
  job.phase === 'completed' || job.phase === 'failed' || stillFollowed(job)
    ? undefined
    : `phase ${job.phase}${isFollowable(job) ? `, not queried since the last reload (${job.pollCount ?? 0} queries)` : ''} (${job.lastError?.message ?? 'no reason'})`;
/**
 * A music video whose window reloaded between "create project" and "submit": the project is kept,
 * the submission is not re-sent on its own, and the user is told to use Submit Again.
 */
const interruptedBeforeSubmit = (job: Job) =>
  job.kind === 'mv' && job.phase === 'notSubmitted' && !!job.projectId && /Submit Again/.test(job.lastError?.message ?? '');
const mvEnd = (job: Job) => (interruptedBeforeSubmit(job) ? undefined : finishedOrFollowed(job));

const BATCH_A: Planned[] = [
  ...MODELS.map((model, i) => video(`A${i + 1}`, model, finishedOrFollowed)),
  ...[1, 2, 3, 4].map((i) => mv(`M${i}`, mvEnd)),
];
const B = {
  lostReply: video('B1-lost-reply', 'grok', phaseIs('outcomeUnknown')),
  gateway: video('B2-503', 'grok', phaseIs('outcomeUnknown')),
  limited: video('B3-429', 'grok', phaseIs('submitFailed')),
  down: video('B4-down', 'grok', phaseIs('submitFailed')),
  mvLostReply: mv('B5-mv-lost-reply', mvEnd),
  mvDuringFaults: mv('B6-mv-faults', mvEnd),
};
const ALL: Planned[] = [...BATCH_A, ...Object.values(B)];

/** Batch A goes out in two halves, so jobs are in flight through the whole chaos. */
const FIRST_HALF = [...BATCH_A.slice(0, 7), ...BATCH_A.slice(10, 12)];
const SECOND_HALF = BATCH_A.filter((job) => !FIRST_HALF.includes(job));

/** One chord per batch: ctrl+alt+shift+1 and 8 run the halves of batch A, 2 to 7 the single jobs of phase B. */
const CHORDS: { key: string; jobs: Planned[] }[] = [
  { key: 'ctrl+alt+shift+1', jobs: FIRST_HALF },
  ...Object.values(B).map((job, i) => ({ key: `ctrl+alt+shift+${i + 2}`, jobs: [job] })),
  { key: 'ctrl+alt+shift+8', jobs: SECOND_HALF },
];

function keybindings(): unknown[] {
  return CHORDS.map(({ key, jobs }) => ({
    key,
    command: 'runCommands',
    args: { commands: jobs.map((job) => ({ command: job.kind === 'video' ? 'giggle.generateVideo' : 'giggle.generateMusicVideo', args: job.args })) },
  }));
}

// --- The simulator ----------------------------------------------------------------------------------

interface SimRequest {
  method: string;
  path: string;
  body?: Record<string, unknown>;
  /** The fault the simulator applied to it, if any. */
  fault?: string;
}

const counts = { reloads: 0, outages: 0, faultRules: 0 };

async function sim(method: string, route: string, body?: unknown): Promise<unknown> {
  if (route === 'faults' && method === 'POST') counts.faultRules += 1;
  if (route === 'outage') counts.outages += 1;
  return simControl(method, route, body);
}

async function simUp(): Promise<boolean> {
  try {
    return (await fetch(`${e2eEnv.simUrl}/__sim/health`)).ok;
  } catch {
    return false;
  }
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

async function waitSimUp(): Promise<void> {
  await until('the simulator to come back', simUp, 60_000, 50);
}

const fault = (rule: Record<string, unknown>) => sim('POST', 'faults', rule);
const clearFaults = () => sim('DELETE', 'faults');
const requests = async () => (await sim('GET', 'requests')) as SimRequest[];
const down = (ms: number) => sim('POST', 'outage', { ms });

// --- The table -------------------------------------------------------------------------------------

const COLUMNS = ['accounted for', 'expected end', 'sent once', 'paid at most once', 'persisted'] as const;
type Column = (typeof COLUMNS)[number];
const rowOf = (planned: Planned) => `${planned.key} (${planned.kind === 'video' ? String(planned.args.model) : 'music video'})`;
const PLANTED_VALID = 'planted: valid old job';
const PLANTED_BAD = 'planted: corrupt + foreign entries';
const FILE_ROW = 'jobs file';
const only = (row: string, keep: Column[], why: string) => COLUMNS.filter((c) => !keep.includes(c)).map((column) => ({ row, column, why }));

const matrix = new Matrix(
  {
    file: 'chaos.json',
    title: 'Chaos run (20 jobs, reloads, faults, simulator outages)',
    rowHeader: 'job',
    columns: COLUMNS,
    rows: [...ALL.map(rowOf), PLANTED_VALID, PLANTED_BAD, FILE_ROW],
    notApplicable: [
      ...ALL.filter((p) => p.kind === 'video').map((p) => ({ row: rowOf(p), column: 'paid at most once', why: 'videos are not paid per job' })),
      ...only(PLANTED_VALID, ['accounted for', 'persisted'], 'planted before the run, never sent'),
      ...only(PLANTED_BAD, ['persisted'], 'planted entries are only read'),
      ...only(FILE_ROW, ['persisted'], 'the file as a whole'),
    ],
  },
  () => path.join(e2eEnv.artifacts, 'matrices'),
);
const notes = matrix.notes;

function record(row: string, column: Column, problem: string | undefined): void {
  if (problem) matrix.set(row, column, 'fail', problem);
  else matrix.set(row, column, 'pass');
}

// --- The run ---------------------------------------------------------------------------------------------

describe('Chaos: 20 jobs through reloads, faults and simulator outages', function () {
  this.timeout(420_000);
  let restoreSettings: (() => void) | undefined;
  const planted = { keptId: `planted-${RUN}`, corruptIndex: 1, foreignIndex: 2 };

  before(function () {
    if (!e2eEnv.simUrl) this.skip();
    // Scripts submit with keybindings (README, "Scripting"); the chords are in place before the workbench opens.
    writeJson(path.join(userDir(), 'keybindings.json'), keybindings());
    restoreSettings = overrideSettings({ 'giggle.musicVideo.payment': 'auto' });
    // A jobs file from "before": one valid finished job, one corrupt entry, one from a future kind.
    writeJson(jobsFile(), {
      version: 1,
      jobs: [
        { id: planted.keptId, kind: 'video', createdAt: 1, updatedAt: 1, request: { prompt: tag('planted old job'), model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' }, taskId: 't-old', phase: 'completed', urls: [] },
        { id: 'corrupt', kind: 'video', createdAt: 'yesterday', phase: 'completed' },
        { id: 'foreign', kind: 'podcast', createdAt: 1, updatedAt: 1, episode: 3 },
      ],
    });
  });

  const ui = useWorkbench();

  // Suites share one code-server profile: leave it as found (the browser context, and with it this
  // window's extension host, closes in useWorkbench's own after hook, which runs first).
  after(async () => {
    restoreSettings?.();
    writeJson(path.join(userDir(), 'keybindings.json'), []);
    matrix.write();
    if (e2eEnv.simUrl) {
      // A failure part-way must not leave faults behind for whatever runs next.
      await clearFaults().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      writeJson(jobsFile(), { version: 1, jobs: [] });
    }
  });

  async function press(wb: Workbench, chord: string): Promise<void> {
    await wb.closeQuickInput();
    await wb.page.locator('.monaco-workbench').focus();
    await wb.page.keyboard.press(chord.replace('ctrl', 'Control').replace('alt', 'Alt').replace('shift', 'Shift').replace(/\+(\w)$/, (_m, k: string) => `+${k.toUpperCase()}`));
  }

  async function submitted(labels: string[], timeoutMs = 30_000): Promise<void> {
    await until(
      `${labels.length} submission(s) to reach the simulator`,
      async () => {
        const seen = await requests();
        return labels.every((label) => seen.some((r) => r.method === 'POST' && (r.body?.prompt === label || r.body?.name === label)));
      },
      timeoutMs,
      200,
    );
  }

  async function reload(wb: Workbench, why: string): Promise<void> {
    counts.reloads += 1;
    notes.push(`reload ${counts.reloads}: ${why}`);
    await wb.page.reload();
    await wb.waitReady();
    // Following needs the extension active: opening the Giggle view (as after any restart) activates it.
    const item = wb.activityBarItem('Giggle');
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    if (!(await wb.page.locator('.part.sidebar').isVisible())) await item.click();
    await wb.view('Jobs').waitFor({ state: 'visible', timeout: 30_000 });
  }

  function readJobs(): { jobs: Job[]; skipped: string[]; kept: unknown[]; version: number } {
    const text = readFileSync(jobsFile(), 'utf8');
    const { jobs, skipped, kept } = parseJobsFile(text);
    return { jobs, skipped, kept, version: (JSON.parse(text) as { version: number }).version };
  }

  function jobOf(jobs: Job[], planned: Planned): Job | undefined {
    return jobs.find((j) => (j.kind === 'video' ? j.request.prompt : j.request.name) === planned.label);
  }

  it('keeps every job, submission and payment straight through the chaos', async () => {
    const { wb } = ui;
    const t0 = Date.now();
    matrix.start();
    await wb.runCommand('Giggle: Set API Key');
    await wb.answerQuickInput(e2eEnv.key);
    await wb.waitForNotification(/Giggle API key saved/);
    await wb.openViewContainer('Giggle');

    // 1. Sixteen jobs at once, then a reload while they are being followed.
    await press(wb, CHORDS[0].key);
    await submitted(FIRST_HALF.map((j) => j.label), 60_000);
    notes.push(`first ${FIRST_HALF.length} jobs submitted by one chord in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await reload(wb, `right after ${FIRST_HALF.length} submissions`);

    // 2. Faults on the queries; three submissions meet faults of their own; reload under faults.
    await fault({ match: { method: 'GET', path: '/api/v1/generation/task/query' }, kind: 'status', status: 503 });
    await fault({ match: { method: 'GET', path: '/api/v1/trustee_mode/mv/query' }, kind: 'reset', times: 6 });
    await fault({ match: { method: 'POST', path: '/api/v1/generation/text-to-video' }, kind: 'reset', afterProcessing: true, times: 1 });
    await press(wb, CHORDS[1].key); // B1: the reply is lost after Giggle took it
    await submitted([B.lostReply.label]);
    await fault({ match: { method: 'POST', path: '/api/v1/generation/text-to-video' }, kind: 'status', status: 503, times: 1 });
    await press(wb, CHORDS[2].key); // B2: a gateway error
    await submitted([B.gateway.label]);
    await fault({ match: { method: 'POST', path: '/api/v1/generation/text-to-video' }, kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
    await press(wb, CHORDS[3].key); // B3: rate limited
    await submitted([B.limited.label]);
    await press(wb, CHORDS[7].key); // the rest of batch A, while the queries fail
    await submitted(SECOND_HALF.map((j) => j.label), 60_000);
    await reload(wb, 'with query faults on (503 on video queries, resets on music-video queries)');

    // 3. The simulator goes down; a submission meets it down; reload while it comes back.
    // 45 s: on a loaded 2-core machine the chord's submission went out up to 19 s after the key press, and
    // it must still meet the outage (at 4 s and 12 s it went through once the simulator was back).
    await down(45_000);
    await until('the simulator to be down', async () => !(await simUp()), 3000, 20);
    await press(wb, CHORDS[4].key); // B4: connection refused
    // The saved job's error, not its toast: on a loaded machine batch A's "ready" toasts can push the
    // error toast out of the three VS Code shows before it is seen.
    let b4: Job | undefined;
    await until(
      'B4 to be refused with "connection refused"',
      () => {
        b4 = jobOf(readJobs().jobs, B.down);
        return b4?.phase === 'submitFailed' && /connection to Giggle was refused while submitting a text-to-video task/.test(b4.lastError?.message ?? '');
      },
      40_000,
      200,
    ).catch((error: Error) => {
      const seen = b4 ? `phase ${b4.phase}, fault "${b4.fault ?? ''}", error "${b4.lastError?.message ?? ''}"` : 'not in the jobs file';
      throw new Error(`${error.message}; B4 last seen: ${seen}`);
    });
    await reload(wb, 'while the simulator is down');
    await waitSimUp();
    await clearFaults();

    // 4. Music videos meet a lost submit reply and flaky queries; the next automatic payment loses its reply.
    await fault({ match: { method: 'POST', path: '/api/v1/trustee_mode/mv/submit' }, kind: 'reset', afterProcessing: true, times: 1 });
    await press(wb, CHORDS[5].key); // B5
    await submitted([B.mvLostReply.label]);
    await fault({ match: { method: 'GET', path: '/api/v1/generation/task/query' }, kind: 'malformed', times: 4 });
    await fault({ match: { method: 'GET', path: '/api/v1/trustee_mode/mv/query' }, kind: 'status', status: 429, retryAfterSeconds: 1, times: 3 });
    await press(wb, CHORDS[6].key); // B6
    await submitted([B.mvDuringFaults.label]);
    await fault({ match: { method: 'POST', path: '/api/v1/trustee_mode/mv/pay' }, kind: 'reset', afterProcessing: true, times: 1 });
    await new Promise((resolve) => setTimeout(resolve, 3000));

    // 5. Down again, cutting whatever is in flight, and a last reload.
    await down(3000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await reload(wb, 'during a second outage');
    for (const job of readJobs().jobs) pollsAfterLastReload.set(job.id, job.pollCount ?? 0);
    await waitSimUp();
    await clearFaults();
    notes.push(`chaos phase over after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${counts.reloads} reloads, ${counts.outages} simulator outages, ${counts.faultRules} fault rules`);

    // 6. Calm: wait until nothing is left moving. Giving up fails the run (after the table is filled in).
    const settled = (job: Job) => !isFollowable(job) || (job.kind === 'mv' && job.phase === 'awaitingPayment');
    let settleProblem: string | undefined;
    await until(
      'every job to settle',
      () => {
        const { jobs } = readJobs();
        return ALL.every((p) => {
          const job = jobOf(jobs, p);
          return job && job.phase !== 'submitting' && job.phase !== 'creating' && settled(job);
        });
      },
      180_000,
      1000,
    ).catch((error: Error) => {
      settleProblem = `not everything settled: ${error.message}`;
      notes.push(settleProblem);
    });
    notes.push(`settled after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // --- The accounting ---
    const { jobs, skipped, kept, version } = readJobs();
    const log = (await requests()).filter((r) => r.method === 'POST');
    const state = (await sim('GET', 'state')) as SimSnapshot;

    for (const planned of ALL) {
      const row = rowOf(planned);
      const job = jobOf(jobs, planned);
      if (!job) {
        for (const column of COLUMNS) if (matrix.applies(row, column)) record(row, column, 'the job is not in the list');
        continue;
      }
      const reason = job.lastError?.message;
      const accounted =
        job.phase === 'completed' || stillFollowed(job) || (['failed', 'submitFailed', 'createFailed', 'notSubmitted', 'outcomeUnknown', 'stopped'].includes(job.phase) && !!reason);
      record(row, 'accounted for', accounted ? undefined : `phase ${job.phase}${isFollowable(job) ? ', not queried since the last reload' : ' without a reason'}`);
      record(row, 'expected end', planned.expect(job));
      if (planned.kind === 'video') {
        const posts = log.filter((r) => r.path.startsWith('/api/v1/generation/') && r.body?.prompt === planned.label).length;
        const tasks = state.tasks.filter((t) => t.prompt === planned.label);
        const expectedPosts = planned === B.down ? 0 : 1;
        const taskMatches = (job as VideoJob).taskId ? tasks.length === 1 && tasks[0].taskId === (job as VideoJob).taskId : tasks.length <= 1;
        record(row, 'sent once', posts === expectedPosts && taskMatches ? undefined : `${posts} submission(s), ${tasks.length} task(s) for it`);
      } else {
        const projects = state.projects.filter((p) => p.name === planned.label);
        const creates = log.filter((r) => r.path === '/api/v1/project/create' && r.body?.name === planned.label).length;
        const projectId = (job as MvJob).projectId;
        const submits = log.filter((r) => r.path === '/api/v1/trustee_mode/mv/submit' && r.body?.project_id === projectId).length;
        const expectedSubmits = interruptedBeforeSubmit(job) ? 0 : 1;
        if (expectedSubmits === 0) notes.push(`${planned.key}: the window reloaded between creating its project and submitting it; kept as "not submitted" (Submit Again), not re-sent`);
        record(row, 'sent once', creates === 1 && projects.length === 1 && projects[0].projectId === projectId && submits === expectedSubmits ? undefined : `${creates} create(s), ${projects.length} project(s), ${submits} submit(s)`);
        const payCalls = log.filter((r) => r.path === '/api/v1/trustee_mode/mv/pay' && r.body?.project_id === projectId).length;
        const accepted = state.pays.filter((p) => p.projectId === projectId && p.accepted).length;
        record(row, 'paid at most once', payCalls <= 1 && accepted <= 1 ? undefined : `${payCalls} pay call(s), ${accepted} accepted`);
      }
      record(row, 'persisted', persistedDisagreement(job, planned.label, state));
    }
    // The planted entries: the valid one kept, the corrupt and the foreign skipped (with a log line), never a crash.
    const planted1 = jobs.find((j) => j.id === planted.keptId);
    record(PLANTED_VALID, 'accounted for', planted1 ? undefined : 'lost');
    record(PLANTED_VALID, 'persisted', !planted1 ? 'lost' : planted1.phase !== 'completed' || (planted1 as VideoJob).taskId !== 't-old' ? `changed: phase ${planted1.phase}` : undefined);
    const giggleLog = findFiles(path.join(profileRoot(), 'user-data', 'logs'), (f) => /Giggle\.log$/.test(f)).map((f) => readFileSync(f, 'utf8')).join('\n');
    const skippedLines = giggleLog.split('\n').filter((l) => /job #\d+ skipped/.test(l));
    record(PLANTED_BAD, 'persisted', skippedLines.length >= 2 ? undefined : `log lines about skipped entries: ${skippedLines.length}`);
    // The corrupt entry is gone; the foreign one (a kind from a "newer version") is written back untouched.
    const keptIds = kept.map((entry) => (entry as { id?: unknown }).id);
    const fileOk = version === 1 && skipped.length === 1 && keptIds.length === 1 && keptIds[0] === 'foreign';
    record(FILE_ROW, 'persisted', fileOk ? undefined : `version ${version}, ${skipped.length} unreadable entr(ies): ${skipped.join('; ')}; kept: ${keptIds.join(', ')}`);
    notes.push(`jobs file: version ${version}, ${jobs.length} jobs parse, the planted foreign entry kept for its version; ${skippedLines.length} "skipped" log line(s) for the planted corrupt/foreign entries`);
    const phases = new Map<string, number>();
    for (const planned of ALL) {
      const phase = jobOf(jobs, planned)?.phase ?? 'missing';
      phases.set(phase, (phases.get(phase) ?? 0) + 1);
    }
    notes.push(`final phases: ${[...phases].map(([p, n]) => `${p} ${n}`).join(', ')}`);
    const totalPays = state.pays.filter((p) => p.accepted && state.projects.some((pr) => pr.projectId === p.projectId && pr.name.startsWith(`chaos-${RUN}`))).length;
    const faulted = new Map<string, number>();
    for (const r of await requests()) if (r.fault) faulted.set(`${r.method} ${r.path.replace(/^\/api\/v1\//, '')} ${r.fault}`, (faulted.get(`${r.method} ${r.path.replace(/^\/api\/v1\//, '')} ${r.fault}`) ?? 0) + 1);
    notes.push(`faults the simulator applied: ${[...faulted].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`);
    notes.push(`simulator: ${log.filter((r) => r.body && JSON.stringify(r.body).includes(`chaos-${RUN}`)).length} submission/create calls for this run, ${totalPays} accepted payment(s)`);
    matrix.write();

    const failures = matrix.failures(undefined, { notRun: true });
    if (settleProblem) failures.push(settleProblem);
    assert.deepStrictEqual(failures, [], 'chaos checks that failed');
    assert.strictEqual(ALL.length, 20);
  });
});
