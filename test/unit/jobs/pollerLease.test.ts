// One poller for all windows: exactly one window holds the lease; when it
// closes, or hangs without touching the lease, another takes over within seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pollerLease } from '../../../src/jobs/pollerLease';

async function until(check: () => boolean, what: string, ms = 5_000): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

test('one of three windows polls; when it closes another takes over', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'giggle-lease-'));
  const windows = [0, 1, 2].map(() => pollerLease(folder, () => undefined, { retryMs: 50, staleMs: 500 }));
  try {
    await until(() => windows.some((w) => w.holds()), 'a poller');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(windows.filter((w) => w.holds()).length, 1, 'exactly one window polls');
    const first = windows.find((w) => w.holds())!;
    first.dispose();
    // Released when dispose returns: a closing window's extension host exits right after deactivation.
    assert.equal(existsSync(path.join(folder, 'poller.lock')), false, 'the closed window released the lease');
    const rest = windows.filter((w) => w !== first);
    const delay = await until(() => rest.some((w) => w.holds()), 'a new poller');
    assert.ok(delay < 2_000, `took over after ${delay} ms`);
    assert.equal(rest.filter((w) => w.holds()).length, 1);
  } finally {
    for (const w of windows) w.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});
