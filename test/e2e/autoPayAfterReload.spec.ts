// Automatic payment and a window that closed at the payment gate. With
// "giggle.musicVideo.payment": "auto", the extension pays as soon as Giggle
// reports the gate; a reload in the few milliseconds between recording the
// gate and calling pay leaves a saved job at the gate with no payment
// attempted. After the restore the extension must pay, once, as the user
// asked (and never a job whose payment was attempted: that could be a second
// payment; unit-tested in test/unit/jobs/mvFollowing.test.ts).
// And never a project the user turned down: with "ask", Not Now is saved on
// the job, and switching to "auto" and reloading leaves it waiting for an
// explicit Pay (from the tree).
//
// The instant is planted rather than raced: the project is taken to the gate
// straight through Giggle's API, the window closes, the saved jobs list gets
// the job as the extension would have saved it, and the window opens again
// (the extension activates at startup and restores it).
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { parseJobsFile } from '../../src/jobs/persistedJobs';
import type { MvJob } from '../../src/jobs/jobTypes';
import { e2eEnv, useWorkbench } from './support/fixtures';
import type { Workbench } from './support/workbench';
import { jobsFile, overrideSettings } from './support/profile';
import { reopenWithJobs } from './support/reopen';
import { giggle, savedMvJob, setApiKey, submitMvProject } from './support/giggleApi';
import { simControl } from './support/sim';

type Recorded = { method: string; path: string; body?: Record<string, unknown> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A project created and submitted outside this window, waiting at Giggle's payment gate. */
async function projectAtPaymentGate(name: string, prompt: string, referenceUrl: string): Promise<string> {
  const projectId = await submitMvProject(name, prompt, referenceUrl);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
    const project = await giggle('GET', `/api/v1/trustee_mode/mv/query?project_id=${projectId}`);
    if (project.pay_status === 'pending') return projectId;
  }
  throw new Error(`project ${projectId} did not reach the payment gate`);
}

/** Closes the window, adds `job` to the saved list, opens the window again and the Giggle view. */
async function restoreWithPlantedJob(wb: Workbench, job: MvJob): Promise<void> {
  await reopenWithJobs(wb, (jobs) => [job, ...jobs.filter((j) => j.id !== job.id)]);
  await wb.openViewContainer('Giggle');
}

const paysFor = async (projectId: string) =>
  ((await simControl('GET', 'requests')) as Recorded[]).filter((r) => r.method === 'POST' && r.path === '/api/v1/trustee_mode/mv/pay' && r.body?.project_id === projectId);

describe('Automatic payment after a reload at the payment gate', function () {
  this.timeout(180_000);
  const run = Date.now().toString(36);
  const name = `Gate reload ${run}`;
  const prompt = 'a slow piano ballad about a lighthouse';
  let restoreSettings: (() => void) | undefined;

  before(function () {
    if (!e2eEnv.simUrl) this.skip();
    restoreSettings = overrideSettings({ 'giggle.musicVideo.payment': 'auto' });
  });

  const ui = useWorkbench();

  after(() => restoreSettings?.());

  it('pays exactly once after the restore, without asking, and the music video completes', async () => {
    const { wb } = ui;
    await setApiKey(wb);
    const referenceUrl = 'https://img.example/lighthouse.png';
    const projectId = await projectAtPaymentGate(name, prompt, referenceUrl);

    // Saved as the extension saves it at the gate under "auto": gate recorded, pay never called.
    await restoreWithPlantedJob(wb, savedMvJob(`mv-gate-${run}`, name, prompt, referenceUrl, projectId, { phase: 'awaitingPayment', autoPayAtGate: true }));
    const row = wb.treeItem('Jobs', new RegExp(`^${name}`));
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await wb.waitForNotification(/Paid ".*" .*\(order /, { timeout: 30_000 });
    await row.locator('.label-description', { hasText: /ready/ }).waitFor({ state: 'visible', timeout: 90_000 });

    assert.strictEqual((await paysFor(projectId)).length, 1, 'paid exactly once');
    assert.strictEqual(await wb.page.locator('.monaco-dialog-box').count(), 0, 'automatic payment asks nothing');
  });
});

describe('Not Now at the payment gate survives a switch to automatic payment and a reload', function () {
  this.timeout(240_000);
  const run = Date.now().toString(36);
  const name = `Declined ${run}`;
  const prompt = 'a quiet folk song about a harbour';
  const restores: (() => void)[] = [];

  before(function () {
    if (!e2eEnv.simUrl) this.skip();
    restores.push(overrideSettings({ 'giggle.musicVideo.payment': 'ask' }));
  });

  const ui = useWorkbench();

  after(() => restores.reverse().forEach((restore) => restore()));

  it('is not paid by the restore; an explicit Pay pays it once', async () => {
    const { wb } = ui;
    await setApiKey(wb);
    const referenceUrl = 'https://img.example/harbour.png';
    const projectId = await projectAtPaymentGate(name, prompt, referenceUrl);
    const id = `mv-declined-${run}`;

    // The extension follows the running job, finds the gate and asks (payment "ask"): the user says Not Now.
    await restoreWithPlantedJob(wb, savedMvJob(id, name, prompt, referenceUrl, projectId, {}));
    const notNow = wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Not Now$/ });
    await notNow.waitFor({ state: 'visible', timeout: 60_000 });
    await notNow.click();
    for (const deadline = Date.now() + 20_000; ; await sleep(200)) {
      const saved = parseJobsFile(readFileSync(jobsFile(), 'utf8')).jobs.find((job) => job.id === id) as MvJob | undefined;
      if (saved?.payDeclinedAt !== undefined) break;
      assert.ok(Date.now() < deadline, 'the decline is saved on the job');
    }

    // Later the user switches to automatic payment and the window reloads.
    restores.push(overrideSettings({ 'giggle.musicVideo.payment': 'auto' }));
    const queries = async () =>
      ((await simControl('GET', 'requests')) as (Recorded & { seq: number; query?: Record<string, string> })[]).filter(
        (r) => r.method === 'GET' && r.path === '/api/v1/trustee_mode/mv/query' && r.query?.project_id === projectId,
      );
    const lastQueryBefore = Math.max(0, ...(await queries()).map((r) => r.seq));
    await restoreWithPlantedJob(wb, parseJobsFile(readFileSync(jobsFile(), 'utf8')).jobs.find((job) => job.id === id) as MvJob);
    const row = wb.treeItem('Jobs', new RegExp(`^${name}`));
    await row.locator('.label-description', { hasText: /waiting for payment/ }).waitFor({ state: 'visible', timeout: 30_000 });
    // The restored window has asked Giggle about the project (the restore is done by then) and has paid nothing.
    for (const deadline = Date.now() + 30_000; !(await queries()).some((r) => r.seq > lastQueryBefore); await sleep(200)) {
      assert.ok(Date.now() < deadline, 'the restored window follows the project');
    }
    assert.strictEqual((await paysFor(projectId)).length, 0, 'the restore paid nothing');
    assert.strictEqual(await wb.notificationMessages().then((m) => m.filter((text) => /Paid "/.test(text)).length), 0, 'no payment notification');

    // Pay from the tree still works, once.
    await wb.treeItemContextMenu('Jobs', new RegExp(`^${name}`), 'Pay for Music Video');
    await wb.waitForNotification(/Paid ".*" .*\(order /, { timeout: 30_000 });
    assert.strictEqual((await paysFor(projectId)).length, 1, 'paid exactly once, when asked');
  });
});
