// A window that closes between "project created" and "submit sent" (the chaos
// run hit this): the project is kept, nothing is submitted on its own, and the
// job says why and what to do, instead of "not submitted" with no reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MvJob } from '../../../src/jobs/jobTypes';
import { isFollowable } from '../../../src/jobs/jobTypes';
import { unpaidAtGate } from '../../../src/jobs/mvFollowing';
import { reconcileInterruptedMvJobs } from '../../../src/jobs/mvSubmission';
import { harness, mvJob } from '../jobs/mvFakes';

test('a project created but not yet submitted when the window closed gets a reason and Submit Again, and is not re-sent', async () => {
  const before = harness();
  await before.store.add(mvJob({ id: 'j1', phase: 'notSubmitted', projectId: 'proj1', lastError: undefined }));
  await before.store.add(mvJob({ id: 'j2', phase: 'notSubmitted', projectId: 'proj2', lastError: { kind: 'api', message: 'refused: quota', at: 1 } }));
  await before.store.flush();

  const reloaded = harness();
  reloaded.storage.text = before.storage.text;
  await reloaded.store.load();
  assert.equal(reconcileInterruptedMvJobs(reloaded.store, reloaded.clock.now()), 1);
  const interrupted = reloaded.store.get('j1') as MvJob;
  assert.equal(interrupted.phase, 'notSubmitted');
  assert.match(interrupted.lastError?.message ?? '', /window closed after the project was created and before it was submitted; nothing was submitted\. Use Submit Again/);
  assert.equal((reloaded.store.get('j2') as MvJob).lastError?.message, 'refused: quota', 'a refusal keeps its own reason');
  // reconcileInterruptedMvJobs is handed the store and nothing that can send: what it does is what it writes.
  // The reason reaches the file, and the record stays one that no automatic path sends or pays for.
  await reloaded.store.flush();
  const onDisk = reloaded.storage.mvJob('j1');
  assert.equal(onDisk?.phase, 'notSubmitted');
  assert.equal(onDisk?.lastError?.kind, 'notSubmitted');
  assert.equal(isFollowable(onDisk!), false);
  assert.deepEqual(unpaidAtGate(reloaded.storage.jobs()), []);
  // Reconciling again changes nothing.
  assert.equal(reconcileInterruptedMvJobs(reloaded.store, reloaded.clock.now()), 0);
});
