/**
 * Which jobs a job command can act on, for the "Which job…?" picker shown
 * when a command runs from the Command Palette (no tree row, no job id).
 * Offering a job that cannot be opened, only to answer "this job has no
 * video link yet", wastes the user's pick; so the video commands list only
 * jobs with a video. The rest list every job and explain themselves.
 */
import type { Job } from './jobTypes';
import { videoLinks } from './jobTypes';

/** What the user wants to do with the job: picks the whole question shown when asking which job. */
export type JobPurpose = 'open' | 'copy the link of' | 'download' | 'preview' | 'see' | 'remove' | 'submit again' | 'pay for' | 'retry' | 'resume';

const NEEDS_VIDEO: ReadonlySet<JobPurpose> = new Set<JobPurpose>(['open', 'copy the link of', 'download', 'preview']);

/** Whether the purpose needs a finished video (so jobs without one are not offered). */
export function purposeNeedsVideo(purpose: JobPurpose): boolean {
  return NEEDS_VIDEO.has(purpose);
}

/**
 * The jobs worth offering for the purpose, in the list's order, except that
 * the job selected in the Jobs view (if it fits) comes first: Enter takes it,
 * yet a selection made long ago never acts silently.
 */
export function jobsForPurpose(jobs: readonly Job[], purpose: JobPurpose, selectedId?: string): Job[] {
  const fitting = purposeNeedsVideo(purpose) ? jobs.filter((job) => videoLinks(job).length > 0) : [...jobs];
  const selected = fitting.findIndex((job) => job.id === selectedId);
  if (selected > 0) fitting.unshift(...fitting.splice(selected, 1));
  return fitting;
}
