// Jobs as the store holds them, for the unit tests of the pure job logic:
// one builder per kind with plain defaults derived from the id, so a test
// states only what it is about (its phase, its links, its timing).
import type { MvJob, VideoJob } from '../../../src/jobs/jobTypes';

export const T0 = 1_700_000_000_000;

/** A followed video job: grok, 6 s, "prompt <id>", task "task-<id>", processing. */
export function videoJob(id: string, overrides: Partial<VideoJob> = {}): VideoJob {
  return {
    id,
    kind: 'video',
    createdAt: T0,
    updatedAt: T0,
    request: { prompt: `prompt ${id}`, model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' },
    taskId: `task-${id}`,
    phase: 'processing',
    urls: [],
    ...overrides,
  };
}

/** A running music video in prompt mode: "mv <id>", project "proj-<id>", an asset as reference image. */
export function mvJob(id: string, overrides: Partial<MvJob> = {}): MvJob {
  return {
    id,
    kind: 'mv',
    createdAt: T0,
    updatedAt: T0,
    request: { name: `mv ${id}`, aspect: '16:9', musicGenerateType: 'prompt', prompt: 'a song', reference: { kind: 'asset', assetId: 'a1' } },
    projectId: `proj-${id}`,
    phase: 'running',
    ...overrides,
  };
}
