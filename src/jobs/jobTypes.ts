/**
 * What the extension remembers about each generation it started. A job is
 * recorded BEFORE its request is sent, so nothing the user started can vanish,
 * and it is never re-sent automatically: a submission whose outcome is unknown
 * stays `outcomeUnknown` until the user decides.
 */
import type { MvProjectState, MvStep } from '../giggle/types';

/** How a frame was given, without the image bytes (they are not persisted). */
export type FrameSource =
  | { kind: 'asset'; assetId: string }
  | { kind: 'url'; url: string }
  | { kind: 'file'; path: string; bytes?: number }
  | { kind: 'base64'; bytes: number };

export interface VideoJobRequest {
  prompt: string;
  model: string;
  duration: number;
  aspectRatio: string;
  resolution: string;
  startFrame?: FrameSource;
  endFrame?: FrameSource;
}

export type VideoJobPhase =
  | 'submitting' // request on its way; outcome not yet known
  | 'outcomeUnknown' // the request may have reached Giggle but no reply came
  | 'submitFailed' // Giggle refused the submission (reason in lastError)
  | 'pending'
  | 'processing'
  | 'completed'
  | 'failed';

export interface JobError {
  kind: string;
  message: string;
  at: number;
}

interface JobBase {
  /** Local id; the remote task/project id is filled in once known. */
  id: string;
  createdAt: number;
  updatedAt: number;
  /** Set when following hit a transient problem (network, rate limit); cleared on the next good reply. */
  fault?: string;
  lastError?: JobError;
  lastPolledAt?: number;
  pollCount?: number;
  /** Video: 20 minutes without a terminal state. MV: 1 hour; polling gives up but the job stays resumable. */
  overdue?: boolean;
  finishedAt?: number;
  /** The user has seen the finished result (opened, copied, downloaded). */
  seen?: boolean;
  downloads?: string[];
  /**
   * The window (extension host) that last changed the job. A job left
   * mid-call (`submitting`, `paying`) by a window that is still open is that
   * window's business; only a closed window's become "outcome unknown".
   */
  writtenBy?: string;
  /** The window that started the job: it announces the result while it is open (announcer.ts). */
  startedIn?: string;
  /** Started elsewhere and followed here (giggle.trackJob): never paid automatically, nothing to submit again. */
  tracked?: boolean;
}

export interface VideoJob extends JobBase {
  kind: 'video';
  request: VideoJobRequest;
  taskId?: string;
  phase: VideoJobPhase;
  urls: string[];
  moderated?: boolean;
}

export interface MvJobRequest {
  name: string;
  aspect: string;
  musicGenerateType: 'prompt' | 'custom' | 'upload';
  /** `aimv-30` for the 30-second music video; absent for Giggle's usual `mv`. */
  projectType?: 'aimv-30';
  /** Upload mode: the song as a Giggle asset (reusable as is by Submit Again). */
  musicAssetId?: string;
  prompt?: string;
  vocalGender?: string;
  instrumental?: boolean;
  lyrics?: string;
  style?: string;
  title?: string;
  sceneDescription?: string;
  subtitleEnabled?: boolean;
  reference: FrameSource;
}

export type MvJobPhase =
  | 'creating' // project create on its way
  | 'createFailed'
  | 'notSubmitted' // project exists, submission failed or not yet sent
  | 'submitting'
  | 'outcomeUnknown' // create or submit may have taken effect; query before doing anything
  | 'running'
  | 'awaitingPayment'
  | 'paying'
  | 'failed' // a step failed; retry is possible
  | 'completed' // download_url present (Giggle's `status: completed` without it stays `running`)
  | 'stopped'; // gave up waiting after an hour; resumable by hand

export interface MvJob extends JobBase {
  kind: 'mv';
  request: MvJobRequest;
  projectId?: string;
  phase: MvJobPhase;
  /** Last progress snapshot from Giggle. */
  project?: MvProjectState;
  /** When payment was made, to schedule the post-payment phase. */
  paidAt?: number;
  order?: { orderId: string; price?: number };
  /** Which step a retry was requested for (to resume following). */
  retriedStep?: MvStep;
  /**
   * When the current stretch of waiting on Giggle began (submission, payment,
   * retry or resume). The 1-hour give-up counts from here, so time spent
   * waiting for the user to pay does not count.
   */
  waitingSince?: number;
  /** When pay was last called for this project; auto-pay never pays a project twice. */
  payAttemptedAt?: number;
  /**
   * A pay call's outcome was unknown (no reply). Until a query shows the
   * project paid, nothing may pay again without the user's explicit say-so.
   */
  payUncertain?: boolean;
  /**
   * The gate was reached while giggle.musicVideo.payment was "auto". Only such
   * a job may be paid automatically after a restore: switching to "auto" later
   * must not pay a project the user was asked about.
   */
  autoPayAtGate?: boolean;
  /** When the user answered the payment question with Not Now: only an explicit Pay pays it. */
  payDeclinedAt?: number;
}

export type Job = VideoJob | MvJob;

export const TERMINAL_VIDEO_PHASES: readonly VideoJobPhase[] = ['completed', 'failed', 'submitFailed'];

/** Whether the polling service should keep asking Giggle about this job. */
export function isFollowable(job: Job): boolean {
  if (job.kind === 'video') {
    return !!job.taskId && (job.phase === 'pending' || job.phase === 'processing');
  }
  if (!job.projectId) return false;
  // `paying` is followed too: the pay reply may be lost, and the progress query tells whether it took effect.
  // `outcomeUnknown` with a project id is asked about to tell "running" from "safe to submit again".
  return job.phase === 'running' || job.phase === 'paying' || job.phase === 'outcomeUnknown' || job.phase === 'awaitingPayment';
}

/** True while something may still change on Giggle's side. */
export function isUnfinished(job: Job): boolean {
  if (job.kind === 'video') return !TERMINAL_VIDEO_PHASES.includes(job.phase);
  return job.phase !== 'completed' && job.phase !== 'createFailed';
}

/** The links a finished job can be opened with (video URLs, or the MV's download URL). */
export function videoLinks(job: Job): string[] {
  if (job.kind === 'video') return job.phase === 'completed' ? job.urls : [];
  const url = job.project?.videoAsset?.downloadUrl ?? job.project?.videoAsset?.signedUrl;
  return job.phase === 'completed' && url ? [url] : [];
}
