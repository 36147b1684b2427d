// After a restore, automatic payment resumes only for music videos that sat
// at the payment gate with no payment ever attempted: anything else could be
// a second payment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unpaidAtGate } from '../../../src/jobs/mvFollowing';
import type { Job, MvJob } from '../../../src/jobs/jobTypes';
import { mvJob, T0, videoJob } from '../support/jobFixtures';

const mv = (id: string, overrides: Partial<MvJob>): MvJob => mvJob(id, { phase: 'awaitingPayment', ...overrides });

test('only never-attempted payments at the gate are resumed after a restore', () => {
  const video = videoJob('v');
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
