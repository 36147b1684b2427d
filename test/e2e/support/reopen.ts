// Closing the only window and opening it again, with the saved jobs list
// changed while no extension host was running: how "after a restart" is
// planted without racing the extension (it activates on onStartupFinished,
// so a reload alone would already be following the list before it is edited).
import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import type { Job } from '../../../src/jobs/jobTypes';
import { parseJobsFile, serializeJobs } from '../../../src/jobs/persistedJobs';
import { e2eEnv } from './fixtures';
import { jobsFile, windowPresenceFiles, writeJson } from './profile';
import type { BrowserContext } from 'playwright-core';
import { Workbench } from './workbench';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(what: string, test: () => boolean, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !test(); await sleep(200)) {
    assert.ok(Date.now() < deadline, what);
  }
}

/**
 * Leaves the workbench (its extension host deactivates and removes its
 * presence file; no other window may be open), runs `plant` on the files,
 * and opens the workbench again with nothing of the extension's in front
 * (Explorer, no editors).
 */
export async function reopenWith(wb: Workbench, plant: () => void): Promise<void> {
  await wb.runCommand('View: Close All Editors');
  await wb.runCommand('View: Show Explorer');
  await closeWindow(wb);
  await until('no other window is open', () => windowPresenceFiles().length === 0, 60_000);
  plant();
  await wb.page.goto(e2eEnv.workbenchUrl, { waitUntil: 'domcontentloaded' });
  await wb.waitReady();
}

/** Reopens the only window with the saved jobs rewritten by `edit`. */
export async function reopenWithJobs(wb: Workbench, edit: (jobs: Job[]) => Job[]): Promise<void> {
  await reopenWith(wb, () => {
    const text = existsSync(jobsFile()) ? readFileSync(jobsFile(), 'utf8') : undefined; // none yet when a spec runs alone
    const { jobs, kept } = parseJobsFile(text);
    writeJson(jobsFile(), JSON.parse(serializeJobs(edit(jobs), kept)));
  });
}

/** Closes the window as a user closes a tab; resolves once its extension host removed its presence file. */
export async function closeWindow(wb: Workbench): Promise<void> {
  const before = windowPresenceFiles();
  await wb.page.goto('about:blank');
  await until('the closed window’s extension host deactivated (its presence file is gone)', () => windowPresenceFiles().length < before.length, 60_000);
}

/** Opens one more window on the same code-server and browser profile; resolves once the extension is present in it. */
export async function openWindow(context: BrowserContext): Promise<Workbench> {
  const before = windowPresenceFiles().length;
  const wb = await Workbench.open(await context.newPage(), e2eEnv.workbenchUrl);
  await wb.activityBarItem('Giggle').waitFor({ state: 'visible', timeout: 60_000 });
  await until('the new window’s extension activated at startup', () => windowPresenceFiles().length > before, 60_000);
  return wb;
}
