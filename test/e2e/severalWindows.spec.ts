// Several windows of one browser profile on one code-server share the jobs
// list (issue #14): an unreadable list is kept and reported; two windows
// following a music video with automatic payment pay once; a finished video is
// announced once, in the window that submitted it; when the window
// that polls Giggle for everyone closes, another finishes the job; and jobs
// submitted in two windows are listed in a third.
//
// Which window polls is not guessed: the lease (poller.lock) names the
// window holding it, and each page's window id is its presence file, which
// appears when the page opens.
import * as assert from 'assert';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import path from 'path';
import { e2eEnv, useWorkbench } from './support/fixtures';
import { savedMvJob, setApiKey, submitMvProject } from './support/giggleApi';
import { jobsFile, overrideSettings, windowPresenceFiles } from './support/profile';
import { closeWindow, openWindow, reopenWith, reopenWithJobs, until } from './support/reopen';
import { simControl } from './support/sim';
import type { Workbench } from './support/workbench';

type Recorded = { seq: number; method: string; path: string; body?: Record<string, unknown>; query?: Record<string, string> };

const requests = async () => (await simControl('GET', 'requests')) as Recorded[];
const leaseHolder = () => {
  const file = path.join(path.dirname(jobsFile()), 'poller.lock', 'holder');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};

/** Runs `open` and returns the id of the window it opened (its new presence file). */
async function windowIdOf(open: () => Promise<unknown>): Promise<string> {
  const before = new Set(windowPresenceFiles());
  await open();
  let id: string | undefined;
  await until('the window’s extension activated', () => !!(id = windowPresenceFiles().find((name) => !before.has(name))), 60_000);
  return id!;
}

/** "Generate Video" with the defaults and `prompt`, as a user walks it. */
async function submitVideo(wb: Workbench, prompt: string): Promise<void> {
  await wb.runCommand('Giggle: Generate Video');
  await wb.acceptDefaultsUntilInputBox({ title: /Generate Video/ });
  await wb.answerQuickInput(prompt, { title: /Generate Video/ });
  await wb.confirmQuickPick(/^Submit — /, { title: /Generate Video/ });
  await wb.quickInput.waitFor({ state: 'hidden' });
}

/** The job's row in the Jobs tree of `wb` reads "ready". */
async function shownReady(wb: Workbench, label: RegExp, timeout = 90_000): Promise<void> {
  await wb.openViewContainer('Giggle');
  await wb.treeItem('Jobs', label).locator('.label-description', { hasText: /ready/ }).waitFor({ state: 'visible', timeout });
}

describe('Several windows share one jobs list', function () {
  this.timeout(300_000);
  const run = Date.now().toString(36);
  const extra: Workbench[] = [];
  /** The windows open, by window id. */
  const open = new Map<string, Workbench>();
  let restoreSettings: (() => void) | undefined;

  before(function () {
    if (!e2eEnv.simUrl) this.skip();
    restoreSettings = overrideSettings({ 'giggle.musicVideo.payment': 'auto' });
  });

  const ui = useWorkbench();

  after(async () => {
    await simControl('DELETE', 'faults').catch(() => {});
    restoreSettings?.();
  });

  it('keeps an unreadable jobs list and says where', async () => {
    const { wb } = ui;
    await setApiKey(wb);
    const garbage = `{"version": 1, "jobs": [ not json ${run}`;
    await reopenWith(wb, () => writeFileSync(jobsFile(), garbage));
    await wb.waitForNotification(/could not read the jobs list/, { timeout: 60_000 });
    const folder = path.dirname(jobsFile());
    const copies = readdirSync(folder).filter((name) => {
      const file = path.join(folder, name);
      return name !== 'jobs.json' && statSync(file).isFile() && readFileSync(file, 'utf8') === garbage;
    });
    assert.strictEqual(copies.length, 1, `the unreadable list is kept as one copy (files: ${readdirSync(folder).join(', ')})`);
  });

  it('pays a music video followed by two windows once, with automatic payment', async () => {
    const { wb } = ui;
    const name = `Two windows ${run}`;
    const prompt = 'a brass band in the rain';
    const referenceUrl = 'https://img.example/band.png';
    const projectId = await submitMvProject(name, prompt, referenceUrl);
    // Every progress query waits until both windows are open: both follow the project when it reaches the gate.
    await simControl('POST', 'faults', { match: { method: 'GET', path: '/api/v1/trustee_mode/mv/query' }, kind: 'hold' });
    // And a payment takes 12 s to answer, so a second window polling meanwhile still finds the project at the gate.
    await simControl('POST', 'faults', { match: { method: 'POST', path: '/api/v1/trustee_mode/mv/pay' }, kind: 'latency', latencyMs: 12_000 });
    try {
      open.set(await windowIdOf(() => reopenWithJobs(wb, (jobs) => [savedMvJob(`mv-two-${run}`, name, prompt, referenceUrl, projectId), ...jobs])), wb);
      let second: Workbench | undefined;
      open.set(await windowIdOf(async () => (second = await openWindow(ui.context))), second!);
      extra.push(second!);
    } finally {
      await simControl('POST', 'faults/release-holds');
    }
    const label = new RegExp(`^${name}`);
    await shownReady(wb, label, 150_000);
    await shownReady(extra[0], label, 30_000);
    await simControl('DELETE', 'faults');
    const pays = (await requests()).filter((r) => r.method === 'POST' && r.path === '/api/v1/trustee_mode/mv/pay' && r.body?.project_id === projectId);
    assert.strictEqual(pays.length, 1, 'paid exactly once');
  });

  it('announces a finished video once, in the window that submitted it, not in the polling window', async () => {
    const pollerId = leaseHolder();
    const poller = open.get(pollerId);
    assert.ok(poller, `the lease names one of the open windows (${pollerId})`);
    const submitter = [...open].find(([id]) => id !== pollerId)![1];
    const prompt = `A heron on one leg, ${run}`;
    const ready = new RegExp(`Video ready: ${prompt.slice(0, 20)}`);
    await submitVideo(submitter, prompt);
    await submitter.waitForNotification(ready, { timeout: 90_000 });
    await shownReady(poller, new RegExp(`^${prompt.slice(0, 20)}`), 30_000);
    // Nothing to wait for: the polling window would show it only after its 5 s hand-over gave up.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    assert.deepEqual((await poller.notificationMessages()).filter((message) => ready.test(message)), [], 'the polling window does not announce it');
    assert.equal((await submitter.notificationMessages()).filter((message) => ready.test(message)).length, 1, 'announced once in the submitting window');
  });

  it('finishes the job in the other window when the polling window closes', async () => {
    const prompt = `A lantern drifting on a lake, ${run}`;
    // Every status query waits until the faults are cleared: the job stays unfinished while the poller closes.
    await simControl('POST', 'faults', { match: { method: 'GET', path: '/api/v1/generation/task/query' }, kind: 'hold' });
    try {
      await submitVideo(extra[0], prompt);
      for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 250))) {
        const all = await requests();
        const submitted = all.find((r) => r.method === 'POST' && r.body?.prompt === prompt);
        if (all.some((r) => submitted && r.seq > submitted.seq && r.path === '/api/v1/generation/task/query')) break;
        assert.ok(Date.now() < deadline, `the video was submitted and its status asked (submitted: ${!!submitted})`);
      }
      const pollerId = leaseHolder();
      const poller = open.get(pollerId);
      assert.ok(poller, `the lease names one of the open windows (${pollerId})`);
      await closeWindow(poller);
      open.delete(pollerId);
    } finally {
      await simControl('DELETE', 'faults');
    }
    const [[otherId, other]] = [...open];
    await other.waitForNotification(/Video ready: /, { timeout: 60_000 });
    await shownReady(other, new RegExp(`^${prompt.slice(0, 20)}`), 30_000);
    assert.strictEqual(leaseHolder(), otherId, 'the other window took the lease over');
  });

  it('lists the videos submitted in two windows in a third', async () => {
    // The window left open, the one closed (opened again), and a third.
    const [survivor] = open.values();
    const reopened = [ui.wb, extra[0]].find((wb) => wb !== survivor)!;
    await reopened.page.goto(e2eEnv.workbenchUrl, { waitUntil: 'domcontentloaded' });
    await reopened.waitReady();
    const third = await openWindow(ui.context);
    extra.push(third);
    const first = `A kite over dunes, ${run}`;
    const second = `A tram at dusk, ${run}`;
    await submitVideo(survivor, first);
    await submitVideo(reopened, second);
    await shownReady(third, new RegExp(`^${first.slice(0, 20)}`));
    await shownReady(third, new RegExp(`^${second.slice(0, 20)}`));
  });
});
