/**
 * The music-video pieces the follower and the tree plug in: how a progress
 * reply changes the job (mvProgress.followMvProgress) and how its steps read.
 */
import type { MvJob } from './jobTypes';
import type { MvProjectState } from '../giggle/types';
import { currentStepLabel, followMvProgress, stepsOf } from './mvProgress';

export function applyMvProgressForFollower(job: MvJob, state: MvProjectState, now: number): { patch: Partial<MvJob>; events: string[] } {
  return followMvProgress(job, state, now);
}

export const mvPresentation = {
  currentStepLabel: (job: MvJob) => currentStepLabel(job),
  stepsOf: (job: MvJob) => stepsOf(job),
};
