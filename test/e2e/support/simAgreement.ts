// The chaos run's "persisted" column: does the job record the extension wrote
// to disk agree with what the simulator itself holds for that job (task or
// project id, and phase)? A record that parses but names another task, claims
// "completed" for a task Giggle still runs, or forgot a payment Giggle took,
// is a wrong record, however well formed.
import type { Job } from '../../../src/jobs/jobTypes';
import { statusAt } from '../../../sim/videoTasks';
import type { VideoTask } from '../../../sim/videoTasks';

export interface SimSnapshot {
  /** Simulated time of the snapshot (what a query would be answered against). */
  now: number;
  tasks: VideoTask[];
  projects: { projectId: string; name: string; payStatus: string; submission?: unknown; failure?: unknown; completedAt?: number }[];
  pays: { projectId: string; accepted: boolean }[];
}

/** Why the persisted `job` (found by `label`: a prompt or project name) disagrees with the simulator; undefined when it agrees. */
export function persistedDisagreement(job: Job, label: string, sim: SimSnapshot): string | undefined {
  return job.kind === 'video' ? videoDisagreement(job, label, sim) : mvDisagreement(job, label, sim);
}

function videoDisagreement(job: Extract<Job, { kind: 'video' }>, label: string, sim: SimSnapshot): string | undefined {
  const tasks = sim.tasks.filter((t) => t.prompt === label);
  if (!job.taskId) {
    // Without a task id the record must say it does not know (or that Giggle refused: then there is no task).
    if (job.phase === 'submitFailed') return tasks.length ? `"not submitted", but the simulator has task ${tasks[0].taskId}` : undefined;
    return job.phase === 'outcomeUnknown' || job.phase === 'submitting' ? undefined : `phase ${job.phase} without a task id`;
  }
  const task = sim.tasks.find((t) => t.taskId === job.taskId);
  if (!task) return `task ${job.taskId} is not in the simulator`;
  if (task.prompt !== label) return `task ${job.taskId} is another job's`;
  const status = statusAt(task, sim.now);
  // The record may lag behind Giggle (the next query catches up), never run ahead of it or end differently.
  if (job.phase === 'completed' && status !== 'completed') return `"completed", the simulator says ${status}`;
  if (job.phase === 'failed' && status !== 'failed' && status !== 'error') return `"failed", the simulator says ${status}`;
  if (job.phase === 'processing' && status === 'pending') return '"processing", the simulator says pending';
  if (job.phase === 'completed' && job.urls.length === 0) return '"completed" without its video links';
  return undefined;
}

function mvDisagreement(job: Extract<Job, { kind: 'mv' }>, label: string, sim: SimSnapshot): string | undefined {
  const projects = sim.projects.filter((p) => p.name === label);
  if (!job.projectId) return projects.length ? `no project id, but the simulator has project ${projects[0].projectId}` : undefined;
  const project = sim.projects.find((p) => p.projectId === job.projectId);
  if (!project) return `project ${job.projectId} is not in the simulator`;
  if (project.name !== label) return `project ${job.projectId} is another job's`;
  const paid = sim.pays.some((p) => p.projectId === job.projectId && p.accepted);
  if (job.paidAt !== undefined && !paid) return 'the record says paid, the simulator took no payment';
  switch (job.phase) {
    case 'notSubmitted':
      return project.submission ? '"not submitted", but the simulator received the submission' : undefined;
    case 'completed':
      return project.completedAt === undefined ? '"completed", the simulator has not finished the project' : undefined;
    case 'failed':
      return project.failure ? undefined : '"failed", the simulator has no failure for the project';
    case 'awaitingPayment':
      return project.payStatus === 'pending' && !paid ? undefined : `"waiting for payment", the simulator's pay status is "${project.payStatus}"${paid ? ' and it was paid' : ''}`;
    case 'running':
    case 'paying':
      return project.submission ? undefined : `"${job.phase}", but the simulator never received the submission`;
    default:
      return undefined;
  }
}
