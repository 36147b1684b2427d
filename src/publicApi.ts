/**
 * What activate() returns: other extensions (and our integration tests) can
 * submit jobs with the same arguments as the commands, read the jobs list,
 * and subscribe to every job change.
 */
import * as vscode from 'vscode';
import type { CoreServices } from './context';
import type { Features } from './features';
import type { Job } from './jobs/jobTypes';
import type { VideoArgs } from './commands/videoSubmit';

export interface JobChange {
  job: Job;
  change: 'added' | 'updated' | 'removed';
}

export interface GiggleApi {
  /** Resolves once the jobs list has been restored. */
  readonly ready: Promise<void>;
  submitVideo(args: VideoArgs): Promise<Job>;
  submitMusicVideo(args: Record<string, unknown>): Promise<Job>;
  /** Follows a task (`{ taskId }`) or music video project (`{ projectId }`) started elsewhere; rejects when Giggle does not know the id. */
  trackJob(args: { taskId: string } | { projectId: string }): Promise<Job>;
  listJobs(): Job[];
  getJob(id: string): Job | undefined;
  readonly onDidChangeJob: vscode.Event<JobChange>;
  /** Polls every unfinished job now (like the Refresh command). */
  refresh(): void;
  /** Whether following is paused (no key, or Giggle rejected it). */
  isFollowingPaused(): boolean;
}

export function createPublicApi(ctx: CoreServices, features: () => Promise<Features>, ready: Promise<void>): GiggleApi {
  const emitter = new vscode.EventEmitter<JobChange>();
  const subscription = ctx.store.onDidChange((job, change) => emitter.fire({ job, change }));
  ctx.extension.subscriptions.push(emitter, subscription);
  return {
    ready,
    submitVideo: async (args) => {
      await ready;
      return (await features()).submitVideo(args);
    },
    submitMusicVideo: async (args) => {
      await ready;
      return (await features()).submitMusicVideo(args);
    },
    trackJob: async (args) => vscode.commands.executeCommand<Job>('giggle.trackJob', args),
    listJobs: () => ctx.store.list(),
    getJob: (id) => ctx.store.get(id),
    onDidChangeJob: emitter.event,
    refresh: () => ctx.follower.pollNow(),
    isFollowingPaused: () => ctx.follower.isPaused(),
  };
}
