/**
 * Tree item context values come from here only, so the `when` clauses in
 * package.json (which match `.ready`, `.payable`, ... with regexes) and the
 * code cannot drift apart. Format: `job.<kind>.<phase>` plus one `.<flag>`
 * per action the item allows.
 */
import type { Job } from '../jobs/jobTypes';
import { videoLinks } from '../jobs/jobTypes';
import { noVideoCameBack } from '../jobs/videoProgress';

export const ITEM_FLAGS = ['ready', 'payable', 'retryable', 'resumable', 'resubmittable'] as const;
export type ItemFlag = (typeof ITEM_FLAGS)[number];

export function jobFlags(job: Job): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (videoLinks(job).length > 0) flags.push('ready');
  if (job.kind === 'video') {
    if (job.phase === 'submitFailed' || job.phase === 'outcomeUnknown' || noVideoCameBack(job)) flags.push('resubmittable');
  } else {
    if (job.phase === 'awaitingPayment') flags.push('payable');
    if (job.phase === 'failed') flags.push('retryable');
    if (job.phase === 'stopped') flags.push('resumable');
    if (job.phase === 'notSubmitted' || job.phase === 'createFailed' || (job.phase === 'outcomeUnknown' && !job.projectId)) flags.push('resubmittable');
  }
  return flags;
}

export function jobContextValue(job: Job): string {
  return [`job.${job.kind}.${job.phase}`, ...jobFlags(job)].join('.');
}

export const STEP_CONTEXT_VALUE = 'mvStep';
export const LINK_CONTEXT_VALUE = 'videoLink.ready';
