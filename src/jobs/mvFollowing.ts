/**
 * The music-video pieces the follower and the tree plug in: how a progress
 * reply changes the job (mvProgress.followMvProgress) and how its steps read.
 */
import type { Job, MvJob } from './jobTypes';
import type { MvProjectState } from '../giggle/types';
import { followMvProgress, mayAutoPay } from './mvProgress';
import type { MvFollowOptions, MvProgressUpdate } from './mvProgress';
import { currentStepLabel, stepsOf } from './mvPresentation';

export function applyMvProgressForFollower(
  job: MvJob,
  state: MvProjectState,
  now: number,
  options: MvFollowOptions = {},
): MvProgressUpdate {
  return followMvProgress(job, state, now, options);
}

export const mvPresentation = {
  currentStepLabel: (job: MvJob) => currentStepLabel(job),
  stepsOf: (job: MvJob) => stepsOf(job),
};

/**
 * Music videos that reached the payment gate while automatic payment was on
 * but were never paid nor had a payment attempted (the window closed in the
 * moment between recording the gate and sending the payment, which is
 * recorded before it is sent). With automatic payment they are paid after a
 * restore; paying them cannot pay twice, since any attempt would have left
 * `payAttemptedAt` behind. A gate reached under "ask" (the user was asked, or
 * said Not Now) waits for an explicit Pay, whatever the setting says now.
 */
export function unpaidAtGate(jobs: readonly Job[]): MvJob[] {
  return jobs.filter((job): job is MvJob => job.kind === 'mv' && job.autoPayAtGate === true && mayAutoPay(job));
}
