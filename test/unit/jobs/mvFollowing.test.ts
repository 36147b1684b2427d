// After a restore, automatic payment resumes only for music videos that
// reached the payment gate while automatic payment was on and were
// interrupted before any payment was attempted: anything else could be a
// second payment, or a payment the user never agreed to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMvProgressForFollower, unpaidAtGate } from '../../../src/jobs/mvFollowing';
import type { Job, MvJob } from '../../../src/jobs/jobTypes';
import { mvJob, T0, videoJob } from '../support/jobFixtures';
import { mvState, step } from './mvFakes';

const mv = (id: string, overrides: Partial<MvJob>): MvJob => mvJob(id, { phase: 'awaitingPayment', autoPayAtGate: true, ...overrides });

test('only never-attempted payments at a gate reached under automatic payment are resumed after a restore', () => {
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

test('a project the user declined (Not Now) is not paid after a restore, even with automatic payment on', () => {
  assert.deepEqual(unpaidAtGate([mv('declined', { payDeclinedAt: T0 + 5 })]), []);
});

test('a project that reached the gate while payment was "ask" is not paid after a restore', () => {
  assert.deepEqual(unpaidAtGate([mv('asked', { autoPayAtGate: undefined })]), []);
});

const AT_GATE = mvState({
  completedSteps: ['music-generate', 'storyboard'],
  steps: [step('music-generate', 'completed'), step('storyboard', 'completed')],
  currentStep: 'shot',
  payStatus: 'pending',
});

test('the gate records whether automatic payment was on when it was reached', () => {
  const running = mvJob('m', { phase: 'running' });
  assert.equal(applyMvProgressForFollower(running, AT_GATE, T0, { autoPay: true }).patch.autoPayAtGate, true);
  assert.equal(applyMvProgressForFollower(running, AT_GATE, T0, { autoPay: false }).patch.autoPayAtGate, undefined);
  // Switching to "auto" later does not change a gate already reached under "ask".
  const asked = mvJob('m', { phase: 'awaitingPayment' });
  assert.equal('autoPayAtGate' in applyMvProgressForFollower(asked, AT_GATE, T0, { autoPay: true }).patch, false);
});
