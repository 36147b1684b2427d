// After a restore, automatic payment resumes only for music videos that sat
// at the payment gate with no payment ever attempted: anything else could be
// a second payment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unpaidAtGate } from '../../../src/jobs/mvFollowing';
import type { Job, MvJob, VideoJob } from '../../../src/jobs/jobTypes';

const T0 = 1_700_000_000_000;

function mv(id: string, overrides: Partial<MvJob>): MvJob {
  return {
    id,
    kind: 'mv',
    createdAt: T0,
    updatedAt: T0,
    request: { name: id, aspect: '16:9', musicGenerateType: 'prompt', prompt: 'a song', reference: { kind: 'url', url: 'https://img.example/r.png' } },
    projectId: `p-${id}`,
    phase: 'awaitingPayment',
    ...overrides,
  } as MvJob;
}

test('only never-attempted payments at the gate are resumed after a restore', () => {
  const video = { id: 'v', kind: 'video', createdAt: T0, updatedAt: T0, phase: 'processing', request: {} } as unknown as VideoJob;
  const jobs: Job[] = [
    mv('gate', {}),
    mv('attempted', { payAttemptedAt: T0 + 1 }),
    mv('uncertain', { payUncertain: true }),
    mv('ordered', { order: { orderId: 'o-1', price: 580 } }),
    mv('paying', { phase: 'paying', payAttemptedAt: T0 + 1 }),
    mv('running', { phase: 'running' }),
    video,
  ];
  assert.deepEqual(
    unpaidAtGate(jobs).map((job) => job.id),
    ['gate'],
  );
});
