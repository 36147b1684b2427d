// Several windows, one announcement (issue #14): a finished job is announced
// once, in the window that started it while that window is open, else in the
// window that last had the focus. The polling window hands it over through
// the notices folder and shows it itself only if the chosen window does not
// take it in time; taking is exclusive, so it is never shown twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Announcer, announcingWindow } from '../../../src/jobs/announcer';
import type { OpenWindows } from '../../../src/jobs/announcer';
import { postNotice, takeNotices } from '../../../src/jobs/noticeBox';
import type { FollowEvent } from '../../../src/jobs/jobFollower';
import type { Job } from '../../../src/jobs/jobTypes';
import { mvJob, videoJob } from '../support/jobFixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One window of the test: its announcer, and what it showed (event type, job id, events). */
function window(folder: string, id: string, jobs: Job[], open: () => OpenWindows, options: { fallbackMs?: number; orphanMs?: number; now?: () => number } = {}) {
  const shown: string[] = [];
  const announcer = new Announcer({
    windowId: id,
    openWindows: async () => open(),
    post: (notice) => postNotice(folder, notice),
    take: (accept) => takeNotices(folder, id, accept),
    job: (jobId) => jobs.find((job) => job.id === jobId),
    show: (event: FollowEvent) => shown.push(`${event.type} ${'job' in event ? event.job.id : ''}${'events' in event ? ` ${event.events.join(',')}` : ''}`),
    now: options.now ?? Date.now,
    fallbackMs: options.fallbackMs ?? 60_000,
    orphanMs: options.orphanMs,
  });
  return { announcer, shown };
}

function withFolder(run: (folder: string) => Promise<void>) {
  return async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'giggle-notices-'));
    try {
      await run(folder);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };
}

test('the window that started a job announces it while open; else the last focused window; else the poller', () => {
  const job = videoJob('v1', { startedIn: 'win-b' });
  assert.equal(announcingWindow(job, new Map([['win-a', 5], ['win-b', 0]]), 'win-a'), 'win-b', 'its own window, even unfocused');
  assert.equal(announcingWindow(job, new Map([['win-a', 5], ['win-c', 9]]), 'win-a'), 'win-c', 'its window closed: the last focused one');
  assert.equal(announcingWindow(job, new Map([['win-a', 0], ['win-c', 0]]), 'win-a'), 'win-a', 'no window ever focused: the poller');
  assert.equal(announcingWindow(videoJob('v2'), new Map(), 'win-a'), 'win-a', 'a job from before windows were recorded, one window: the poller');
});

test(
  'a job started in another window is announced there once, not by the polling window',
  withFolder(async (folder) => {
    const job = videoJob('v1', { phase: 'completed', startedIn: 'win-b' });
    const open = () => new Map([['win-a', 0], ['win-b', 0]]);
    const poller = window(folder, 'win-a', [job], open, { fallbackMs: 300 });
    const other = window(folder, 'win-b', [job], open);
    await poller.announcer.route({ type: 'videoReady', job });
    assert.deepEqual(poller.shown, [], 'the poller hands it over');
    await other.announcer.collect();
    await other.announcer.collect();
    assert.deepEqual(other.shown, ['videoReady v1']);
    await sleep(500); // past the poller's fallback
    assert.deepEqual(poller.shown, [], 'the poller does not show it too');
    assert.deepEqual(readdirSync(path.join(folder, 'notices')), [], 'nothing left behind');
    poller.announcer.dispose();
  }),
);

test(
  'a music video’s events travel with it, in order',
  withFolder(async (folder) => {
    const job = mvJob('m1', { startedIn: 'win-b' });
    const open = () => new Map([['win-a', 0], ['win-b', 0]]);
    const poller = window(folder, 'win-a', [job], open);
    const other = window(folder, 'win-b', [job], open);
    await poller.announcer.route({ type: 'mvProgress', job, events: ['awaitingPayment'] });
    await other.announcer.collect();
    await poller.announcer.route({ type: 'mvProgress', job, events: ['ready'] });
    await other.announcer.collect();
    assert.deepEqual(other.shown, ['mvProgress m1 awaitingPayment', 'mvProgress m1 ready']);
    poller.announcer.dispose();
  }),
);

test(
  'a music video notice from another version announces only the events this one knows',
  withFolder(async (folder) => {
    const job = mvJob('m1', { startedIn: 'win-b' });
    const here = window(folder, 'win-b', [job], () => new Map([['win-b', 0]]));
    const notice = { jobId: 'm1', type: 'mvProgress', for: 'win-b', at: Date.now() };
    await postNotice(folder, { ...notice, events: ['refunded', 'awaitingPayment'] });
    await here.announcer.collect();
    await postNotice(folder, { ...notice, events: ['refunded'] });
    await here.announcer.collect();
    assert.deepEqual(here.shown, ['mvProgress m1 awaitingPayment'], 'the unknown event is left out, and a notice of nothing else shows nothing');
    assert.deepEqual(readdirSync(path.join(folder, 'notices')), [], 'both were taken');
  }),
);

test(
  'when the chosen window does not take it in time, the poller shows it, once',
  withFolder(async (folder) => {
    const job = videoJob('v1', { phase: 'completed', startedIn: 'win-b' });
    const open = () => new Map([['win-a', 0], ['win-b', 0]]);
    const poller = window(folder, 'win-a', [job], open, { fallbackMs: 100 });
    const hung = window(folder, 'win-b', [job], open);
    await poller.announcer.route({ type: 'videoReady', job });
    for (let waited = 0; poller.shown.length === 0 && waited < 5_000; waited += 20) await sleep(20);
    assert.deepEqual(poller.shown, ['videoReady v1']);
    await hung.announcer.collect();
    assert.deepEqual(hung.shown, [], 'the late window finds nothing left to show');
  }),
);

test(
  'the chosen window and the poller’s fallback reaching for a notice together show it once',
  withFolder(async (folder) => {
    for (let round = 0; round < 20; round++) {
      const posted = await postNotice(folder, { jobId: `v${round}`, type: 'videoReady', for: 'win-b', at: Date.now() });
      const [byOwner, byPoller] = await Promise.all([
        takeNotices(folder, 'win-b', (notice) => notice.for === 'win-b'),
        takeNotices(folder, 'win-a', (notice) => notice.id === posted.id),
      ]);
      assert.equal(byOwner.length + byPoller.length, 1, `round ${round}: taken exactly once`);
    }
  }),
);

test(
  'a notice left by windows that are gone is shown by the next window that looks, after a while',
  withFolder(async (folder) => {
    const job = videoJob('v1', { phase: 'completed', startedIn: 'win-gone' });
    let now = Date.now();
    await postNotice(folder, { jobId: job.id, type: 'videoReady', for: 'win-gone', at: now });
    const next = window(folder, 'win-c', [job], () => new Map([['win-c', 0]]), { orphanMs: 15_000, now: () => now });
    await next.announcer.collect();
    assert.deepEqual(next.shown, [], 'not yet: its window may still take it');
    now += 16_000;
    await next.announcer.collect();
    assert.deepEqual(next.shown, ['videoReady v1']);
  }),
);

test(
  'a job of this window, or with one window open, is shown at once without a notice',
  withFolder(async (folder) => {
    const job = videoJob('v1', { phase: 'completed', startedIn: 'win-a' });
    const only = window(folder, 'win-a', [job], () => new Map([['win-a', 0]]));
    await only.announcer.route({ type: 'videoReady', job });
    await only.announcer.route({ type: 'authFailed', error: new Error('no') as never });
    assert.deepEqual(only.shown, ['videoReady v1', 'authFailed ']);
  }),
);

test(
  'a job this window started, and a refused key, are announced at once, before the other windows are even looked at',
  withFolder(async (folder) => {
    const job = videoJob('v1', { phase: 'completed', startedIn: 'win-a' });
    // The presence folder never answers: anything that waits for it would not be shown.
    const shown: string[] = [];
    const announcer = new Announcer({
      windowId: 'win-a',
      openWindows: () => new Promise(() => undefined),
      post: (notice) => postNotice(folder, notice),
      take: (accept) => takeNotices(folder, 'win-a', accept),
      job: () => job,
      show: (event) => shown.push(event.type),
      now: Date.now,
    });
    void announcer.route({ type: 'videoReady', job });
    void announcer.route({ type: 'authFailed', error: new Error('no') as never });
    assert.deepEqual(shown, ['videoReady', 'authFailed']);
  }),
);
