/**
 * The on-disk form of the jobs list: versioned, validated entry by entry, so
 * that one corrupt or foreign entry is skipped (and reported) instead of
 * costing the user every other job or crashing activation.
 */
import * as z from 'zod/v4-mini';
import type { Job } from './jobTypes';

export const JOBS_FILE_VERSION = 1;

const frameSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('asset'), assetId: z.string() }),
  z.object({ kind: z.literal('url'), url: z.string() }),
  z.object({ kind: z.literal('file'), path: z.string(), bytes: z.optional(z.number()) }),
  z.object({ kind: z.literal('base64'), bytes: z.number() }),
]);

const jobError = z.object({ kind: z.string(), message: z.string(), at: z.number() });

const base = {
  id: z.string().check(z.minLength(1)),
  createdAt: z.number(),
  updatedAt: z.number(),
  fault: z.optional(z.string()),
  lastError: z.optional(jobError),
  lastPolledAt: z.optional(z.number()),
  pollCount: z.optional(z.number()),
  overdue: z.optional(z.boolean()),
  finishedAt: z.optional(z.number()),
  seen: z.optional(z.boolean()),
  downloads: z.optional(z.array(z.string())),
  /** The window (extension host) that last changed the job: an in-flight call of a living window is not "interrupted". */
  writtenBy: z.optional(z.string()),
  /** The window that started the job, which announces its result while open. */
  startedIn: z.optional(z.string()),
  tracked: z.optional(z.boolean()),
};

const videoJob = z.looseObject({
  ...base,
  kind: z.literal('video'),
  request: z.looseObject({
    prompt: z.string(),
    model: z.string(),
    duration: z.number(),
    aspectRatio: z.string(),
    resolution: z.string(),
    startFrame: z.optional(frameSource),
    endFrame: z.optional(frameSource),
  }),
  taskId: z.optional(z.string()),
  phase: z.enum(['submitting', 'outcomeUnknown', 'submitFailed', 'pending', 'processing', 'completed', 'failed']),
  urls: z.array(z.string()),
  moderated: z.optional(z.boolean()),
});

const mvJob = z.looseObject({
  ...base,
  kind: z.literal('mv'),
  request: z.looseObject({
    name: z.string(),
    aspect: z.string(),
    musicGenerateType: z.enum(['prompt', 'custom', 'upload']),
    reference: frameSource,
  }),
  projectId: z.optional(z.string()),
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
  project: z.optional(z.any()),
  paidAt: z.optional(z.number()),
  order: z.optional(z.object({ orderId: z.string(), price: z.optional(z.number()) })),
  retriedStep: z.optional(z.string()),
  waitingSince: z.optional(z.number()),
  payAttemptedAt: z.optional(z.number()),
  payUncertain: z.optional(z.boolean()),
  autoPayAtGate: z.optional(z.boolean()),
  payDeclinedAt: z.optional(z.number()),
});

const jobSchema = z.discriminatedUnion('kind', [videoJob, mvJob]);

const fileSchema = z.object({ version: z.number(), jobs: z.array(z.unknown()) });

export interface LoadedJobs {
  jobs: Job[];
  /** One line per entry that could not be used; safe to log (no payloads). */
  skipped: string[];
  /**
   * Skipped entries that look like jobs of a newer version of the extension
   * (an id, and a kind or phase this version does not know), as they were:
   * written back on every save, so going back to an older version never
   * deletes a newer version's jobs. Corrupt entries are not kept.
   */
  kept: unknown[];
  /**
   * Set when the text is not a jobs file at all (not JSON, no version/jobs):
   * it must be kept aside, never replaced by an empty list.
   */
  unreadable?: string;
  /**
   * The top level of a file written by a newer version (its version and any
   * fields this version does not know): saves write them back, so the file is
   * never turned into an older format.
   */
  header?: Record<string, unknown>;
}

export function serializeJobs(jobs: readonly Job[], kept: readonly unknown[] = [], header?: Record<string, unknown>): string {
  return JSON.stringify({ version: JOBS_FILE_VERSION, ...header, jobs: [...jobs, ...kept] });
}

export function parseJobsFile(text: string | undefined): LoadedJobs {
  if (text === undefined || text.trim() === '') return { jobs: [], skipped: [], kept: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return unreadable('the jobs file is not valid JSON');
  }
  const file = z.safeParse(fileSchema, raw);
  if (!file.success) return unreadable('the jobs file has no version/jobs list');
  const jobs: Job[] = [];
  const skipped: string[] = [];
  const kept: unknown[] = [];
  const seen = new Set<string>();
  file.data.jobs.forEach((entry, index) => {
    const parsed = z.safeParse(jobSchema, migrate(entry, file.data.version));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // Name the field only for an unknown enum value: a message could repeat stored text.
      const problem = issue.code === 'invalid_value' ? 'has a value this version does not know' : issue.message;
      if (fromNewerVersion(entry, issue.code)) {
        kept.push(entry);
        skipped.push(`job #${index} skipped: ${issue.path.join('.') || 'entry'} ${problem}; kept in the file for the version that wrote it`);
      } else skipped.push(`job #${index} skipped: ${issue.path.join('.') || 'entry'} ${problem}`);
      return;
    }
    if (seen.has(parsed.data.id)) {
      skipped.push(`job #${index} skipped: duplicate id`);
      return;
    }
    seen.add(parsed.data.id);
    jobs.push(parsed.data as Job);
  });
  if (file.data.version <= JOBS_FILE_VERSION) return { jobs, skipped, kept };
  // Written by a newer extension version: read what we understand (loose objects keep unknown fields) and
  // keep its header, so that our saves write the newer format's label and top-level fields back untouched.
  const { jobs: _entries, ...header } = raw as Record<string, unknown>;
  return { jobs, skipped, kept, header };
}

function unreadable(reason: string): LoadedJobs {
  return { jobs: [], skipped: [`${reason}; it is kept aside and never overwritten with an empty list`], kept: [], unreadable: reason };
}

/** An entry with an id whose only problem is a kind or a value this version does not know. */
function fromNewerVersion(entry: unknown, code: string): boolean {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && (code === 'invalid_value' || code === 'invalid_union');
}

/** Version 1 is the first format; later versions add their steps here. */
function migrate(entry: unknown, _fromVersion: number): unknown {
  return entry;
}
