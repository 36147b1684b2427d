// The fault matrix: every call the extension makes to Giggle (video and music
// video submission, status/progress queries, pay, retry, asset upload, video
// download) against every fault the simulator can stage (HTTP 401/403/429/5xx,
// connection reset before and after the request took effect, connection
// refused with the simulator down, timeout, malformed JSON, a missing field,
// a string `code`, a business error), inside the real extension host.
//
// Each cell checks what the user would see and what Giggle received:
//  - a specific message naming the call that failed and what to do next
//    (the notification the extension shows, the command's error, or the
//    job's fault line in the Jobs view for background queries);
//  - submissions and payments sent exactly once: a lost reply marks the job
//    "outcome unknown" (or asks Giggle), nothing is re-sent automatically;
//  - jobs already submitted stay in the list and are followed again once the
//    fault clears;
//  - nothing is thrown unhandled in the extension host.
// The table is printed by the driver (scripts/lib/matrix-report.mjs) and kept
// in test-results/integration/matrices/fault-matrix.json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GiggleApi } from '../../src/publicApi';
import type { Job, MvJob, VideoJob } from '../../src/jobs/jobTypes';
import nodeFetch from 'node-fetch';
import { GiggleClient } from '../../src/giggle/client';
import type { FetchFunction } from '../../src/giggle/transport';
import { isGiggleError } from '../../src/giggle/errors';
import { describeError } from '../../src/platform/notifications';
import { simClearFaults, simControl, simFault, simRequests, simUrl, waitFor } from './helpers';
import type { SimFault } from './helpers';
import { tinyPng } from './fixtures';
import { observe, shownSince } from './reliability/observe';
import {
  api,
  integrationMatrix,
  assertMentions,
  marker,
  rejection,
  requestsTo,
  secretKey,
  setSetting,
  simDown,
  simState,
  sleep,
  useKey,
  waitForJob,
  waitSimUp,
} from './reliability/common';

const PATHS = {
  textToVideo: '/api/v1/generation/text-to-video',
  queryTask: '/api/v1/generation/task/query',
  create: '/api/v1/project/create',
  submitMv: '/api/v1/trustee_mode/mv/submit',
  queryMv: '/api/v1/trustee_mode/mv/query',
  pay: '/api/v1/trustee_mode/mv/pay',
  retry: '/api/v1/trustee_mode/mv/retry',
};

/** The request timeout during the matrix (the driver lowers the 5-s floor for tests), so a hung call costs 1.5 s. */
const TIMEOUT_SECONDS = 1.5;
/**
 * How long "the simulator is down" lasts in a cell: long enough that, on a loaded machine, the command
 * (or the next progress query) still meets the outage; at 1.5 s, and even at 4 s under a load average
 * of 20, a pay or retry command sometimes went out after it.
 */
const OUTAGE_MS = 8000;

interface FaultCase {
  column: string;
  rule?: Omit<SimFault, 'match'>;
  down?: boolean;
}

const FAULTS: FaultCase[] = [
  { column: '401', rule: { kind: 'status', status: 401 } },
  { column: '403', rule: { kind: 'status', status: 403 } },
  { column: '429 + Retry-After', rule: { kind: 'status', status: 429, retryAfterSeconds: 2 } },
  { column: '429', rule: { kind: 'status', status: 429 } },
  { column: '500', rule: { kind: 'status', status: 500 } },
  { column: '502', rule: { kind: 'status', status: 502 } },
  { column: '503', rule: { kind: 'status', status: 503 } },
  { column: 'reset', rule: { kind: 'reset' } },
  { column: 'reset after sending', rule: { kind: 'reset', afterProcessing: true } },
  { column: 'refused (down)', down: true },
  { column: 'timeout', rule: { kind: 'hang' } },
  { column: 'malformed JSON', rule: { kind: 'malformed' } },
  { column: 'missing field', rule: { kind: 'missingField' } },
  { column: 'string code', rule: { kind: 'stringCode' } },
  { column: 'code ≠ 200 + msg', rule: { kind: 'apiError', code: 50013, message: 'task queue is full, please retry later' } },
];
const COLUMNS = FAULTS.map((f) => f.column);

const ROWS = [
  'submit video',
  'submit music video',
  'status query (video)',
  'progress query (music video)',
  'pay',
  'retry step',
  'asset upload: API',
  'asset upload: storage PUT',
  'download',
];
const NO_ENVELOPE = (row: string, columns: string[], why: string) => columns.map((column) => ({ row, column, why }));

const matrix = integrationMatrix({
  file: 'fault-matrix.json',
  title: 'Fault matrix (real extension host × simulator faults)',
  rowHeader: 'call',
  columns: COLUMNS,
  rows: ROWS,
  notApplicable: [
    ...NO_ENVELOPE('asset upload: storage PUT', ['missing field', 'string code', 'code ≠ 200 + msg'], 'storage replies carry no JSON envelope'),
    ...NO_ENVELOPE('download', ['missing field', 'string code'], 'a video link answers bytes, not a JSON envelope'),
  ],
});

/** What the user is told to do, by kind of outcome. */
const ADVICE = {
  auth: /Set API Key|set a valid (API )?key/i,
  rate: /wait|try again/i,
  unknownSubmit: /not (be )?sent again automatically|Submit Again/i,
  unknownPay: /not (be )?paid again automatically/i,
  network: /check your (network )?connection|try again/i,
  api: /try again|change/i,
  follow: /checked again automatically/i,
};

/** The fault rule the running cell staged, and the simulator's last request number before it. */
let staged: { rule: SimFault; after: number } | undefined;

/** The simulator's request numbers (API, upload and media requests share one sequence). */
async function simRequestsWithMedia(): Promise<{ seq: number; method: string; path: string; fault?: string }[]> {
  return [...(await simRequests()), ...((await simControl('GET', 'media-requests')) as { seq: number; method: string; path: string; fault?: string }[])];
}

/** Stages the fault for the next matching request(s). `field` is what `missing field` removes. */
async function stage(fault: FaultCase, match: { method: string; path: string }, options: { field?: string; times?: number } = {}): Promise<void> {
  if (fault.down) {
    await simDown(OUTAGE_MS);
    return;
  }
  const rule = { ...fault.rule, match, ...(options.times ? { times: options.times } : {}) } as SimFault;
  if (rule.kind === 'missingField') rule.field = options.field;
  const after = Math.max(0, ...(await simRequestsWithMedia()).map((r) => r.seq));
  await simFault(rule);
  staged = { rule, after };
}

/**
 * A cell whose outcome equals the no-fault outcome ("string code", some "missing field") would also pass
 * if the fault never matched a request: check that the simulator applied the staged fault to a request
 * the cell made. ("refused (down)" stages no rule: simDown waits until connections are refused.)
 */
async function assertFaultFired(fault: FaultCase): Promise<void> {
  if (fault.down) return;
  assert.ok(staged, `the cell staged its fault (${fault.column})`);
  const { rule, after } = staged;
  const want = rule.match as { method: string; path: string };
  const matches = (p: string) => (want.path.endsWith('*') ? p.startsWith(want.path.slice(0, -1)) : p === want.path);
  const hit = (await simRequestsWithMedia()).filter((r) => r.seq > after && r.method === want.method && matches(r.path) && r.fault === rule.kind);
  assert.ok(hit.length > 0, `the simulator applied the "${rule.kind}" fault to a ${want.method} ${want.path} request (request.fault)`);
}

/**
 * One cell of the matrix: `run`'s checks, then that the staged fault did fire. The faults are cleared
 * whatever happened: a cell that failed before its own clear() left its rule (most have no `times`)
 * staged for every later cell of the row, which then failed too.
 */
async function faultCell(row: string, fault: FaultCase, run: () => Promise<void>): Promise<void> {
  staged = undefined;
  try {
    await matrix.cell(row, fault.column, async () => {
      await run();
      await assertFaultFired(fault);
    });
  } finally {
    await clear();
  }
}

/** Clears every fault and waits for the simulator to answer again. */
async function clear(): Promise<void> {
  await waitSimUp(OUTAGE_MS + 10_000);
  await simClearFaults();
}

function errorsShownSince(mark: number): string[] {
  return shownSince(mark)
    .filter((s) => s.level === 'error' || s.level === 'warning')
    .map((s) => s.message);
}

/** The notification about this failure: an error shown since `mark` that names the call. */
function notificationAbout(mark: number, call: RegExp): string {
  const messages = errorsShownSince(mark);
  const found = messages.find((m) => call.test(m));
  assert.ok(found, `a notification naming the call (${call}) was shown; saw: ${JSON.stringify(messages)}`);
  return found;
}

function unhandledSince(mark: number): string[] {
  return observe().unhandled.slice(mark);
}

/**
 * One row of the matrix as it runs: checks that must still hold after a quiet
 * moment ("nothing was re-sent automatically") are run together at the end of
 * the row, after one pause, and so is the check for unhandled errors (the
 * observer reports a rejection still unhandled after 1 s).
 */
class RowRun {
  private readonly later: { column: string; check: () => Promise<void> }[] = [];
  private readonly unhandledMark = observe().unhandled.length;

  constructor(readonly row: string) {}

  afterwards(column: string, check: () => Promise<void>): void {
    this.later.push({ column, check });
  }

  async finish(): Promise<void> {
    await sleep(1100);
    for (const { column, check } of this.later) {
      try {
        await check();
      } catch (error) {
        if (!matrix.failures(this.row).some((f) => f.startsWith(`${this.row} × ${column}:`))) {
          matrix.set(this.row, column, 'fail', `afterwards: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }
    const unhandled = unhandledSince(this.unhandledMark);
    if (unhandled.length) matrix.notes.push(`UNHANDLED during "${this.row}": ${unhandled.join(' | ')}`);
    matrix.assertRow(this.row);
    assert.deepStrictEqual(unhandled, [], 'nothing is thrown unhandled in the extension host');
  }
}

function videosFolder(): string {
  return path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'videos');
}

function listFolder(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

async function mvArgs(name: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return { name, aspect: '16:9', musicGenerateType: 'prompt', prompt: 'fault matrix song', referenceImageFile: 'cover.png', ...extra };
}

const createdJobs = new Set<string>();

suite('Fault matrix', function () {
  this.timeout(240_000);
  let giggle: GiggleApi;
  let unhandledMark = 0;

  suiteSetup(async () => {
    matrix.start();
    giggle = await api();
    unhandledMark = observe().unhandled.length;
    observe().respond = () => undefined; // modal prompts (pay?) are dismissed, as a user who looks away
    await useKey(secretKey());
    await setSetting('requestTimeoutSeconds', TIMEOUT_SECONDS);
    await setSetting('musicVideo.payment', 'ask');
    const folder = vscode.workspace.workspaceFolders![0];
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, 'cover.png'), tinyPng(4, 4));
    matrix.notes.push(
      'asset upload: the extension has no upload command yet; these rows drive its Giggle client (src/giggle/client.ts) inside the extension host and check the message it would show (describeError).',
      'timeout: giggle.requestTimeoutSeconds = 1.5 for this suite (GIGGLE_TEST_TIMEOUT_FLOOR_SECONDS lowers the 5-s floor; test-only).',
      'refused (down): the simulator stops listening and cuts open connections for 8 s, then comes back with its state (POST /__sim/outage).',
      'every cell with a fault rule also checks that the simulator applied it to a request of that cell (request.fault), so a cell whose expected outcome is the no-fault one ("string code", some "missing field") cannot pass with a fault that never fired.',
    );
  });

  teardown(async () => {
    await clear();
  });

  suiteTeardown(async () => {
    observe().respond = undefined;
    await clear();
    await setSetting('requestTimeoutSeconds', undefined);
    await setSetting('musicVideo.payment', undefined);
    matrix.write();
  });

  // --- Video submission -----------------------------------------------------------

  test('submit (video)', async function () {
    const row = 'submit video';
    const run = new RowRun(row);
    const outcome: Record<string, 'ok' | 'refused' | 'unknown' | 'down'> = {
      '401': 'refused', '403': 'refused', '429 + Retry-After': 'refused', '429': 'refused',
      '500': 'unknown', '502': 'unknown', '503': 'unknown', reset: 'unknown', 'reset after sending': 'unknown',
      'refused (down)': 'down', timeout: 'unknown', 'malformed JSON': 'unknown', 'missing field': 'unknown',
      'string code': 'ok', 'code ≠ 200 + msg': 'refused',
    };
    for (const fault of FAULTS) {
      await faultCell(row, fault, async () => {
        const prompt = `${marker('fm-submit')} through ${fault.column}`;
        const mark = observe().shown.length;
        await stage(fault, { method: 'POST', path: PATHS.textToVideo }, { field: 'task_id', times: 1 });
        const pending = vscode.commands.executeCommand('giggle.generateVideo', { prompt, model: 'grok' });
        const expected = outcome[fault.column];
        if (expected === 'ok') {
          const result = (await pending) as { jobId: string; taskId: string };
          createdJobs.add(result.jobId);
          assert.ok(result.taskId, 'the task id came back');
        } else {
          const error = await rejection(pending);
          await clear();
          assertMentions(error.message, [/submitting a text-to-video task/], 'the command error');
          const note = notificationAbout(mark, /submitting a text-to-video task/);
          const job = giggle.listJobs().find((j) => j.kind === 'video' && j.request.prompt === prompt) as VideoJob | undefined;
          assert.ok(job, 'the job is in the list');
          createdJobs.add(job.id);
          if (expected === 'unknown') {
            assert.strictEqual(job.phase, 'outcomeUnknown', 'a lost reply is "outcome unknown"');
            assertMentions(note, [ADVICE.unknownSubmit], 'the notification');
          } else {
            assert.strictEqual(job.phase, 'submitFailed', 'a refusal is "not submitted"');
            if (/^401|^403/.test(fault.column)) assertMentions(note, [ADVICE.auth], 'the notification');
            else if (/^429/.test(fault.column)) assertMentions(note, [ADVICE.rate, ...(fault.rule?.retryAfterSeconds ? [/2 s/] : [])], 'the notification');
            else if (expected === 'down') assertMentions(note, [/refused/, ADVICE.network], 'the notification');
            else assertMentions(note, [/task queue is full/, ADVICE.api], 'the notification');
          }
          assertMentions(job.lastError?.message ?? '', [/submitting a text-to-video task/], 'the job\'s error');
        }
        await clear();
        const sent = () => requestsTo('POST', PATHS.textToVideo, (b) => b.prompt === prompt);
        assert.strictEqual((await sent()).length, expected === 'down' ? 0 : 1, 'requests that reached Giggle');
        run.afterwards(fault.column, async () => assert.strictEqual((await sent()).length, expected === 'down' ? 0 : 1, 'nothing is re-sent automatically'));
        if (fault.column === 'reset after sending') {
          const tasks = (await simState()).tasks.filter((t) => t.prompt === prompt);
          assert.strictEqual(tasks.length, 1, 'the lost submission did create a task: exactly one');
        }
      });
    }
    await run.finish();
  });

  // --- Music video submission (create + submit) -------------------------------------

  test('submit (music video)', async function () {
    const row = 'submit music video';
    const run = new RowRun(row);
    const outcome: Record<string, 'ok' | 'refused' | 'unknown' | 'taken' | 'down'> = {
      '401': 'refused', '403': 'refused', '429 + Retry-After': 'refused', '429': 'refused',
      '500': 'unknown', '502': 'unknown', '503': 'unknown', reset: 'unknown', 'reset after sending': 'taken',
      'refused (down)': 'down', timeout: 'unknown', 'malformed JSON': 'unknown', 'missing field': 'ok',
      'string code': 'ok', 'code ≠ 200 + msg': 'refused',
    };
    for (const fault of FAULTS) {
      await faultCell(row, fault, async () => {
        const name = `${marker('fm-mv')} ${fault.column}`;
        const mark = observe().shown.length;
        await stage(fault, { method: 'POST', path: PATHS.submitMv }, { field: 'project_id', times: 1 });
        const pending = vscode.commands.executeCommand('giggle.generateMusicVideo', await mvArgs(name));
        const expected = outcome[fault.column];
        const creates = () => requestsTo('POST', PATHS.create, (b) => b.name === name);
        let job: MvJob;
        if (expected === 'ok') {
          job = (await pending) as MvJob;
          createdJobs.add(job.id);
          assert.strictEqual(job.phase, 'running');
        } else {
          const error = await rejection(pending);
          await clear();
          const call = expected === 'down' ? /creating a music video project/ : /submitting a music video/;
          assertMentions(error.message, [call], 'the command error');
          const note = notificationAbout(mark, call);
          job = giggle.listJobs().find((j) => j.kind === 'mv' && j.request.name === name) as MvJob;
          assert.ok(job, 'the job is in the list');
          createdJobs.add(job.id);
          if (expected === 'down') {
            assert.strictEqual(job.phase, 'createFailed');
            assertMentions(note, [/refused/, ADVICE.network], 'the notification');
          } else if (expected === 'refused') {
            assert.strictEqual(job.phase, 'notSubmitted');
            assertMentions(job.lastError?.message ?? '', [/Submit Again re-sends it for the same project/], 'the job\'s error');
          } else {
            assertMentions(note, [ADVICE.unknownSubmit], 'the notification');
            // Giggle is asked; the project either never started (safe to submit again) or is running.
            job = await waitForJob<MvJob>(giggle, job.id, (j) => j.phase === (expected === 'taken' ? 'running' : 'notSubmitted') || j.phase === 'awaitingPayment', 'Giggle\'s answer about the lost submission');
          }
          if (job.phase === 'notSubmitted' || job.phase === 'createFailed') {
            // The fault is gone: the user submits again, for the same project when there is one.
            const again = (await vscode.commands.executeCommand('giggle.resubmitMusicVideo', job.id)) as MvJob;
            assert.strictEqual(again.phase, 'running');
          }
        }
        const projectId = (giggle.getJob(job.id) as MvJob).projectId;
        assert.ok(projectId, 'the job has its project');
        const submits = () => requestsTo('POST', PATHS.submitMv, (b) => b.project_id === projectId);
        const expectedSubmits = expected === 'ok' || expected === 'taken' || expected === 'down' ? 1 : 2;
        assert.strictEqual((await creates()).length, 1, 'exactly one project was created');
        assert.strictEqual((await submits()).length, expectedSubmits, 'submit calls (one per user action)');
        run.afterwards(fault.column, async () => assert.strictEqual((await submits()).length, expectedSubmits, 'nothing is re-sent automatically'));
      });
    }
    await run.finish();
  });

  // --- Following: status and progress queries ----------------------------------------

  async function followCell(
    row: string,
    fault: FaultCase,
    start: () => Promise<Job>,
    queryPath: string,
    call: RegExp,
    missing: string,
    stillGoing: (job: Job) => boolean,
  ): Promise<string> {
    let jobId = '';
    await faultCell(row, fault, async () => {
      const started = await start();
      jobId = started.id;
      createdJobs.add(jobId);
      const first = await waitForJob(giggle, jobId, (j) => (j.pollCount ?? 0) >= 1, 'the first query');
      const mark = observe().shown.length;
      await stage(fault, { method: 'GET', path: queryPath }, { field: missing });
      let faulted: Job;
      if (fault.column === 'string code') {
        faulted = await waitForJob(giggle, jobId, (j) => (j.pollCount ?? 0) >= (first.pollCount ?? 0) + 2 || !stillGoing(j), 'two more queries');
        assert.strictEqual(faulted.fault, undefined, 'a string code "200" is success');
      } else if (/^40[13]$/.test(fault.column)) {
        faulted = await waitForJob(giggle, jobId, (j) => !!j.fault, 'the fault on the job');
        assert.ok(giggle.isFollowingPaused(), 'following pauses: every query would be refused');
        assertMentions(notificationAbout(mark, /API key/), [ADVICE.auth], 'the notification');
      } else {
        faulted = await waitForJob(giggle, jobId, (j) => !!j.fault, 'the fault on the job', 10_000);
        assertMentions(faulted.fault ?? '', [call, ADVICE.follow], 'the job\'s fault line');
        if (fault.column === '429 + Retry-After') assertMentions(faulted.fault ?? '', [/retry after 2 s/], 'the fault line');
        if (fault.column === 'missing field') assertMentions(faulted.fault ?? '', [new RegExp(`data\\.${missing} is missing`)], 'the fault line');
        if (fault.column === 'code ≠ 200 + msg') assertMentions(faulted.fault ?? '', [/task queue is full/], 'the fault line');
      }
      assert.ok(stillGoing(faulted), `a fault never ends the job (phase ${faulted.phase})`);
      await clear();
      if (/^40[13]$/.test(fault.column)) await useKey(secretKey()); // what "Set API Key" on the notification leads to
      const polls = giggle.getJob(jobId)?.pollCount ?? 0;
      const resumed = await waitForJob(giggle, jobId, (j) => !j.fault && ((j.pollCount ?? 0) > polls || !stillGoing(j)), 'following to resume', 15_000);
      assert.ok(giggle.listJobs().some((j) => j.id === resumed.id), 'the job is still in the list');
      assert.ok(!giggle.isFollowingPaused(), 'following is not paused');
    });
    return jobId;
  }

  test('status query (video)', async function () {
    const row = 'status query (video)';
    const run = new RowRun(row);
    const jobs = new Map<string, string>();
    for (const fault of FAULTS) {
      const id = await followCell(
        row,
        fault,
        async () => {
          const prompt = `${marker('fm-query')} [slow]`;
          const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt, model: 'grok-fast' })) as { jobId: string };
          return giggle.getJob(jobId)!;
        },
        PATHS.queryTask,
        /querying a video task/,
        'status',
        (j) => j.phase === 'pending' || j.phase === 'processing' || j.phase === 'completed',
      );
      if (id) jobs.set(fault.column, id);
    }
    // Every job followed through a fault still finishes: a cell whose job does not is marked failed.
    for (const [column, id] of jobs) {
      try {
        const done = await waitForJob<VideoJob>(giggle, id, (j) => j.phase === 'completed' || j.phase === 'failed', 'completion after the faults', 150_000);
        assert.strictEqual(done.phase, 'completed', `job ${id} completed`);
        assert.ok(done.urls.length > 0, 'with its video links');
      } catch (error) {
        if (!matrix.failures(row).some((f) => f.startsWith(`${row} × ${column}:`))) matrix.set(row, column, 'fail', `after the fault cleared: ${(error as Error).message}`);
      }
    }
    await run.finish();
  });

  test('progress query (music video)', async function () {
    const row = 'progress query (music video)';
    const run = new RowRun(row);
    await setSetting('musicVideo.payment', 'auto');
    try {
      for (const fault of FAULTS) {
        await followCell(
          row,
          fault,
          async () => (await vscode.commands.executeCommand('giggle.generateMusicVideo', await mvArgs(`${marker('fm-mvq')}`, { prompt: 'a long song [slow]' }))) as MvJob,
          PATHS.queryMv,
          /querying a music video project/,
          'status',
          (j) => ['running', 'awaitingPayment', 'paying', 'completed'].includes(j.phase),
        );
      }
    } finally {
      await setSetting('musicVideo.payment', 'ask');
    }
    await run.finish();
  });

  // --- Pay -----------------------------------------------------------------------------

  test('pay (music video)', async function () {
    const row = 'pay';
    const run = new RowRun(row);
    // One project waiting for payment per fault, prepared together.
    const prepared = await Promise.all(
      FAULTS.map(async (fault) => {
        const job = (await vscode.commands.executeCommand('giggle.generateMusicVideo', await mvArgs(`${marker('fm-pay')} ${fault.column}`))) as MvJob;
        createdJobs.add(job.id);
        return waitForJob<MvJob>(giggle, job.id, (j) => j.phase === 'awaitingPayment', 'the payment gate', 150_000);
      }),
    );
    const outcome: Record<string, 'ok' | 'refused' | 'notTaken' | 'taken'> = {
      '401': 'refused', '403': 'refused', '429 + Retry-After': 'refused', '429': 'refused',
      '500': 'notTaken', '502': 'notTaken', '503': 'notTaken', reset: 'notTaken', 'reset after sending': 'taken',
      'refused (down)': 'refused', timeout: 'notTaken', 'malformed JSON': 'notTaken', 'missing field': 'taken',
      'string code': 'ok', 'code ≠ 200 + msg': 'refused',
    };
    for (const [i, fault] of FAULTS.entries()) {
      await faultCell(row, fault, async () => {
        const job = prepared[i];
        const projectId = job.projectId!;
        const mark = observe().shown.length;
        const payCalls = () => requestsTo('POST', PATHS.pay, (b) => b.project_id === projectId);
        const accepted = async () => (await simState()).pays.filter((p) => p.projectId === projectId && p.accepted).length;
        await stage(fault, { method: 'POST', path: PATHS.pay }, { field: 'order_id', times: 1 });
        const pending = vscode.commands.executeCommand('giggle.payMusicVideo', job.id);
        const expected = outcome[fault.column];
        let userPays = 1;
        if (expected === 'ok') {
          await pending;
        } else {
          const error = await rejection(pending);
          await clear();
          assertMentions(error.message, [/paying for a music video/], 'the command error');
          const note = notificationAbout(mark, /paying for a music video/);
          const after = giggle.getJob(job.id) as MvJob;
          if (expected === 'refused') {
            assert.strictEqual(after.phase, 'awaitingPayment', 'a refused payment leaves the project waiting for payment');
            assertMentions(after.lastError?.message ?? '', [/^Not paid: /], 'the job\'s error');
            assert.strictEqual(await accepted(), 0, 'nothing was paid');
            if (/^40[13]/.test(fault.column)) assertMentions(note, [ADVICE.auth], 'the notification');
            else if (/^429/.test(fault.column)) assertMentions(note, [ADVICE.rate], 'the notification');
            else if (fault.down) assertMentions(note, [/refused/, ADVICE.network], 'the notification');
            else assertMentions(note, [/task queue is full/, ADVICE.api], 'the notification');
          } else {
            assert.ok(after.phase === 'paying' || after.phase === 'running', `an unknown payment stays "paying" until Giggle answers (phase ${after.phase})`);
            assertMentions(note, [ADVICE.unknownPay], 'the notification');
            // The next progress query decides; no second pay call is ever made on its own.
            const decided = await waitForJob<MvJob>(
              giggle,
              job.id,
              (j) => (expected === 'taken' ? j.phase === 'running' || j.phase === 'completed' : j.phase === 'awaitingPayment'),
              'Giggle\'s answer about the payment',
            );
            assert.strictEqual((await payCalls()).length, 1, 'the uncertain payment was not repeated');
            if (expected === 'notTaken') assertMentions(decided.lastError?.message ?? '', [/did not go through/], 'the job\'s note');
          }
          if ((giggle.getJob(job.id) as MvJob).phase === 'awaitingPayment') {
            // The fault is gone: the user pays by hand.
            await vscode.commands.executeCommand('giggle.payMusicVideo', job.id);
            userPays = 2;
          }
        }
        await clear();
        const paid = await waitForJob<MvJob>(giggle, job.id, (j) => j.phase === 'running' || j.phase === 'completed', 'work to resume after payment');
        assert.ok(paid.paidAt !== undefined, 'the job knows it was paid');
        assert.strictEqual(await accepted(), 1, 'paid exactly once');
        const expectedCalls = fault.down ? userPays - 1 : userPays;
        assert.strictEqual((await payCalls()).length, expectedCalls, 'one pay call per user action');
        run.afterwards(fault.column, async () => {
          assert.strictEqual((await payCalls()).length, expectedCalls, 'no pay call is made automatically');
          assert.strictEqual(await accepted(), 1, 'still paid exactly once');
        });
      });
    }
    await run.finish();
  });

  // --- Retry a failed step ----------------------------------------------------------------

  test('retry (music video step)', async function () {
    const row = 'retry step';
    const run = new RowRun(row);
    const prepared = await Promise.all(
      FAULTS.map(async (fault) => {
        const job = (await vscode.commands.executeCommand('giggle.generateMusicVideo', await mvArgs(`${marker('fm-retry')} [fail:music-generate] ${fault.column}`))) as MvJob;
        createdJobs.add(job.id);
        return waitForJob<MvJob>(giggle, job.id, (j) => j.phase === 'failed', 'the step to fail', 150_000);
      }),
    );
    const outcome: Record<string, 'ok' | 'refused' | 'unknown'> = {
      '401': 'refused', '403': 'refused', '429 + Retry-After': 'refused', '429': 'refused',
      '500': 'unknown', '502': 'unknown', '503': 'unknown', reset: 'unknown', 'reset after sending': 'unknown',
      'refused (down)': 'refused', timeout: 'unknown', 'malformed JSON': 'unknown', 'missing field': 'ok',
      'string code': 'ok', 'code ≠ 200 + msg': 'refused',
    };
    for (const [i, fault] of FAULTS.entries()) {
      await faultCell(row, fault, async () => {
        const job = prepared[i];
        const mark = observe().shown.length;
        const retries = () => requestsTo('POST', PATHS.retry, (b) => b.project_id === job.projectId);
        await stage(fault, { method: 'POST', path: PATHS.retry }, { field: 'current_step', times: 1 });
        const pending = vscode.commands.executeCommand('giggle.retryMusicVideoStep', job.id);
        const expected = outcome[fault.column];
        let userRetries = 1;
        if (expected === 'ok') {
          const result = (await pending) as MvJob;
          assert.strictEqual(result.phase, 'running');
        } else {
          const error = await rejection(pending);
          await clear();
          assertMentions(error.message, [/retrying a music video step/], 'the command error');
          const note = notificationAbout(mark, /retrying a music video step/);
          const after = giggle.getJob(job.id) as MvJob;
          if (expected === 'refused') {
            assert.strictEqual(after.phase, 'failed', 'a refused retry leaves the step failed');
            assertMentions(after.lastError?.message ?? '', [/Retry of music-generate refused/], 'the job\'s error');
            if (/^40[13]/.test(fault.column)) assertMentions(note, [ADVICE.auth], 'the notification');
            else if (/^429/.test(fault.column)) assertMentions(note, [ADVICE.rate], 'the notification');
            else if (fault.down) assertMentions(note, [/refused/, ADVICE.network], 'the notification');
            else assertMentions(note, [/task queue is full/, ADVICE.api], 'the notification');
            // The fault is gone: the user retries again.
            const again = (await vscode.commands.executeCommand('giggle.retryMusicVideoStep', job.id)) as MvJob;
            assert.strictEqual(again.phase, 'running');
            userRetries = 2;
          } else {
            assert.strictEqual(after.phase, 'running', 'an unknown retry is followed to find out');
            assertMentions(after.lastError?.message ?? '', [/may or may not have reached Giggle/], 'the job\'s note');
          }
        }
        await clear();
        const expectedCalls = fault.down ? userRetries - 1 : userRetries;
        assert.strictEqual((await retries()).length, expectedCalls, 'one retry call per user action');
        run.afterwards(fault.column, async () => assert.strictEqual((await retries()).length, expectedCalls, 'no retry is sent automatically'));
        assert.ok(giggle.getJob(job.id), 'the job is still in the list');
      });
    }
    await run.finish();
  });

  // --- Asset upload (the client, in the extension host) --------------------------------------

  /**
   * The client as the extension builds it. For "the storage service is down" the
   * outage has to start between the presign call and the PUT, so the client's
   * fetch takes the simulator down right before it PUTs.
   */
  function uploadClient(downBeforePut = false): GiggleClient {
    const wrapped = async (url: Parameters<FetchFunction>[0], init?: Parameters<FetchFunction>[1]) => {
      if (downBeforePut && init?.method === 'PUT') await simDown(OUTAGE_MS);
      return nodeFetch(url, init);
    };
    const fetchFn = Object.assign(wrapped, nodeFetch) as unknown as FetchFunction;
    return new GiggleClient({ baseUrl: simUrl(), getApiKey: () => secretKey(), timeoutMs: TIMEOUT_SECONDS * 1000, uploadTimeoutMs: TIMEOUT_SECONDS * 1000, fetch: fetchFn });
  }

  async function uploadCell(
    row: string,
    fault: FaultCase,
    match: { method: string; path: string },
    call: RegExp,
    outcome: 'ok' | 'fail',
    field?: string,
  ): Promise<void> {
    await faultCell(row, fault, async () => {
      const putDown = !!fault.down && match.method === 'PUT';
      if (!putDown) await stage(fault, match, { field, times: 1 });
      const upload = uploadClient(putDown).uploadAsset({ fileName: `${marker('fm-upload')}.png`, contentType: 'image/png', bytes: tinyPng(3, 3) });
      if (outcome === 'ok') {
        const asset = await upload;
        assert.match(asset.assetId, /^[a-z0-9]+$/);
      } else {
        const error = await rejection(upload);
        await clear();
        assert.ok(isGiggleError(error), `a typed Giggle error (${error.name}: ${error.message})`);
        assertMentions(error.message, [call], 'the error');
        const shown = describeError(error).message;
        const advice = /^40[13]/.test(fault.column) && match.path.startsWith('/api') ? ADVICE.auth : /^429/.test(fault.column) ? ADVICE.rate : /try again|check your/i;
        assertMentions(shown, [call, advice], 'the message the user would see');
        if (fault.column === 'missing field') assertMentions(error.message, [/data\.signed_url is missing/], 'the error');
      }
    });
  }

  test('asset upload (API: presign, register)', async function () {
    const row = 'asset upload: API';
    const run = new RowRun(row);
    for (const fault of FAULTS) {
      await uploadCell(row, fault, { method: 'POST', path: '/api/v1/asset/*' }, /requesting an upload link/, fault.column === 'string code' ? 'ok' : 'fail', 'signed_url');
    }
    await run.finish();
  });

  test('asset upload (storage PUT)', async function () {
    const row = 'asset upload: storage PUT';
    const run = new RowRun(row);
    for (const fault of FAULTS) {
      if (!matrix.applies(row, fault.column)) continue;
      // A 200 whose body is not JSON is an ordinary storage reply (its body is not read), so the client goes on; the
      // simulator kept nothing, and the register call then says so, naming that step.
      const call = fault.column === 'malformed JSON' ? /registering an uploaded file: .*has not been uploaded/ : /uploading a file/;
      await uploadCell(row, fault, { method: 'PUT', path: '/upload/*' }, call, 'fail');
    }
    await run.finish();
  });

  // --- Download ---------------------------------------------------------------------------------

  test('download (video)', async function () {
    const row = 'download';
    const run = new RowRun(row);
    const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt: `${marker('fm-download')} to download`, model: 'grok' })) as { jobId: string };
    createdJobs.add(jobId);
    await waitForJob(giggle, jobId, (j) => j.phase === 'completed', 'the video to be ready', 30_000);
    for (const fault of FAULTS) {
      if (!matrix.applies(row, fault.column)) continue;
      await faultCell(row, fault, async () => {
        const before = listFolder(videosFolder());
        const mark = observe().shown.length;
        await stage(fault, { method: 'GET', path: '/media/*' }, { times: 1 });
        const error = await rejection(vscode.commands.executeCommand('giggle.downloadVideo', jobId));
        await clear();
        const call = /[Dd]ownload|video link/;
        assertMentions(error.message, [call], 'the command error');
        assert.ok(!/Signature=|Policy=|Key-Pair-Id=/.test(error.message), `the signed query is not in the message: ${error.message}`);
        const note = notificationAbout(mark, call);
        assertMentions(note, [/try again|open it in the browser|refresh/i], 'the notification');
        if (fault.column === 'malformed JSON' || fault.column === 'code ≠ 200 + msg') assertMentions(note, [/not a video/i], 'the notification');
        assert.deepStrictEqual(listFolder(videosFolder()), before, 'no file (or .part) is left behind');
        assert.strictEqual(giggle.getJob(jobId)?.phase, 'completed', 'the job is unchanged');
      });
    }
    await run.finish();
  });

  // --- Afterwards --------------------------------------------------------------------------------

  test('afterwards: every job is still listed, none failed because of a fault, nothing unhandled', async function () {
    await clear();
    const lost = [...createdJobs].filter((id) => !giggle.getJob(id));
    assert.deepStrictEqual(lost, [], 'jobs that vanished from the list');
    const broken = giggle
      .listJobs()
      .filter((j) => createdJobs.has(j.id))
      .filter((j) => (j.phase === 'failed' && !(j.kind === 'mv' && /\[fail:/.test(j.request.name))) || j.phase === 'stopped');
    assert.deepStrictEqual(broken.map((j) => `${j.id} ${j.phase} ${j.lastError?.message}`), [], 'jobs a fault failed or abandoned');
    await sleep(1100);
    assert.deepStrictEqual(unhandledSince(unhandledMark), [], 'unhandled errors in the extension host during the matrix');
    const { cases, passed } = matrix.counts();
    console.log(`fault matrix: ${cases} cases, ${passed} passed`);
    assert.deepStrictEqual(matrix.failures(undefined, { notRun: true }), [], 'every declared cell ran and passed');
  });
});

// =====================================================================================================
// Part 2 (issue 15, items 5, 6 and 8): failures that happen before anything leaves the machine, a
// reply over the size limit, and request-timeout settings outside their range. These need the base URL
// or a setting changed rather than a simulator fault, so they are their own matrix; same rules: what the
// user sees, what Giggle received, whether Submit Again is offered as safe.
// =====================================================================================================

import { execFileSync } from 'child_process';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import { refuseInvalidHostLookups } from '../support/unresolvableHosts';
import * as os from 'os';

const LOCAL_COLUMNS = [
  'self-signed certificate',
  'unresolvable host',
  'malformed base URL',
  'reply over 1 MiB',
  'timeout setting too large',
  'timeout setting not a number',
] as const;
type LocalColumn = (typeof LOCAL_COLUMNS)[number];

const localMatrix = integrationMatrix({
  file: 'fault-matrix-local.json',
  title: 'Fault matrix, part 2 (nothing sent, oversized replies, settings out of range)',
  rowHeader: 'call',
  columns: LOCAL_COLUMNS,
  rows: ['submit video', 'submit music video'],
});

/** Where each column points giggle.apiBaseUrl (undefined: the simulator), and what a submission becomes. */
interface LocalCase {
  baseUrl?: () => string;
  timeout?: unknown;
  outcome: 'nothingSent' | 'unknown' | 'ok';
}

/**
 * A loopback server: HTTPS with a throwaway self-signed certificate, or HTTP answering every call with 200 MiB.
 * `requests(path)` counts the POSTs to `path` only (no path: every request): while a column points the
 * extension here, its poller may also ask about jobs still running from earlier suites.
 */
async function localServer(kind: 'tls' | 'huge'): Promise<{ url: string; requests: (path?: string) => number; close: () => Promise<void> }> {
  const seen: Array<{ method?: string; path: string }> = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push({ method: req.method, path: (req.url ?? '').split('?')[0] });
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (kind === 'tls') return void res.end(JSON.stringify({ code: 200, data: { task_id: 'never', project_id: 'never' } }));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    res.write('{');
    const pump = () => {
      while (written < 200 * 1024 * 1024 && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end('}');
    };
    pump();
  };
  let server: http.Server;
  if (kind === 'tls') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'giggle-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, handler);
    fs.rmSync(dir, { recursive: true, force: true });
  } else {
    server = http.createServer(handler);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${kind === 'tls' ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests: (path?: string) => seen.filter((request) => path === undefined || (request.method === 'POST' && request.path === path)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Changes a giggle setting and waits until the extension has seen it (its own listener runs first: it registered first). */
async function changeSetting(key: string, value: unknown): Promise<void> {
  if (vscode.workspace.getConfiguration('giggle').inspect(key)?.globalValue === value) return; // no change, no event
  const seen = new Promise<void>((resolve) => {
    const listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(`giggle.${key}`)) return;
      listener.dispose();
      resolve();
    });
    setTimeout(() => {
      listener.dispose();
      resolve(); // never seen: the cell's own checks will say what went wrong
    }, 3000);
  });
  await setSetting(key, value);
  await seen;
}

suite('Fault matrix, part 2: nothing sent, oversized replies, settings out of range', function () {
  this.timeout(120_000);
  let giggle: GiggleApi;
  let tls: Awaited<ReturnType<typeof localServer>>;
  let huge: Awaited<ReturnType<typeof localServer>>;
  let cases: Record<LocalColumn, LocalCase>;
  let restoreLookups: (() => void) | undefined;

  suiteSetup(async () => {
    restoreLookups = refuseInvalidHostLookups();
    giggle = await api();
    observe().respond = () => undefined; // a modal ("submit again although it may have arrived?") is dismissed
    await useKey(secretKey());
    const folder = vscode.workspace.workspaceFolders![0];
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, 'cover.png'), tinyPng(4, 4));
    tls = await localServer('tls');
    huge = await localServer('huge');
    cases = {
      'self-signed certificate': { baseUrl: () => tls.url, outcome: 'nothingSent' },
      // A .invalid name, made to fail in this process (no query to the machine's resolver).
      'unresolvable host': { baseUrl: () => 'https://giggle-fault-matrix.invalid', outcome: 'nothingSent' },
      'malformed base URL': { baseUrl: () => 'giggle.pro', outcome: 'nothingSent' },
      'reply over 1 MiB': { baseUrl: () => huge.url, outcome: 'unknown' },
      // Above setTimeout's limit (2^31 ms) Node fires after 1 ms: every submission would time out at once.
      'timeout setting too large': { timeout: 1e10, outcome: 'ok' },
      'timeout setting not a number': { timeout: 'soon', outcome: 'ok' },
    };
    localMatrix.start();
    localMatrix.notes.push(
      'self-signed certificate: an HTTPS server on 127.0.0.1 with a throwaway certificate; unresolvable host: a .invalid name; malformed base URL: "giggle.pro" (no scheme).',
      'reply over 1 MiB: a loopback server streams 200 MiB of JSON whitespace; the client stops at 1 MiB and hangs up.',
      'timeout settings: giggle.requestTimeoutSeconds = 1e10 or "soon" against the simulator; both are clamped (5-300 s, default 30).',
    );
  });

  suiteTeardown(async () => {
    restoreLookups?.();
    observe().respond = undefined;
    await changeSetting('apiBaseUrl', simUrl());
    await changeSetting('requestTimeoutSeconds', undefined);
    await tls?.close();
    await huge?.close();
    localMatrix.write();
  });

  /** Points the extension where the column says, runs `body`, and always points it back at the simulator. */
  async function within(column: LocalColumn, body: () => Promise<void>): Promise<void> {
    const { baseUrl, timeout } = cases[column];
    try {
      if (baseUrl) await changeSetting('apiBaseUrl', baseUrl());
      if (timeout !== undefined) await changeSetting('requestTimeoutSeconds', timeout);
      await body();
    } finally {
      await changeSetting('apiBaseUrl', simUrl());
      await changeSetting('requestTimeoutSeconds', undefined);
    }
  }

  test('submit (video)', async function () {
    const row = 'submit video';
    for (const column of LOCAL_COLUMNS) {
      await localMatrix.cell(row, column, async () => {
        const { outcome } = cases[column];
        const prompt = `${marker('fm2-submit')} through ${column}`;
        const mark = observe().shown.length;
        const hugeBefore = huge.requests(PATHS.textToVideo);
        let jobId = '';
        await within(column, async () => {
          const pending = vscode.commands.executeCommand('giggle.generateVideo', { prompt, model: 'grok' });
          if (outcome === 'ok') {
            const result = (await pending) as { jobId: string; taskId: string };
            assert.ok(result.taskId, 'the task id came back');
            jobId = result.jobId;
            return;
          }
          const error = await rejection(pending);
          assertMentions(error.message, [/submitting a text-to-video task/], 'the command error');
          const note = notificationAbout(mark, /submitting a text-to-video task/);
          const job = giggle.listJobs().find((j) => j.kind === 'video' && j.request.prompt === prompt) as VideoJob | undefined;
          assert.ok(job, 'the job is in the list');
          jobId = job.id;
          if (outcome === 'unknown') {
            assert.strictEqual(job.phase, 'outcomeUnknown', 'the request reached the server: its outcome is unknown');
            assertMentions(note, [/larger than 1 MiB/, ADVICE.unknownSubmit], 'the notification');
            assert.strictEqual(huge.requests(PATHS.textToVideo) - hugeBefore, 1, 'sent once');
          } else {
            assert.strictEqual(job.phase, 'submitFailed', 'nothing left the machine: "not submitted", not "outcome unknown"');
            assertMentions(note, [/Nothing reached Giggle/], 'the notification');
            assert.doesNotMatch(note, /may still have taken effect|outcome unknown/);
            assert.strictEqual(tls.requests(), 0, 'the HTTPS server never received a request');
          }
        });
        createdJobs.add(jobId);
        if (outcome === 'nothingSent') {
          // Back on a working base URL: Submit Again goes straight through, with no "may be charged twice" question.
          await vscode.commands.executeCommand('giggle.submitAgain', jobId);
          const again = giggle.getJob(jobId) as VideoJob;
          assert.ok(again.taskId, `submitted again without a warning (phase ${again.phase})`);
        }
        const reachedSim = await requestsTo('POST', PATHS.textToVideo, (b) => b.prompt === prompt);
        assert.strictEqual(reachedSim.length, outcome === 'unknown' ? 0 : 1, 'submissions that reached the simulator');
      });
    }
    localMatrix.assertRow(row);
  });

  test('submit (music video)', async function () {
    const row = 'submit music video';
    for (const column of LOCAL_COLUMNS) {
      await localMatrix.cell(row, column, async () => {
        const { outcome } = cases[column];
        const name = `${marker('fm2-mv')} ${column}`;
        const mark = observe().shown.length;
        let jobId = '';
        await within(column, async () => {
          const pending = vscode.commands.executeCommand('giggle.generateMusicVideo', await mvArgs(name));
          if (outcome === 'ok') {
            const job = (await pending) as MvJob;
            assert.strictEqual(job.phase, 'running');
            jobId = job.id;
            return;
          }
          const error = await rejection(pending);
          assertMentions(error.message, [/creating a music video project/], 'the command error');
          const note = notificationAbout(mark, /creating a music video project/);
          const job = giggle.listJobs().find((j) => j.kind === 'mv' && j.request.name === name) as MvJob | undefined;
          assert.ok(job, 'the job is in the list');
          jobId = job.id;
          if (outcome === 'unknown') {
            assert.strictEqual(job.phase, 'outcomeUnknown', 'the request reached the server: its outcome is unknown');
            assertMentions(note, [/larger than 1 MiB/], 'the notification');
          } else {
            assert.strictEqual(job.phase, 'createFailed', 'nothing left the machine: "not created", not "outcome unknown"');
            assertMentions(note, [/Nothing reached Giggle/], 'the notification');
          }
        });
        createdJobs.add(jobId);
        if (outcome === 'nothingSent') {
          const again = (await vscode.commands.executeCommand('giggle.resubmitMusicVideo', jobId)) as MvJob;
          assert.strictEqual(again.phase, 'running', 'submitted again');
        }
        const creates = await requestsTo('POST', PATHS.create, (b) => b.name === name);
        assert.strictEqual(creates.length, outcome === 'unknown' ? 0 : 1, 'projects created on the simulator');
      });
    }
    localMatrix.assertRow(row);
  });
});

// =====================================================================================================
// Giggle's own signals (issue 13): what Giggle's public scripts react to, staged per job by the
// simulator's markers and control routes (sim/README.md, "Signals Giggle's scripts react to"), each
// checked for what the user sees and what Giggle receives. A separate block and table
// (giggle-signals.json), so the fault columns above stay as they are.
// =====================================================================================================

const signals = integrationMatrix({
  file: 'giggle-signals.json',
  title: 'Giggle\'s own signals (real extension host × simulator)',
  rowHeader: 'signal',
  columns: ['handled'],
  rows: [
    'MV err_msg alone → failed, Retry Step names current_step',
    'MV sub-step error alone → failed, Retry Step names its step',
    'MV current_step contains "pay" → Pay / auto-pay, once',
    'video completed with an empty urls list → failed, Submit Again',
    'video completed with no urls field → failed, Submit Again',
    'non-numeric string code (query: data decides; pay: outcome unknown); text in message',
    'Set API Key: 200 + "Invalid API key" refused; HTTP 500 → saved unchecked',
    'Policy-only signed links → expiry from the policy, refreshed before copy/download',
  ],
});

/** Runs one signal as a row of its own table and fails the test when it fails. */
async function signalRow(row: string, run: () => Promise<void>): Promise<void> {
  await signals.cell(row, 'handled', run);
  signals.assertRow(row);
}

/** The job's poll count stays put for a while: nothing follows it any more. */
async function assertNotFollowed(giggle: GiggleApi, jobId: string): Promise<void> {
  const polls = giggle.getJob(jobId)?.pollCount ?? 0;
  await sleep(1500);
  assert.strictEqual(giggle.getJob(jobId)?.pollCount ?? 0, polls, 'following stopped');
}

async function setInvalidKeyReply(reply: { status: number; code: number | string; message: string } | null): Promise<void> {
  await simControl('POST', 'invalid-key-reply', reply);
}

suite('Fault matrix: Giggle\'s own signals', function () {
  this.timeout(120_000);
  let giggle: GiggleApi;

  suiteSetup(async () => {
    giggle = await api();
    observe().respond = () => undefined;
    await useKey(secretKey());
    await setSetting('musicVideo.payment', 'ask');
    const folder = vscode.workspace.workspaceFolders![0];
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, 'cover.png'), tinyPng(4, 4));
    signals.start();
    signals.notes.push('Each row names the Giggle script line it follows; sim/README.md lists the markers that stage it.');
  });

  teardown(async () => {
    await setInvalidKeyReply(null);
    await clear();
  });

  suiteTeardown(async () => {
    observe().respond = undefined;
    await setSetting('musicVideo.payment', undefined);
    signals.write();
  });

  async function failedMv(marker_: string): Promise<MvJob> {
    const job = (await vscode.commands.executeCommand('giggle.generateMusicVideo', await mvArgs(`${marker('sig-mv')} ${marker_}`))) as MvJob;
    return waitForJob<MvJob>(giggle, job.id, (j) => j.phase === 'failed', 'the project to fail', 30_000);
  }

  async function retriedStep(job: MvJob): Promise<string | undefined> {
    await vscode.commands.executeCommand('giggle.retryMusicVideoStep', job.id);
    const sent = await requestsTo('POST', PATHS.retry, (b) => b.project_id === job.projectId);
    assert.strictEqual(sent.length, 1, 'one retry call');
    return (sent[0].body as { current_step?: string }).current_step;
  }

  test('MV: a non-empty err_msg alone fails the project (trustee_api.py:415)', async () => {
    await signalRow('MV err_msg alone → failed, Retry Step names current_step', async () => {
      const job = await failedMv('[err-msg:music-generate]');
      assertMentions(job.lastError?.message ?? '', [/music-generate failed at/], 'the job\'s error (Giggle\'s text)');
      await assertNotFollowed(giggle, job.id);
      assert.strictEqual(await retriedStep(job), 'music-generate');
      await waitForJob(giggle, job.id, (j) => j.phase === 'running' || j.phase === 'awaitingPayment', 'the retried project to run');
    });
  });

  test('MV: an error on a sub-step alone fails the project (trustee_api.py:421)', async () => {
    await signalRow('MV sub-step error alone → failed, Retry Step names its step', async () => {
      const job = await failedMv('[sub-error:music-generate]');
      assertMentions(job.lastError?.message ?? '', [/generation error \(simulated\)/], 'the job\'s error (Giggle\'s text)');
      await assertNotFollowed(giggle, job.id);
      assert.strictEqual(await retriedStep(job), 'music-generate');
    });
  });

  test('MV: a current_step containing "pay" is the payment gate; auto-pay pays once (trustee_api.py:424)', async () => {
    await signalRow('MV current_step contains "pay" → Pay / auto-pay, once', async () => {
      await setSetting('musicVideo.payment', 'auto');
      try {
        const job = (await vscode.commands.executeCommand('giggle.generateMusicVideo', await mvArgs(`${marker('sig-pay')} [pay-step]`))) as MvJob;
        const done = await waitForJob<MvJob>(giggle, job.id, (j) => j.phase === 'completed', 'the video after the pay gate', 100_000);
        assert.ok(done.paidAt !== undefined, 'the job knows it was paid');
        const pays = (await simState()).pays.filter((p) => p.projectId === done.projectId);
        assert.deepStrictEqual(pays.map((p) => p.accepted), [true], 'exactly one pay call, accepted');
      } finally {
        await setSetting('musicVideo.payment', 'ask');
      }
    });
  });

  for (const [marker_, what] of [['[empty-urls]', 'an empty urls list'], ['[no-urls]', 'no urls field']] as const) {
    test(`video: completed with ${what} is a failure, never "Video ready" (generation_api.py:251)`, async () => {
      await signalRow(`video completed with ${what} → failed, Submit Again`, async () => {
        const mark = observe().shown.length;
        const prompt = `${marker('sig-nourl')} ${marker_}`;
        const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt, model: 'grok' })) as { jobId: string };
        const job = await waitForJob<VideoJob>(giggle, jobId, (j) => j.phase !== 'pending' && j.phase !== 'processing' && j.phase !== 'submitting', 'the task to finish', 30_000);
        assert.strictEqual(job.phase, 'failed');
        assertMentions(job.lastError?.message ?? '', [/Giggle finished without returning a video/], 'the job\'s error');
        const note = await waitFor(() => shownSince(mark).find((s) => s.message.includes(prompt) || /without returning a video/.test(s.message)), 5000, 'the failure notification');
        assert.strictEqual(note.level, 'error');
        assert.ok(note.items.includes('Submit Again'), `Submit Again is offered: ${JSON.stringify(note.items)}`);
        assert.ok(!shownSince(mark).some((s) => /Video ready/.test(s.message)), 'never "Video ready"');
        await assertNotFollowed(giggle, jobId);
        await vscode.commands.executeCommand('giggle.submitAgain', jobId);
        assert.strictEqual((await requestsTo('POST', PATHS.textToVideo, (b) => b.prompt === prompt)).length, 2, 'Submit Again sends it once more');
      });
    });
  }

  test('envelope: a non-numeric string code on a query is read by its data; on a pay call it is "outcome unknown"', async () => {
    await signalRow('non-numeric string code (query: data decides; pay: outcome unknown); text in message', async () => {
      const job = (await vscode.commands.executeCommand('giggle.generateMusicVideo', await mvArgs(`${marker('sig-code')}`))) as MvJob;
      const first = await waitForJob<MvJob>(giggle, job.id, (j) => (j.pollCount ?? 0) >= 1, 'the first query');
      await simFault({ match: { method: 'GET', path: PATHS.queryMv }, kind: 'stringCode', code: 'success', textField: 'message', times: 3 } as SimFault);
      const later = await waitForJob<MvJob>(giggle, job.id, (j) => (j.pollCount ?? 0) >= (first.pollCount ?? 0) + 3 || j.phase === 'awaitingPayment', 'three more queries');
      assert.strictEqual(later.fault, undefined, 'a query answered with code "success" and valid data is not a fault');
      await simClearFaults();
      const gate = await waitForJob<MvJob>(giggle, job.id, (j) => j.phase === 'awaitingPayment', 'the payment gate', 30_000);
      await simFault({ match: { method: 'POST', path: PATHS.pay }, kind: 'apiError', code: 'E_PAY', message: 'order is being created', textField: 'message', times: 1 });
      const error = await rejection(vscode.commands.executeCommand('giggle.payMusicVideo', gate.id));
      assertMentions(error.message, [/order is being created/], 'the command error shows Giggle\'s text from `message`');
      const decided = await waitForJob<MvJob>(giggle, job.id, (j) => j.phase === 'awaitingPayment' && /did not go through/.test(j.lastError?.message ?? ''), 'Giggle\'s answer about the payment');
      assert.ok(decided.payUncertain === undefined || decided.phase === 'awaitingPayment');
      assert.strictEqual((await requestsTo('POST', PATHS.pay, (b) => b.project_id === job.projectId)).length, 1, 'the uncertain payment was not repeated');
    });
  });

  test('key check: an invalid key answered as HTTP 200 is refused; a 500 never makes a key "checked"', async () => {
    await signalRow('Set API Key: 200 + "Invalid API key" refused; HTTP 500 → saved unchecked', async () => {
      await setInvalidKeyReply({ status: 200, code: 40100, message: 'Invalid API key' });
      let mark = observe().shown.length;
      const accepted = await vscode.commands.executeCommand('giggle.setApiKey', 'gk-not-a-real-key-0000');
      await setInvalidKeyReply(null);
      if (accepted) await useKey(secretKey()); // so a failure here does not spill into the next rows
      assert.strictEqual(accepted, false, 'the key is refused');
      assert.ok(shownSince(mark).some((s) => s.level === 'error' && /rejected this API key/.test(s.message)), 'the user is told the key was rejected');
      const prompt = `${marker('sig-key')}`;
      await vscode.commands.executeCommand('giggle.generateVideo', { prompt, model: 'grok' });
      const [sent] = await requestsTo('POST', PATHS.textToVideo, (b) => b.prompt === prompt);
      assert.strictEqual(sent.headers['x-auth'], secretKey(), 'the refused key was not stored');

      mark = observe().shown.length;
      await simFault({ match: { method: 'GET', path: PATHS.queryTask }, kind: 'status', status: 500, times: 1 });
      assert.strictEqual(await vscode.commands.executeCommand('giggle.setApiKey', secretKey()), true);
      const info = shownSince(mark).filter((s) => s.level === 'info').map((s) => s.message);
      assert.ok(info.some((m) => /not checked/.test(m)), `saved as unchecked: ${JSON.stringify(info)}`);
      assert.ok(!info.includes('Giggle API key saved.'), 'never "saved" (checked) on a 500');
    });
  });

  test('signed links with Policy and no Expires: the expiry is read from the policy and the link refreshed before copy and download', async () => {
    await signalRow('Policy-only signed links → expiry from the policy, refreshed before copy/download', async () => {
      const prompt = `${marker('sig-policy')} [policy-only]`;
      const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt, model: 'grok' })) as { jobId: string };
      const done = await waitForJob<VideoJob>(giggle, jobId, (j) => j.phase === 'completed', 'the video', 30_000);
      assert.ok(!/[?&]Expires=/.test(done.urls[0]) && /[?&]Policy=/.test(done.urls[0]), 'the simulator sent a Policy-only link');
      await assertNotFollowed(giggle, jobId);
      const queries = async () => (await requestsTo('GET', PATHS.queryTask)).filter((r) => r.query.task_id === done.taskId).length;
      // The driver's links live 36 s, inside the 60-s safety margin: each use must ask Giggle for a fresh one first.
      const before = await queries();
      const link = (await vscode.commands.executeCommand('giggle.copyVideoLink', jobId)) as string;
      assert.strictEqual(await queries(), before + 1, 'copy asked Giggle for a fresh link');
      assert.strictEqual((await fetch(link)).status, 200, 'the copied link plays');
      const file = (await vscode.commands.executeCommand('giggle.downloadVideo', jobId)) as vscode.Uri;
      assert.strictEqual(await queries(), before + 2, 'download asked Giggle for a fresh link');
      assert.ok((await vscode.workspace.fs.stat(file)).size > 0, 'the video was downloaded');
    });
  });
});
