import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from '../../../sim/simulator';
import { GiggleClient } from '../../../src/giggle/client';
import type { MvJob } from '../../../src/jobs/jobTypes';
import { refreshMusicVideo } from '../../../src/jobs/mvActions';
import { currentStepLabel } from '../../../src/jobs/mvPresentation';
import { payMusicVideo } from '../../../src/jobs/mvPayment';
import { retryMusicVideoStep } from '../../../src/jobs/mvRetry';
import { submitMusicVideo } from '../../../src/jobs/mvSubmission';
import { JobStore } from '../../../src/jobs/jobStore';
import { MemoryStorage, PNG_BASE64, promptForm } from './mvFakes';

/** Polls like the follower would until the job leaves `running`/`paying` (or a limit is hit). */
async function followUntilSettled(deps: Parameters<typeof refreshMusicVideo>[0], jobId: string, seen: string[]): Promise<MvJob> {
  for (let i = 0; i < 400; i++) {
    const { job, events } = await refreshMusicVideo(deps, jobId);
    seen.push(...events);
    if (job.phase !== 'running' && job.phase !== 'paying') return job;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('never settled');
}

test('against the simulator: submit, pay gate, a failed step retried, ready after the download_url lag', async (t) => {
  const sim = await startSimulator({ timeScale: 0.0005, apiKeys: ['k'] });
  t.after(() => sim.close());
  const client = new GiggleClient({ baseUrl: sim.url, getApiKey: () => 'k', timeoutMs: 2000 });
  const store = new JobStore(new MemoryStorage(), { maxJobs: () => 100, writeDelayMs: 1 });
  t.after(() => store.dispose());
  const deps = { store, api: client, now: () => Date.now(), newId: () => 'sim-job' };
  const seen: string[] = [];

  const job = await submitMusicVideo(deps, promptForm({ name: 'Sim MV [fail:shot]', referenceImageUrl: PNG_BASE64 }));
  assert.equal(job.phase, 'running');

  let current = await followUntilSettled(deps, job.id, seen);
  assert.equal(current.phase, 'awaitingPayment');
  assert.equal(currentStepLabel(current), 'waiting for payment');

  // The pay reply is lost after Giggle took the payment: the next query must settle it without paying twice.
  sim.addFault({ match: { method: 'POST', path: '/api/v1/trustee_mode/mv/pay' }, kind: 'reset', afterProcessing: true, times: 1 });
  await assert.rejects(payMusicVideo(deps, job.id));
  assert.equal((store.get(job.id) as MvJob).phase, 'paying');

  current = await followUntilSettled(deps, job.id, seen);
  assert.equal(current.phase, 'failed');
  assert.equal(sim.payCount(current.projectId!), 1);

  await retryMusicVideoStep(deps, job.id);
  current = await followUntilSettled(deps, job.id, seen);
  assert.equal(current.phase, 'completed');
  assert.ok(current.project?.videoAsset?.downloadUrl);
  assert.deepEqual(seen, ['awaitingPayment', 'paidConfirmed', 'stepFailed', 'ready']);
  assert.equal(sim.payCount(current.projectId!), 1);
});
