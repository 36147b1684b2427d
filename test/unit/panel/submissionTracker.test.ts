// The generator panel's submission outlives the panel that sent it: a panel
// opened meanwhile learns it is in flight, and no second one starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PanelSubmissions } from '../../../src/panel/submissionTracker';
import type { SubmitResult } from '../../../src/shared/protocol';

test('one submission at a time; its request is known while in flight and its result afterwards', async () => {
  const submissions = new PanelSubmissions();
  let answer!: (result: SubmitResult) => void;
  const first = submissions.run({ requestId: 'r1', tab: 'video' }, () => new Promise<SubmitResult>((resolve) => (answer = resolve)));
  assert.deepEqual(submissions.inFlight, { requestId: 'r1', tab: 'video' });

  let secondRan = false;
  const second = await submissions.run({ requestId: 'r2', tab: 'mv' }, async () => {
    secondRan = true;
    return { type: 'submitResult', requestId: 'r2', ok: true, tab: 'mv', jobId: 'j2' };
  });
  assert.equal(second, undefined, 'refused while r1 is in flight');
  assert.equal(secondRan, false);

  const result: SubmitResult = { type: 'submitResult', requestId: 'r1', ok: true, tab: 'video', jobId: 'j1', remoteId: 't1' };
  answer(result);
  assert.deepEqual(await first, result);
  assert.equal(submissions.inFlight, undefined);
  assert.deepEqual(submissions.lastResult, result);
});

test('a submission that throws frees the panel for the next one', async () => {
  const submissions = new PanelSubmissions();
  await assert.rejects(
    submissions.run({ requestId: 'r1', tab: 'video' }, async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal(submissions.inFlight, undefined);
});
