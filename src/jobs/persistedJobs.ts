/**
 * The on-disk form of the jobs list: versioned, validated entry by entry, so
 * that one corrupt or foreign entry is skipped (and reported) instead of
 * costing the user every other job or crashing activation.
 */
import { z } from 'zod';
import type { Job } from './jobTypes';

export const JOBS_FILE_VERSION = 1;

const frameSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('asset'), assetId: z.string() }),
  z.object({ kind: z.literal('url'), url: z.string() }),
  z.object({ kind: z.literal('file'), path: z.string(), bytes: z.number().optional() }),
  z.object({ kind: z.literal('base64'), bytes: z.number() }),
]);

const jobError = z.object({ kind: z.string(), message: z.string(), at: z.number() });

const base = {
  id: z.string().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  fault: z.string().optional(),
  lastError: jobError.optional(),
  lastPolledAt: z.number().optional(),
  pollCount: z.number().optional(),
  overdue: z.boolean().optional(),
  finishedAt: z.number().optional(),
  seen: z.boolean().optional(),
  downloads: z.array(z.string()).optional(),
};

const videoJob = z
  .object({
    ...base,
    kind: z.literal('video'),
    request: z
      .object({
        prompt: z.string(),
        model: z.string(),
        duration: z.number(),
        aspectRatio: z.string(),
        resolution: z.string(),
        startFrame: frameSource.optional(),
        endFrame: frameSource.optional(),
      })
      .passthrough(),
    taskId: z.string().optional(),
    phase: z.enum(['submitting', 'outcomeUnknown', 'submitFailed', 'pending', 'processing', 'completed', 'failed']),
    urls: z.array(z.string()),
    moderated: z.boolean().optional(),
  })
  .passthrough();

const mvJob = z
  .object({
    ...base,
    kind: z.literal('mv'),
    request: z
      .object({
        name: z.string(),
        aspect: z.string(),
        musicGenerateType: z.enum(['prompt', 'custom']),
        reference: frameSource,
      })
      .passthrough(),
    projectId: z.string().optional(),
    phase: z.enum([
      'creating',
      'createFailed',
      'notSubmitted',
      'submitting',
      'outcomeUnknown',
      'running',
      'awaitingPayment',
      'paying',
      'failed',
      'completed',
      'stopped',
    ]),
    project: z.any().optional(),
    paidAt: z.number().optional(),
    order: z.object({ orderId: z.string(), price: z.number().optional() }).optional(),
    retriedStep: z.string().optional(),
    waitingSince: z.number().optional(),
    payAttemptedAt: z.number().optional(),
    payUncertain: z.boolean().optional(),
  })
  .passthrough();

const jobSchema = z.discriminatedUnion('kind', [videoJob, mvJob]);

const fileSchema = z.object({ version: z.number(), jobs: z.array(z.unknown()) });

export interface LoadedJobs {
  jobs: Job[];
  /** One line per entry that could not be used; safe to log (no payloads). */
  skipped: string[];
}

export function serializeJobs(jobs: readonly Job[]): string {
  return JSON.stringify({ version: JOBS_FILE_VERSION, jobs });
}

export function parseJobsFile(text: string | undefined): LoadedJobs {
  if (text === undefined || text.trim() === '') return { jobs: [], skipped: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { jobs: [], skipped: ['the jobs file is not valid JSON; starting with an empty list'] };
  }
  const file = fileSchema.safeParse(raw);
  if (!file.success) return { jobs: [], skipped: ['the jobs file has no version/jobs list; starting with an empty list'] };
  if (file.data.version > JOBS_FILE_VERSION) {
    // Written by a newer extension version: read what we understand, never rewrite fields we do not know
    // (passthrough keeps them).
  }
  const jobs: Job[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  file.data.jobs.forEach((entry, index) => {
    const parsed = jobSchema.safeParse(migrate(entry, file.data.version));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // zod's enum message repeats the received value (could be any stored text): name the field only.
      const problem = issue.code === 'invalid_enum_value' ? 'has a value this version does not know' : issue.message;
      skipped.push(`job #${index} skipped: ${issue.path.join('.') || 'entry'} ${problem}`);
      return;
    }
    if (seen.has(parsed.data.id)) {
      skipped.push(`job #${index} skipped: duplicate id`);
      return;
    }
    seen.add(parsed.data.id);
    jobs.push(parsed.data as Job);
  });
  return { jobs, skipped };
}

/** Version 1 is the first format; later versions add their steps here. */
function migrate(entry: unknown, _fromVersion: number): unknown {
  return entry;
}
