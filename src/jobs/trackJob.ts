/**
 * Following a task or project that was started elsewhere (giggle.pro,
 * Giggle's scripts, another machine): Giggle is asked first, so a wrong id
 * is refused with a clear message and leaves no job behind; a known id
 * becomes a job that is followed like any other. An imported music video is
 * marked `tracked`, so automatic payment never applies to it: money for a
 * project this extension did not start is only spent when the user says so.
 */
import * as l10n from '@vscode/l10n';
import { ApiError, InputError } from '../giggle/errors';
import type { MvProjectState, VideoTaskState } from '../giggle/types';
import type { Job, MvJob, VideoJob } from './jobTypes';
import type { JobStore } from './jobStore';
import { followMvProgress, type MvProgressEvent } from './mvProgress';
import { applyVideoState } from './videoProgress';

export type TrackTarget = { kind: 'video'; taskId: string } | { kind: 'mv'; projectId: string };

export interface TrackDeps {
  store: JobStore;
  api: { queryVideoTask(taskId: string): Promise<VideoTaskState>; queryMv(projectId: string): Promise<MvProjectState> };
  newId: () => string;
  now: () => number;
}

/** `{ taskId }` or `{ projectId }` (exactly one, a non-empty id without spaces). */
export function trackTarget(arg: unknown): TrackTarget {
  const value = typeof arg === 'object' && arg !== null && !Array.isArray(arg) ? (arg as Record<string, unknown>) : undefined;
  const taskId = typeof value?.taskId === 'string' ? value.taskId.trim() : undefined;
  const projectId = typeof value?.projectId === 'string' ? value.projectId.trim() : undefined;
  if (!value || (taskId === undefined) === (projectId === undefined)) {
    throw new InputError([{ field: 'arguments', message: l10n.t('giggle.trackJob takes one object: {taskId} for a video task or {projectId} for a music video project.') }]);
  }
  const id = (taskId ?? projectId) as string;
  if (!/^[\w-]{1,128}$/.test(id)) {
    throw new InputError([{ field: taskId !== undefined ? 'taskId' : 'projectId', message: l10n.t('"{0}" is not a Giggle id: ids are letters, digits, - and _.', id.slice(0, 80)) }]);
  }
  return taskId !== undefined ? { kind: 'video', taskId: id } : { kind: 'mv', projectId: id };
}

export interface TrackResult {
  job: Job;
  /** False when the id was already in the list (that job is returned, nothing is added). */
  added: boolean;
  mvEvents: MvProgressEvent[];
}

export async function trackJob(deps: TrackDeps, target: TrackTarget): Promise<TrackResult> {
  const existing = deps.store
    .list()
    .find((job) => (target.kind === 'video' ? job.kind === 'video' && job.taskId === target.taskId : job.kind === 'mv' && job.projectId === target.projectId));
  if (existing) return { job: existing, added: false, mvEvents: [] };
  return target.kind === 'video' ? trackVideo(deps, target.taskId) : trackMv(deps, target.projectId);
}

async function trackVideo(deps: TrackDeps, taskId: string): Promise<TrackResult> {
  const state = await ask(() => deps.api.queryVideoTask(taskId), () => l10n.t('Giggle has no video task with the id {0}. Check the id (a task id, not a project id) and try again.', taskId));
  const now = deps.now();
  const base: VideoJob = {
    id: deps.newId(),
    kind: 'video',
    createdAt: now,
    updatedAt: now,
    tracked: true,
    // The prompt is not part of Giggle's reply; the id is what the user knows the task by.
    request: { prompt: l10n.t('Task {0}', taskId), model: '', duration: 0, aspectRatio: '', resolution: '' },
    taskId,
    phase: 'pending',
    urls: [],
  };
  const job: VideoJob = { ...base, ...applyVideoState(base, state, now).patch };
  await deps.store.add(job);
  return { job, added: true, mvEvents: [] };
}

async function trackMv(deps: TrackDeps, projectId: string): Promise<TrackResult> {
  const state = await ask(() => deps.api.queryMv(projectId), () => l10n.t('Giggle has no music video project with the id {0}. Check the id (a project id, not a task id) and try again.', projectId));
  const now = deps.now();
  const base: MvJob = {
    id: deps.newId(),
    kind: 'mv',
    createdAt: now,
    updatedAt: now,
    tracked: true,
    request: { name: l10n.t('Project {0}', projectId), aspect: '', musicGenerateType: 'prompt', reference: { kind: 'asset', assetId: '' } },
    projectId,
    phase: 'running',
    waitingSince: now,
  };
  const { patch, events } = followMvProgress(base, state, now);
  const job: MvJob = { ...base, ...patch, lastPolledAt: now, pollCount: 1 };
  await deps.store.add(job);
  return { job, added: true, mvEvents: events };
}

/** Giggle's answer about the id; "not found" becomes `notFound()`'s message, anything else propagates as is. */
async function ask<T>(query: () => Promise<T>, notFound: () => string): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (error instanceof ApiError && (error.code === 404 || /not (be )?found|不存在/i.test(error.apiMessage))) {
      throw new TrackError(notFound());
    }
    throw error;
  }
}

/** The id is not known to Giggle: nothing was added. */
export class TrackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrackError';
  }
}
