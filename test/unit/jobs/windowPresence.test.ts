// Honest recovery with several windows: a job left `submitting` (or `paying`)
// by a window that is still open is that window's call, still on its way; only
// the jobs of a window that is gone become "outcome unknown".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MvJob, VideoJob } from '../../../src/jobs/jobTypes';
import { JobStore } from '../../../src/jobs/jobStore';
import { livingWindows, openWindows, startPresence } from '../../../src/jobs/windowPresence';
import { reconcileInterruptedSubmissions } from '../../../src/jobs/videoSubmission';
import { reconcileInterruptedMvJobs } from '../../../src/jobs/mvSubmission';
import { MemoryStorage } from '../support/memoryStorage';
import { mvJob, videoJob, T0 } from '../support/jobFixtures';

test('an open window is listed while it runs, and not once it closed or stopped touching its file', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'giggle-windows-'));
  try {
    const open = startPresence(folder, 'win-open');
    const closed = startPresence(folder, 'win-closed');
    await Promise.all([open.ready, closed.ready]);
    // A window that crashed or hangs: its file stays, untouched for a minute.
    const hung = path.join(folder, 'windows', 'win-hung');
    writeFileSync(hung, '1');
    const old = new Date(Date.now() - 60_000);
    utimesSync(hung, old, old);
    closed.dispose();
    // Gone when dispose returns: a closing extension host exits right after deactivation.
    assert.equal(existsSync(path.join(folder, 'windows', 'win-closed')), false);
    assert.deepEqual([...(await livingWindows(folder))], ['win-open']);
    open.dispose();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('recovery leaves the calls of open windows alone and marks those of closed windows', async () => {
  const store = new JobStore(new MemoryStorage(), { maxJobs: () => 100, now: () => T0 + 1 });
  await store.add(videoJob('v-open', { phase: 'submitting', taskId: undefined, writtenBy: 'win-open' }));
  await store.add(videoJob('v-gone', { phase: 'submitting', taskId: undefined, writtenBy: 'win-gone' }));
  await store.add(videoJob('v-old', { phase: 'submitting', taskId: undefined })); // saved before windows had ids
  await store.add(mvJob('m-open', { phase: 'paying', writtenBy: 'win-open' }));
  await store.add(mvJob('m-gone', { phase: 'submitting', writtenBy: 'win-gone' }));
  const isOpen = (id: string) => id === 'win-open';
  assert.equal(reconcileInterruptedSubmissions(store, T0 + 1, isOpen) + reconcileInterruptedMvJobs(store, T0 + 1, isOpen), 3);
  assert.equal((store.get('v-open') as VideoJob).phase, 'submitting', 'still being sent by its open window');
  assert.equal((store.get('m-open') as MvJob).payUncertain, undefined, 'its payment is not called uncertain');
  assert.equal((store.get('v-gone') as VideoJob).phase, 'outcomeUnknown');
  assert.equal((store.get('v-old') as VideoJob).phase, 'outcomeUnknown');
  assert.equal((store.get('m-gone') as MvJob).phase, 'outcomeUnknown');
  store.dispose();
});

test('an open window says when it last had the focus; a job added in a window records it as the one that started it', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'giggle-windows-'));
  try {
    const looked = startPresence(folder, 'win-looked-at');
    const other = startPresence(folder, 'win-other');
    await Promise.all([looked.ready, other.ready]);
    looked.focused(T0 + 5);
    for (let tries = 0; (await openWindows(folder)).get('win-looked-at') !== T0 + 5 && tries < 100; tries++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(Object.fromEntries(await openWindows(folder)), { 'win-looked-at': T0 + 5, 'win-other': 0 });
    looked.dispose();
    other.dispose();
    const store = new JobStore(new MemoryStorage(), { maxJobs: () => 100, windowId: 'win-b' });
    await store.add(videoJob('v-new'));
    assert.equal(store.get('v-new')?.startedIn, 'win-b');
    store.dispose();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
