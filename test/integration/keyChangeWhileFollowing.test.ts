// A new API key set while a status query sent with the old key is still on
// its way: Giggle's 401 for that query says nothing about the new key, so
// following must not pause (before the fix, the user who had just fixed their
// key was told it was rejected, and every job stopped being followed).
import * as assert from 'assert';
import { api, marker, secretKey, useKey, waitForJob } from './reliability/common';
import { observe } from './reliability/observe';
import { simClearFaults, simFault, simRequests, sleep, testKey, waitFor } from './helpers';

const QUERY = '/api/v1/generation/task/query';
const HELD_MS = 1_500;

suite('Key change while following', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    await simClearFaults();
    await useKey(testKey());
  });

  suiteTeardown(async () => {
    await simClearFaults();
    await useKey(testKey());
  });

  test('a 401 for a query sent with the previous key neither pauses following nor marks the job', async () => {
    assert.notStrictEqual(secretKey(), testKey(), 'the driver makes the simulator accept a second key (GIGGLE_TEST_SECRET_KEY)');
    const giggle = await api();
    const shownBefore = observe().shown.length;
    const seqBefore = Math.max(0, ...(await simRequests()).map((r) => r.seq));
    // The next status query is held, then refused as if the old key had just been revoked.
    await simFault({ match: { method: 'GET', path: QUERY }, kind: 'latency', latencyMs: HELD_MS, times: 1 });
    await simFault({ match: { method: 'GET', path: QUERY }, kind: 'status', status: 401, times: 1 });

    const job = await giggle.submitVideo({ prompt: marker('key-change'), model: 'grok' });
    giggle.refresh();
    const held = await waitFor(
      async () => (await simRequests()).find((r) => r.seq > seqBefore && r.method === 'GET' && r.path === QUERY),
      10_000,
      'a status query to reach Giggle (and be held)',
      20,
    );
    assert.strictEqual(held.headers['x-auth'], testKey(), 'the held query carries the previous key');

    await useKey(secretKey()); // while the held query is still unanswered
    await sleep(HELD_MS + 500); // its 401 has arrived and been handled by now

    assert.strictEqual(giggle.isFollowingPaused(), false, 'following goes on with the new key');
    const done = await waitForJob(giggle, job.id, (j) => j.phase === 'completed', 'the job to complete with the new key', 30_000);
    assert.strictEqual(done.fault, undefined);
    const keyWarnings = observe()
      .shown.slice(shownBefore)
      .filter((s) => /no longer accepts the API key|rejected/i.test(s.message));
    assert.deepStrictEqual(keyWarnings, [], 'the user is not told the (new) key was rejected');
    const answered = (await simRequests()).filter((r) => r.seq > held.seq && r.path === QUERY && r.headers['x-auth'] === secretKey());
    assert.ok(answered.length > 0, 'the job was asked again with the new key');
  });
});
