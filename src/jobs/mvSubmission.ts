/**
 * Starting a music video: create the project and submit it, as ONE user action
 * (the seed: "never call create and submit separately"). Everything is
 * validated before anything is recorded or sent; the job is on disk before
 * each request leaves; nothing is ever re-sent on its own (the seed: "No Retry
 * on Error"). A refused submit keeps its project, so "Submit Again" re-sends
 * the submit for that same project instead of creating a second one.
 */
import { createHash } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { InputError, isGiggleError } from '../giggle/errors';
import type { FieldIssue, Validated } from '../giggle/validation';
import { validateMvCreate, validateMvSubmit } from '../giggle/validation';
import { isChecked, markChecked } from '../giggle/checked';
import type { Checked } from '../giggle/checked';
import type { MvCreateRequest, MvSubmitRequest } from '../giggle/types';
import type { FrameSource, MvJob, MvJobRequest } from './jobTypes';
import type { JobStore } from './jobStore';
import { MvActionError, jobErrorFrom, outcomeUnknown } from './mvActions';
import { phaseText } from './phaseText';

/** The part of GiggleClient this needs, so tests can pass a fake. */
export interface MvSubmitApi {
  createMvProject(request: MvCreateRequest): Promise<{ projectId: string }>;
  submitMv(request: MvSubmitRequest): Promise<void>;
}

export interface MvSubmitDeps {
  store: JobStore;
  api: MvSubmitApi;
  newId: () => string;
  now: () => number;
}

/**
 * The form the user fills in: the project's name and aspect plus the submit
 * fields (camelCase, as in MvSubmitRequest, without projectId). Callers pass
 * it as `unknown` input (it may come from a webview); this type documents it.
 */
export type MusicVideoInput = { name: string } & DistributiveOmit<MvSubmitRequest, 'projectId'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class DuplicateSubmissionError extends MvActionError {
  constructor() {
    super('inProgress', l10n.t('This music video is already being submitted. Wait for that to finish before sending it again.'));
    this.name = 'DuplicateSubmissionError';
  }
}

/** Fingerprints of submissions in flight (and job ids being resubmitted): a double click must not send twice. */
const inFlight = new Set<string>();

// validateMvSubmit wants a project id, which does not exist before create; this stands in for it during validation only.
const PROJECT_ID_PLACEHOLDER = 'project-id-assigned-by-giggle';

/**
 * Validates (throwing InputError with every field issue; nothing recorded or
 * sent), records the job (`creating`), creates the project, then submits it.
 * Resolves with the job once it is `running`. When a call fails, the job is
 * marked (createFailed / notSubmitted / outcomeUnknown, reason in lastError)
 * and the promise rejects with the API's error.
 *
 * `reference` says where the reference image came from (a file, pasted
 * bytes...): the job keeps that description, never the base64 bytes.
 */
export async function submitMusicVideo(deps: MvSubmitDeps, input: unknown, reference?: FrameSource): Promise<MvJob> {
  // Checked already by the one submission path (src/submission/): never checked twice.
  const { create, submit } = isCheckedMusicVideo(input) ? input : validateMusicVideo(input);
  const key = fingerprint(create, submit);
  if (inFlight.has(key)) throw new DuplicateSubmissionError();
  inFlight.add(key);
  try {
    const now = deps.now();
    const job: MvJob = {
      id: deps.newId(),
      kind: 'mv',
      createdAt: now,
      updatedAt: now,
      request: describeRequest(create, submit, reference),
      phase: 'creating',
    };
    await deps.store.add(job);
    return await createAndSubmit(deps, job.id, create, submit);
  } finally {
    inFlight.delete(key);
  }
}

/**
 * "Submit Again". From `notSubmitted`: re-sends the submit for the SAME
 * project (never a second create). From `createFailed`, or `outcomeUnknown`
 * without a project id (the user decides; an unsubmitted project costs
 * nothing): creates anew and submits. `input` is the same form as for
 * submitMusicVideo (name and aspect default to the job's; the image must be
 * given again because its bytes were never stored: see resubmitInputFromJob).
 */
export async function resubmitMusicVideo(deps: MvSubmitDeps, jobId: string, input: unknown, reference?: FrameSource): Promise<MvJob> {
  const job = deps.store.get(jobId);
  if (!job || job.kind !== 'mv') throw new MvActionError('notFound', l10n.t('That music video is no longer in the list.'));
  const lockKey = `job:${jobId}`;
  if (inFlight.has(lockKey)) throw new DuplicateSubmissionError();
  if (job.phase === 'outcomeUnknown' && job.projectId) {
    throw new MvActionError(
      'wrongPhase',
      l10n.t('Giggle may already be working on this music video. Refresh it first: Submit Again becomes available if Giggle reports that the project was not started.'),
    );
  }
  const createsAnew = job.phase === 'createFailed' || (job.phase === 'outcomeUnknown' && !job.projectId);
  if (!createsAnew && !(job.phase === 'notSubmitted' && job.projectId)) {
    throw new MvActionError(
      'wrongPhase',
      l10n.t('Only a music video that was not submitted, or whose project could not be created, can be submitted again; this one is {0}.', phaseText(job)),
    );
  }

  if (!isRecord(input)) throw new InputError([{ field: 'request', message: l10n.t('the music video form must be an object') }], 'submitMv');
  const form = { name: job.request.name, aspect: job.request.aspect, ...input };
  // The existing project fixes name and aspect; only a new project may change them.
  const { create, submit } = createsAnew
    ? validateMusicVideo(form)
    : validateMusicVideo({ ...form, name: job.request.name }, job.request.aspect);

  inFlight.add(lockKey);
  try {
    // Without a new origin, the image is the one the job was made with (re-read by the caller).
    const request = describeRequest(create, submit, reference ?? job.request.reference);
    if (createsAnew) {
      // Claimed in the shared jobs file under its lock: a window that submitted it again already moved it on.
      await deps.store.claim<MvJob>(jobId, (fresh) => {
        if (fresh.phase !== job.phase || fresh.projectId !== job.projectId) throw resubmittedElsewhere(fresh);
        return { request, phase: 'creating', projectId: undefined, project: undefined, lastError: undefined, fault: undefined };
      });
      return await createAndSubmit(deps, jobId, create, submit);
    }
    await deps.store.claim<MvJob>(jobId, (fresh) => {
      if (fresh.phase !== 'notSubmitted') throw resubmittedElsewhere(fresh);
      return { request, phase: 'submitting', waitingSince: deps.now(), lastError: undefined, fault: undefined };
    });
    return await sendSubmit(deps, jobId, markChecked({ ...submit, projectId: job.projectId! }));
  } finally {
    inFlight.delete(lockKey);
  }
}

function resubmittedElsewhere(job: MvJob): MvActionError {
  return new MvActionError('inProgress', l10n.t('This music video was already submitted again (perhaps in another window); it is {0}. Nothing was sent.', phaseText(job)));
}

/**
 * The form to re-submit a job with, rebuilt from its record. When the image
 * was a file or pasted bytes (never stored), `missingImage` says so: read the
 * file again (or ask for the image) and add `referenceImageUrl`.
 */
export function resubmitInputFromJob(job: MvJob): { input: Record<string, unknown>; missingImage?: FrameSource } {
  const r = job.request;
  const input: Record<string, unknown> = {
    name: r.name,
    aspect: r.aspect,
    musicGenerateType: r.musicGenerateType,
    sceneDescription: r.sceneDescription,
    subtitleEnabled: r.subtitleEnabled,
    projectType: r.projectType,
  };
  if (r.musicGenerateType === 'prompt') Object.assign(input, { prompt: r.prompt, vocalGender: r.vocalGender, instrumental: r.instrumental });
  else if (r.musicGenerateType === 'upload') input.musicAssetId = r.musicAssetId;
  else Object.assign(input, { lyrics: r.lyrics, style: r.style, title: r.title });
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  if (r.reference.kind === 'asset') input.referenceImage = r.reference.assetId;
  else if (r.reference.kind === 'url') input.referenceImageUrl = r.reference.url;
  else return { input, missingImage: r.reference };
  return { input };
}

/**
 * Jobs saved mid-call by a window that closed. Their outcome is unknown and
 * they are never re-sent: `creating` has no project id to ask about (the user
 * decides); `submitting` is asked about (refreshMusicVideo) before anything
 * else; `paying` stays paying but uncertain, so the next query decides and
 * nothing pays again automatically. Jobs of a window that is still open are left alone.
 */
export function reconcileInterruptedMvJobs(store: JobStore, now: number, isOpen: (windowId: string) => boolean = () => false): number {
  let count = 0;
  for (const job of store.list()) {
    // A window that is still open is still making its call (see windowPresence.ts).
    if (job.kind !== 'mv' || (job.writtenBy && isOpen(job.writtenBy))) continue;
    if (job.phase === 'creating' || job.phase === 'submitting') {
      store.update<MvJob>(job.id, () => ({
        phase: 'outcomeUnknown',
        lastError: {
          kind: 'network',
          message:
            job.phase === 'creating'
              ? l10n.t('The window closed while the project was being created; Giggle may or may not have created it.')
              : l10n.t('The window closed while this music video was being submitted; checking with Giggle whether it arrived.'),
          at: now,
        },
      }));
      count++;
    } else if (job.phase === 'notSubmitted' && job.projectId && !job.lastError) {
      // Between "project created" and "submit sent" (that step records `submitting` first): nothing was submitted.
      store.update<MvJob>(job.id, () => ({
        lastError: {
          kind: 'notSubmitted',
          message: l10n.t('The window closed after the project was created and before it was submitted; nothing was submitted. Use Submit Again to send it.'),
          at: now,
        },
      }));
      count++;
    } else if (job.phase === 'paying' && !job.payUncertain) {
      store.update<MvJob>(job.id, () => ({
        payUncertain: true,
        lastError: {
          kind: 'network',
          message: l10n.t('The window closed during payment; its outcome is unknown. Checking with Giggle before anything else.'),
          at: now,
        },
      }));
      count++;
    }
  }
  return count;
}

async function createAndSubmit(deps: MvSubmitDeps, jobId: string, create: MvCreateRequest, submit: MvSubmitRequest): Promise<MvJob> {
  let projectId: string;
  try {
    ({ projectId } = await deps.api.createMvProject(create));
  } catch (error) {
    const unknown = outcomeUnknown(error);
    deps.store.update<MvJob>(
      jobId,
      () => ({
        // Without a project id an unknown create cannot be checked; it stays for the user to decide.
        phase: unknown ? 'outcomeUnknown' : 'createFailed',
        lastError: jobErrorFrom(error, deps.now(), unknown ? (message) => l10n.t('The project may or may not have been created: {0}', message) : undefined),
      }),
      { persistNow: true },
    );
    throw error;
  }
  // The project exists now: record it before submitting, so it can never be lost or created twice.
  const recorded = deps.store.update<MvJob>(jobId, () => ({ projectId, phase: 'notSubmitted', lastError: undefined }), { persistNow: true });
  if (!recorded) {
    throw new MvActionError('notFound', l10n.t('The music video was removed from the list while its project was being created; it was not submitted.'));
  }
  return sendSubmit(deps, jobId, markChecked({ ...submit, projectId }));
}

async function sendSubmit(deps: MvSubmitDeps, jobId: string, request: MvSubmitRequest): Promise<MvJob> {
  // `submitting` on disk means "outcome unknown" after a crash, which is asked about rather than re-sent.
  if (deps.store.get(jobId)?.phase !== 'submitting') {
    deps.store.update<MvJob>(jobId, () => ({ phase: 'submitting', waitingSince: deps.now() }));
    await deps.store.flush();
  }
  try {
    await deps.api.submitMv(request);
  } catch (error) {
    const now = deps.now();
    if (alreadySubmitted(error)) {
      // A definite "already submitted" means the work is under way: follow it.
      return markRunning(deps, jobId);
    }
    const unknown = outcomeUnknown(error);
    deps.store.update<MvJob>(
      jobId,
      () => ({
        phase: unknown ? 'outcomeUnknown' : 'notSubmitted',
        lastError: unknown
          ? jobErrorFrom(error, now, (message) => l10n.t('The submission may or may not have reached Giggle; checking before anything else: {0}', message))
          : jobErrorFrom(error, now, (message) =>
              l10n.t('The project was created but not submitted. Submit Again re-sends it for the same project: {0}', message),
            ),
      }),
      { persistNow: true },
    );
    throw error;
  }
  return markRunning(deps, jobId);
}

function markRunning(deps: MvSubmitDeps, jobId: string): MvJob {
  const updated = deps.store.update<MvJob>(jobId, () => ({ phase: 'running', lastError: undefined, fault: undefined }), { persistNow: true });
  if (!updated) throw new MvActionError('notFound', l10n.t('The music video was removed from the list while it was being submitted.'));
  return updated;
}

function alreadySubmitted(error: unknown): boolean {
  return isGiggleError(error) && !error.outcomeUnknown && error.kind === 'api' && /already (been )?submitted/i.test(error.message);
}

/**
 * The form checked: both halves of the one action, as the client takes them
 * (`submit.projectId` is a stand-in until the project exists). Marked as
 * checked, and so is the pair, so the layers below never check it again.
 */
export interface CheckedMusicVideo {
  readonly create: Checked<MvCreateRequest>;
  readonly submit: Checked<MvSubmitRequest>;
}

/**
 * Both halves validated together so the user sees every issue at once.
 * `projectAspect`: the aspect of an existing project, which a resubmission cannot change.
 */
export function checkMusicVideo(input: unknown, projectAspect?: string): Validated<CheckedMusicVideo> {
  if (!isRecord(input)) return { ok: false, issues: [{ field: 'request', message: l10n.t('the music video form must be an object') }] };
  const { name, projectType, projectId: _ignored, ...submitFields } = input;
  const aspect = submitFields.aspect;
  const issues: FieldIssue[] = [];
  const create = validateMvCreate({ name, aspect, projectType });
  if (!create.ok) issues.push(...create.issues);
  const submit = validateMvSubmit({ ...submitFields, projectId: PROJECT_ID_PLACEHOLDER });
  // The aspect is reported once (create's check covers it).
  if (!submit.ok) issues.push(...submit.issues.filter((issue) => issue.field !== 'aspect' || create.ok));
  if (projectAspect !== undefined && aspect !== projectAspect) {
    issues.push({ field: 'aspect', message: l10n.t('aspect is fixed when the project is created ({0}); it cannot change on Submit Again', projectAspect) });
  }
  if (!create.ok || !submit.ok || issues.length > 0) return { ok: false, issues };
  // Checked here, once: the client trusts both (src/giggle/checked.ts); the project id added later is Giggle's own.
  return { ok: true, value: markChecked({ create: markChecked(create.value), submit: markChecked(submit.value) }) };
}

/** The same submission with its song and reference image replaced by their uploads: asset ids from Giggle's own register reply, so still checked. */
export function withUploadedAssets(
  checked: CheckedMusicVideo,
  uploads: { musicAssetId?: string; reference?: { referenceImage: string } | { referenceImageUrl: string } },
): CheckedMusicVideo {
  let submit: MvSubmitRequest = checked.submit;
  if (uploads.musicAssetId !== undefined && submit.musicGenerateType === 'upload') submit = { ...submit, musicAssetId: uploads.musicAssetId };
  if (uploads.reference) {
    const { referenceImage: _id, referenceImageUrl: _url, ...rest } = submit;
    submit = { ...rest, ...uploads.reference } as MvSubmitRequest;
  }
  return markChecked({ create: checked.create, submit: markChecked(submit) });
}

function isCheckedMusicVideo(input: unknown): input is CheckedMusicVideo {
  return isRecord(input) && isChecked(input) && isChecked((input as Record<string, unknown>).create) && isChecked((input as Record<string, unknown>).submit);
}

function validateMusicVideo(input: unknown, projectAspect?: string): CheckedMusicVideo {
  const checked = checkMusicVideo(input, projectAspect);
  if (!checked.ok) {
    throw new InputError(checked.issues, isRecord(input) ? 'submitMv' : 'createProject');
  }
  return checked.value;
}

function fingerprint(create: MvCreateRequest, submit: MvSubmitRequest): string {
  // Hashed so an in-flight entry does not hold a second copy of a megabyte of base64.
  return createHash('sha256').update(JSON.stringify({ create, submit: { ...submit, projectId: undefined } })).digest('hex');
}

/** The persisted request: everything the user chose, the image only as a description (no bytes). */
function describeRequest(create: MvCreateRequest, submit: MvSubmitRequest, reference?: FrameSource): MvJobRequest {
  const request: MvJobRequest = {
    name: create.name,
    aspect: create.aspect,
    musicGenerateType: submit.musicGenerateType,
    sceneDescription: submit.sceneDescription,
    subtitleEnabled: submit.subtitleEnabled,
    reference: describeReference(submit, reference),
  };
  if (create.projectType === 'aimv-30') request.projectType = 'aimv-30';
  if (submit.musicGenerateType === 'prompt') {
    Object.assign(request, { prompt: submit.prompt, vocalGender: submit.vocalGender, instrumental: submit.instrumental });
  } else if (submit.musicGenerateType === 'upload') {
    request.musicAssetId = submit.musicAssetId;
  } else {
    Object.assign(request, { lyrics: submit.lyrics, style: submit.style, title: submit.title });
  }
  return request;
}

function describeReference(submit: MvSubmitRequest, origin?: FrameSource): FrameSource {
  // An asset id is reusable as is, whatever it was uploaded from.
  if (submit.referenceImage) return { kind: 'asset', assetId: submit.referenceImage };
  const url = submit.referenceImageUrl ?? '';
  if (/^https?:\/\//i.test(url)) return { kind: 'url', url };
  const bytes = decodedLength(url);
  // Rebuilt field by field: a caller's object must not smuggle the bytes into the jobs file.
  if (origin?.kind === 'file' && typeof origin.path === 'string') {
    return { kind: 'file', path: origin.path, bytes: typeof origin.bytes === 'number' ? origin.bytes : bytes };
  }
  return { kind: 'base64', bytes };
}

function decodedLength(base64: string): number {
  return Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
