// The "Which job…?" picker of the palette commands: the video commands offer
// only jobs with a finished video; the others offer every job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobsForPurpose, purposeNeedsVideo } from '../../../src/jobs/jobPurpose';
import type { Job, MvJob, VideoJob } from '../../../src/jobs/jobTypes';
import { mvJob, videoJob } from '../support/jobFixtures';

const video = (id: string, phase: VideoJob['phase'], urls: string[] = []): VideoJob => videoJob(id, { phase, urls });
const mv = (id: string, phase: MvJob['phase'], downloadUrl?: string): MvJob =>
  mvJob(id, { phase, project: downloadUrl ? ({ steps: [], videoAsset: { downloadUrl } } as unknown as MvJob['project']) : undefined });

const jobs: Job[] = [
  video('running', 'processing'),
  video('done', 'completed', ['https://cdn.example/done.mp4?Signature=x']),
  video('refused', 'submitFailed'),
  mv('at-gate', 'awaitingPayment'),
  mv('mv-done', 'completed', 'https://cdn.example/mv.mp4?Signature=y'),
];

test('opening, copying, downloading and previewing offer only jobs with a finished video', () => {
  for (const purpose of ['open', 'copy the link of', 'download', 'preview'] as const) {
    assert.equal(purposeNeedsVideo(purpose), true, purpose);
    assert.deepEqual(jobsForPurpose(jobs, purpose).map((job) => job.id), ['done', 'mv-done'], purpose);
  }
});

test('seeing, removing and the music-video commands offer every job, in the list order', () => {
  for (const purpose of ['see', 'remove', 'submit again', 'pay for', 'retry', 'resume'] as const) {
    assert.equal(purposeNeedsVideo(purpose), false, purpose);
    assert.deepEqual(jobsForPurpose(jobs, purpose).map((job) => job.id), jobs.map((job) => job.id), purpose);
  }
});

test('nothing to offer when no job has finished yet', () => {
  assert.deepEqual(jobsForPurpose([video('running', 'processing'), mv('at-gate', 'awaitingPayment')], 'open'), []);
});

test('the job selected in the Jobs view comes first when it fits; a selection that does not fit changes nothing', () => {
  assert.deepEqual(jobsForPurpose(jobs, 'see', 'at-gate').map((job) => job.id), ['at-gate', 'running', 'done', 'refused', 'mv-done']);
  assert.deepEqual(jobsForPurpose(jobs, 'open', 'mv-done').map((job) => job.id), ['mv-done', 'done']);
  assert.deepEqual(jobsForPurpose(jobs, 'open', 'running').map((job) => job.id), ['done', 'mv-done']);
  assert.deepEqual(jobsForPurpose(jobs, 'open', 'gone').map((job) => job.id), ['done', 'mv-done']);
});
