/**
 * A job history for the restore benchmark and the Jobs tree's scale test
 * (test/integration/jobsTreeScale.test.ts): two thirds finished videos with
 * frames and signed links, one third music videos with project state.
 */
import type { Job, MvJob, VideoJob } from '../src/jobs/jobTypes';

const T0 = 1_700_000_000_000;

export function jobHistory(count: number): Job[] {
  const jobs: Job[] = [];
  for (let i = 0; i < count; i++) {
    const at = T0 + i * 60_000;
    if (i % 3 === 0) {
      const job: MvJob = {
        id: `mv-${i}`,
        kind: 'mv',
        createdAt: at,
        updatedAt: at + 5_000,
        request: { name: `Song ${i}`, aspect: '16:9', musicGenerateType: 'custom', lyrics: 'la la la '.repeat(20), style: 'pop', title: `Tune ${i}`, reference: { kind: 'file', path: `/w/ref-${i}.png`, bytes: 123_456 } },
        projectId: `proj-${i}`,
        phase: i % 2 ? 'completed' : 'awaitingPayment',
        project: {
          projectId: `proj-${i}`,
          status: 'processing',
          completedSteps: ['music-generate', 'storyboard'],
          steps: [{ step: 'music-generate', status: 'completed', subSteps: [] }, { step: 'storyboard', status: 'completed', subSteps: [] }],
          payStatus: 'pending',
        },
        order: { orderId: `o-${i}`, price: 580 },
        waitingSince: at,
      };
      jobs.push(job);
    } else {
      const job: VideoJob = {
        id: `v-${i}`,
        kind: 'video',
        createdAt: at,
        updatedAt: at + 90_000,
        request: { prompt: `a red fox in the snow, take ${i}, cinematic lighting, slow pan`, model: 'sora2', duration: 8, aspectRatio: '9:16', resolution: '1080p', startFrame: { kind: 'url', url: 'https://img.example/fox.png' } },
        taskId: `c0ffee00-0000-4000-8000-${String(i).padStart(12, '0')}`,
        phase: 'completed',
        urls: [`https://cdn.example/v-${i}.mp4?Policy=${'p'.repeat(200)}&Signature=${'s'.repeat(300)}&Key-Pair-Id=K2JCJMDEHXQW5F`],
        finishedAt: at + 90_000,
        pollCount: 9,
        lastPolledAt: at + 90_000,
        seen: true,
      };
      jobs.push(job);
    }
  }
  return jobs;
}

