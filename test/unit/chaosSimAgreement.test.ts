// The chaos run's "persisted" check (test/e2e/support/simAgreement.ts): a job
// record that parses but disagrees with the simulator (another job's task, a
// phase ahead of Giggle's, a payment Giggle never took) must be reported.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { VideoTask } from '../../sim/videoTasks';
import { persistedDisagreement } from '../e2e/support/simAgreement';
import type { SimSnapshot } from '../e2e/support/simAgreement';
import { mvJob, videoJob } from './support/jobFixtures';

const task = (taskId: string, prompt: string, readyAt: number): VideoTask =>
  ({ taskId, prompt, kind: 'text-to-video', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p', createdAt: 0, pendingUntil: 10, readyAt, outcome: 'completed', urlCount: 1 }) as VideoTask;

function snapshot(extra: Partial<SimSnapshot> = {}): SimSnapshot {
  return {
    now: 100,
    tasks: [task('task-a', 'prompt a', 50), task('task-b', 'prompt b', 500)],
    projects: [{ projectId: 'proj-m', name: 'mv m', payStatus: 'paid', submission: {}, completedAt: 90 }],
    pays: [{ projectId: 'proj-m', accepted: true }],
    ...extra,
  };
}

test('a video record that agrees with the simulator passes; a lagging one too', () => {
  assert.equal(persistedDisagreement(videoJob('a', { phase: 'completed', urls: ['u'] }), 'prompt a', snapshot()), undefined);
  assert.equal(persistedDisagreement(videoJob('a', { phase: 'processing' }), 'prompt a', snapshot()), undefined);
});

test('a video record with another task, a task Giggle lacks, or a phase ahead of Giggle is reported', () => {
  assert.match(persistedDisagreement(videoJob('a', { taskId: 'task-b' }), 'prompt a', snapshot()) ?? '', /another job's/);
  assert.match(persistedDisagreement(videoJob('a', { taskId: 'task-zz' }), 'prompt a', snapshot()) ?? '', /not in the simulator/);
  assert.match(persistedDisagreement(videoJob('b', { phase: 'completed', urls: ['u'] }), 'prompt b', snapshot()) ?? '', /"completed", the simulator says processing/);
  assert.match(persistedDisagreement(videoJob('a', { taskId: undefined, phase: 'submitFailed' }), 'prompt a', snapshot()) ?? '', /"not submitted", but the simulator has task/);
});

test('a music video record is compared on project, completion and payment', () => {
  assert.equal(persistedDisagreement(mvJob('m', { phase: 'completed', paidAt: 1 }), 'mv m', snapshot()), undefined);
  assert.match(persistedDisagreement(mvJob('m', { phase: 'completed', paidAt: 1 }), 'mv m', snapshot({ pays: [] })) ?? '', /took no payment/);
  assert.match(persistedDisagreement(mvJob('m', { phase: 'awaitingPayment' }), 'mv m', snapshot()) ?? '', /pay status is "paid"/);
  assert.match(persistedDisagreement(mvJob('m', { projectId: 'proj-x' }), 'mv m', snapshot()) ?? '', /not in the simulator/);
  assert.match(persistedDisagreement(mvJob('m', { phase: 'notSubmitted' }), 'mv m', snapshot()) ?? '', /received the submission/);
});
