/**
 * Submitting a video job: validate, record, send once. The job is on disk
 * before the request leaves, so a crash or reload mid-request leaves a visible
 * "outcome unknown" job rather than nothing, and nothing here ever re-sends a
 * submission on its own (the seed: "No Retry on Error").
 */
import * as l10n from '@vscode/l10n';
import type { VideoRequest } from '../giggle/types';
import type { FrameSource, VideoJob } from './jobTypes';
import type { JobStore } from './jobStore';
import { validateVideoRequest } from '../giggle/validation';
import { validateOnce } from '../giggle/checked';
import { InputError, isGiggleError } from '../giggle/errors';
import { isUnknownAssetRefusal } from '../giggle/assetCache';
import { noVideoCameBack } from './videoProgress';

export interface VideoSubmitApi {
  submitVideo(request: VideoRequest): Promise<{ taskId: string }>;
}

export interface VideoSubmitDeps {
  store: JobStore;
  api: VideoSubmitApi;
  newId: () => string;
  now: () => number;
}

/** Where each frame came from, for the job record (the bytes themselves are not persisted). */
export interface FrameOrigins {
  startFrame?: FrameSource;
  endFrame?: FrameSource;
}

export class DuplicateSubmissionError extends Error {
  constructor() {
    super(l10n.t('An identical video request is already being submitted. Wait for it to finish before sending it again.'));
    this.name = 'DuplicateSubmissionError';
  }
}

/** Submit Again refused: the job is no longer refused or unknown (another window may have sent it again). */
export class AlreadyResubmittedError extends Error {
  constructor() {
    super(l10n.t('This job was already submitted again (perhaps in another window); nothing was sent.'));
    this.name = 'AlreadyResubmittedError';
  }
}

const inFlight = new Set<string>();

export interface SubmitOptions {
  replaceJobId?: string;
  /**
   * Called at most once, and only after Giggle clearly refused the request
   * because it does not know an asset id (so nothing was created): uploads the
   * frames again and returns the sent request with the fresh ids, or undefined when
   * there is nothing to upload again (an id the caller gave).
   */
  refreshAssets?: (sent: VideoRequest, error: unknown) => Promise<VideoRequest | undefined>;
}

/**
 * Validates (throwing InputError with every field issue, before anything is
 * recorded or sent), records the job, and submits it. Resolves with the job
 * in its new phase; a refused or unknown submission rejects with the API's
 * error after the job has been marked accordingly.
 */
export async function submitVideoJob(
  deps: VideoSubmitDeps,
  input: unknown,
  origins: FrameOrigins = {},
  options: SubmitOptions = {},
): Promise<VideoJob> {
  const validated = validateOnce(input, validateVideoRequest);
  if (!validated.ok) throw new InputError(validated.issues);
  const request = validated.value;

  const fingerprint = JSON.stringify(request);
  if (inFlight.has(fingerprint)) throw new DuplicateSubmissionError();
  inFlight.add(fingerprint);
  try {
    const job = await recordJob(deps, request, origins, options.replaceJobId);
    let sending = request;
    let refreshed = false;
    for (;;) {
      try {
        const { taskId } = await deps.api.submitVideo(sending);
        return deps.store.update<VideoJob>(job.id, () => ({ taskId, phase: 'pending', lastError: undefined }), { persistNow: true }) ?? job;
      } catch (error) {
        let failure = error;
        if (!refreshed && options.refreshAssets && isUnknownAssetRefusal(error)) {
          refreshed = true;
          try {
            const fresh = await options.refreshAssets(sending, error);
            if (fresh) {
              sending = fresh;
              continue;
            }
          } catch (uploadError) {
            failure = uploadError;
          }
        }
        markFailed(deps, job, failure);
        throw failure;
      }
    }
  } finally {
    inFlight.delete(fingerprint);
  }
}

function markFailed(deps: VideoSubmitDeps, job: VideoJob, error: unknown): void {
  const unknown = isGiggleError(error) && error.outcomeUnknown;
  deps.store.update<VideoJob>(
    job.id,
    () => ({
      phase: unknown ? 'outcomeUnknown' : 'submitFailed',
      lastError: {
        kind: isGiggleError(error) ? error.kind : 'unexpected',
        message: (error as Error).message,
        at: deps.now(),
      },
    }),
    { persistNow: true },
  );
}

async function recordJob(deps: VideoSubmitDeps, request: VideoRequest, origins: FrameOrigins, replaceJobId?: string): Promise<VideoJob> {
  const now = deps.now();
  const jobRequest = {
    prompt: request.prompt,
    model: request.model,
    duration: request.duration,
    aspectRatio: request.aspectRatio,
    resolution: request.resolution,
    startFrame: request.startFrame ? (origins.startFrame ?? describeFrame(request.startFrame)) : undefined,
    endFrame: request.endFrame ? (origins.endFrame ?? describeFrame(request.endFrame)) : undefined,
  };
  if (replaceJobId) {
    if (deps.store.get(replaceJobId)) {
      // Claimed in the shared jobs file under its lock: a window that submitted it again already left it `submitting` or later.
      return deps.store.claim<VideoJob>(replaceJobId, (fresh) => {
        if (fresh.phase !== 'submitFailed' && fresh.phase !== 'outcomeUnknown' && !noVideoCameBack(fresh)) throw new AlreadyResubmittedError();
        return { request: jobRequest, phase: 'submitting', taskId: undefined, urls: [], lastError: undefined, fault: undefined, finishedAt: undefined, createdAt: now };
      });
    }
  }
  const job: VideoJob = {
    id: deps.newId(),
    kind: 'video',
    createdAt: now,
    updatedAt: now,
    request: jobRequest,
    phase: 'submitting',
    urls: [],
  };
  await deps.store.add(job);
  return job;
}

function describeFrame(frame: VideoRequest['startFrame']): FrameSource | undefined {
  if (!frame) return undefined;
  if ('asset_id' in frame) return { kind: 'asset', assetId: frame.asset_id };
  if ('url' in frame) return { kind: 'url', url: frame.url };
  return { kind: 'base64', bytes: Math.floor((frame.base64.length * 3) / 4) };
}

/**
 * Jobs saved mid-submission by a window that closed: their outcome is unknown, never re-sent.
 * A job whose window is still open (`isOpen(job.writtenBy)`) is that window's call, still on its way.
 */
export function reconcileInterruptedSubmissions(store: JobStore, now: number, isOpen: (windowId: string) => boolean = () => false): number {
  let count = 0;
  for (const job of store.list()) {
    if (job.kind === 'video' && job.phase === 'submitting' && !(job.writtenBy && isOpen(job.writtenBy))) {
      store.update<VideoJob>(job.id, () => ({
        phase: 'outcomeUnknown',
        lastError: {
          kind: 'network',
          message: l10n.t('The window closed while this job was being submitted; Giggle may or may not have received it.'),
          at: now,
        },
      }));
      count++;
    }
  }
  return count;
}
