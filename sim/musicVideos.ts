/**
 * Music videos in trustee mode (giggle-api.md, "Music video"): create, submit,
 * progress, pay and retry. Work runs music-generate → storyboard, then stops
 * with `pay_status: 'pending'` until pay is called, then shot → editor. Like
 * the video tasks, progress is derived from the clock whenever a project is
 * touched, so there are no timers.
 */
import { randomUUID } from 'node:crypto';
import { MV_TYPES, type MvType, MV_RATIOS as MV_ASPECTS, MV_STAGES as MV_STEPS, MV_VOICES as VOCAL_GENDERS, SCENE_LIMIT as MAX_SCENE_DESCRIPTION, type MvRatio as MvAspect, type MvStage as MvStep } from './giggleTable';
import type { AssetStore } from './assets';
import { spread, type SimClock } from './clock';
import { conflict, invalid, notFound } from './envelope';
import type { UrlSigner } from './signing';
import { asBody, checkBase64Image, isHttpUrl, oneOf, optionalBoolean, optionalString, requiredString } from './validate';

type StepStatus = 'pending' | 'processing' | 'completed' | 'failed';

/**
 * How a failure shows in the progress reply. trustee_api.py (lines 415–422) treats each as failed:
 * - `status`: `status: 'failed'`, the step and a sub-step failed, `err_msg` set (the usual form);
 * - `errMsg`: only `err_msg` is set; every status still says processing;
 * - `subError`: only a sub-step's `error` is set; every status (and `err_msg`) still says all is well.
 */
export type FailStyle = 'status' | 'errMsg' | 'subError';

const FAIL_MARKERS: Record<string, FailStyle> = { fail: 'status', 'err-msg': 'errMsg', 'sub-error': 'subError' };

/** The step name Giggle's pay gate may show instead of `pay_status: pending` (any name containing "pay"). */
export const PAY_STEP = 'wait-pay';

export interface MvProject {
  projectId: string;
  name: string;
  /** `mv`, or `aimv-30` (the 30-second music video: same flow, a 30-s video). */
  type: MvType;
  aspect: MvAspect;
  createdAt: number;
  /** The submit body as received (base64 images shortened), once submitted. */
  submission?: Record<string, unknown>;
  /** Steps that fail the next time they run, and how Giggle says so (`[fail:STEP]`, `[err-msg:STEP]`, `[sub-error:STEP]`). */
  failOnce: Map<MvStep, FailStyle>;
  /** `[pay-step]`: the pay gate shows as `current_step: 'wait-pay'` with an empty `pay_status` (trustee_api.py line 424). */
  payAsStep: boolean;
  /** `[policy-only]`: signed links carry `Policy` without `Expires`, like the seed's sample link. */
  policyOnly: boolean;
  /** Scaled duration of each step in ms. */
  durations: Record<MvStep, number>;
  shotCount: number;
  price: number;
  stepStatus: Record<MvStep, StepStatus>;
  /** Index into MV_STEPS of the step running (or waiting) now. */
  stepIndex: number;
  stepStartedAt?: number;
  payStatus: '' | 'pending' | 'paid';
  failure?: { step: MvStep; subStep: string; message: string; style: FailStyle };
  completedAt?: number;
  /** Progress queries that have reported `completed` (drives the download_url lag). */
  completedPolls: number;
  videoAssetId: string;
}

export interface PayRecord {
  projectId: string;
  time: number;
  accepted: boolean;
  orderId?: string;
}

/** Real-time ranges (ms) per step at timeScale 1; shot scales with the number of shots. */
const STEP_MS: Record<MvStep, [number, number]> = {
  'music-generate': [40_000, 80_000],
  storyboard: [30_000, 60_000],
  shot: [20_000, 20_000],
  editor: [20_000, 40_000],
};

/** Where in its step a scripted failure strikes: halfway, so some sub-steps have completed. */
const FAIL_AT = 0.5;

export class MusicVideos {
  readonly projects = new Map<string, MvProject>();
  readonly pays: PayRecord[] = [];

  constructor(
    private readonly clock: SimClock,
    private readonly signer: UrlSigner,
    private readonly assets: AssetStore,
    private readonly downloadUrlLagPolls: number,
  ) {}

  create(raw: unknown): { project_id: string } {
    const body = asBody(raw);
    const name = requiredString(body, 'name');
    const type = oneOf(requiredString(body, 'type'), MV_TYPES, 'type');
    const aspect = oneOf(requiredString(body, 'aspect'), MV_ASPECTS, 'aspect');
    oneOf(requiredString(body, 'mode'), ['trustee'], 'mode');
    const projectId = randomUUID().replace(/-/g, '').slice(0, 18);
    const shotCount = Math.floor(spread(`${projectId}:shots`, 4, 8.99));
    this.projects.set(projectId, {
      projectId,
      name,
      type,
      aspect,
      createdAt: this.clock.now(),
      failOnce: new Map(),
      payAsStep: false,
      policyOnly: false,
      durations: { 'music-generate': 0, storyboard: 0, shot: 0, editor: 0 },
      shotCount,
      price: 100 + shotCount * 80,
      stepStatus: { 'music-generate': 'pending', storyboard: 'pending', shot: 'pending', editor: 'pending' },
      stepIndex: 0,
      payStatus: '',
      completedPolls: 0,
      videoAssetId: randomUUID().replace(/-/g, '').slice(0, 10),
    });
    return { project_id: projectId };
  }

  submit(raw: unknown): Record<string, unknown> {
    const body = asBody(raw);
    const project = this.find(requiredString(body, 'project_id'));
    const type = oneOf(requiredString(body, 'music_generate_type'), ['prompt', 'custom', 'upload'], 'music_generate_type');
    oneOf(requiredString(body, 'aspect'), MV_ASPECTS, 'aspect');
    const scene = optionalString(body, 'scene_description') ?? '';
    if (scene.length > MAX_SCENE_DESCRIPTION) {
      throw invalid(`scene_description must be at most ${MAX_SCENE_DESCRIPTION} characters (got ${scene.length})`);
    }
    optionalBoolean(body, 'subtitle_enabled');
    this.checkReference(body);
    let prompt = '';
    if (type === 'prompt') {
      prompt = requiredString(body, 'prompt');
      const gender = optionalString(body, 'vocal_gender');
      if (gender) oneOf(gender, VOCAL_GENDERS, 'vocal_gender');
      optionalBoolean(body, 'instrumental');
    } else if (type === 'custom') {
      requiredString(body, 'lyrics');
      requiredString(body, 'style');
      requiredString(body, 'title');
    } else {
      const music = requiredString(body, 'music_asset_id');
      // Upload mode makes a video for the user's song, so the asset must be one (trustee_api.py, upload mode).
      const song = this.assets.assets.get(music);
      if (!song) throw invalid(`music_asset_id ${music} not found`);
      if (song.type !== 'audio') throw invalid(`music_asset_id ${music} is ${song.type}, not audio`);
    }
    // Checked after validation so a corrected resubmission of a refused body still works.
    if (project.submission) throw conflict(`project ${project.projectId} has already been submitted`);

    const markers = `${project.name} ${prompt}`;
    for (const match of markers.matchAll(/\[(fail|err-msg|sub-error):([a-z-]+)\]/g)) {
      if ((MV_STEPS as readonly string[]).includes(match[2])) project.failOnce.set(match[2] as MvStep, FAIL_MARKERS[match[1]]);
    }
    project.payAsStep = markers.includes('[pay-step]');
    project.policyOnly = markers.includes('[policy-only]');
    const slow = markers.includes('[slow]') ? 10 : 1;
    for (const step of MV_STEPS) {
      const [min, max] = STEP_MS[step];
      const base = spread(`${project.projectId}:${step}`, min, max) * (step === 'shot' ? project.shotCount : 1);
      project.durations[step] = this.clock.scaled(base * slow);
    }
    project.submission = shorten(body);
    project.stepStartedAt = this.clock.now();
    project.stepStatus['music-generate'] = 'processing';
    return { project_id: project.projectId };
  }

  query(projectId: string | undefined): Record<string, unknown> {
    if (!projectId) throw invalid('project_id is required');
    const project = this.find(projectId);
    const now = this.clock.now();
    this.advance(project, now);
    if (!project.submission) {
      return {
        project_id: project.projectId,
        name: project.name,
        status: 'created',
        current_step: '',
        completed_steps: '',
        pay_status: '',
        err_msg: '',
        shot_count: 0,
        steps: [],
        video_asset: emptyAsset(),
      };
    }
    const failedOpenly = project.failure?.style === 'status';
    const status = project.completedAt !== undefined ? 'completed' : failedOpenly ? 'failed' : 'processing';
    if (status === 'completed') project.completedPolls += 1;
    const storyboardDone = project.stepStatus.storyboard === 'completed';
    return {
      project_id: project.projectId,
      name: project.name,
      status,
      current_step: project.payAsStep && project.payStatus === 'pending' ? PAY_STEP : MV_STEPS[Math.min(project.stepIndex, MV_STEPS.length - 1)],
      completed_steps: MV_STEPS.filter((step) => project.stepStatus[step] === 'completed').join(','),
      // A `[pay-step]` project shows its gate through current_step only.
      pay_status: project.payAsStep && project.payStatus === 'pending' ? '' : project.payStatus,
      err_msg: project.failure && project.failure.style !== 'subError' ? project.failure.message : '',
      shot_count: storyboardDone ? project.shotCount : 0,
      steps: MV_STEPS.map((step) => this.stepView(project, step, now)),
      video_asset: status === 'completed' ? this.assetView(project) : emptyAsset(),
    };
  }

  pay(raw: unknown): { order_id: string; price: number } {
    const body = asBody(raw);
    const projectId = requiredString(body, 'project_id');
    const project = this.find(projectId);
    const now = this.clock.now();
    this.advance(project, now);
    const record: PayRecord = { projectId, time: now, accepted: false };
    this.pays.push(record);
    if (project.payStatus === 'paid') throw conflict(`project ${projectId} already paid`);
    if (project.payStatus !== 'pending') throw conflict(`project ${projectId} is not awaiting payment`);
    record.accepted = true;
    record.orderId = `ord_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    project.payStatus = 'paid';
    project.stepStartedAt = now;
    project.stepStatus.shot = 'processing';
    return { order_id: record.orderId, price: project.price };
  }

  retry(raw: unknown): { project_id: string; current_step: string } {
    const body = asBody(raw);
    const project = this.find(requiredString(body, 'project_id'));
    const step = oneOf(requiredString(body, 'current_step'), MV_STEPS, 'current_step');
    this.advance(project, this.clock.now());
    if (project.failure?.step !== step) {
      throw conflict(`step ${step} of project ${project.projectId} has not failed; nothing to retry`);
    }
    project.failure = undefined;
    project.stepStatus[step] = 'processing';
    project.stepStartedAt = this.clock.now();
    return { project_id: project.projectId, current_step: step };
  }

  /** Every pay call for the project, accepted or refused. */
  payCount(projectId: string): number {
    return this.pays.filter((pay) => pay.projectId === projectId).length;
  }

  clear(): void {
    this.projects.clear();
    this.pays.length = 0;
  }

  private find(projectId: string): MvProject {
    const project = this.projects.get(projectId);
    if (!project) throw notFound(`project ${projectId} not found`);
    return project;
  }

  private checkReference(body: Record<string, unknown>): void {
    const image = optionalString(body, 'reference_image');
    const url = optionalString(body, 'reference_image_url');
    if (image && url) throw invalid('reference_image and reference_image_url are mutually exclusive; send only one');
    if (!image && !url) throw invalid('reference_image or reference_image_url is required');
    if (image && !this.assets.has(image)) throw invalid(`reference_image ${image} not found`);
    if (url && !isHttpUrl(url)) checkBase64Image(url, 'reference_image_url');
  }

  /** Moves the project along to `now`, step by step, stopping at the pay gate or a failure. */
  private advance(project: MvProject, now: number): void {
    while (project.submission && !project.failure && project.completedAt === undefined && project.payStatus !== 'pending') {
      const step = MV_STEPS[project.stepIndex];
      const startedAt = project.stepStartedAt ?? now;
      const duration = project.durations[step];
      const style = project.failOnce.get(step);
      if (style) {
        if (now < startedAt + duration * FAIL_AT) return;
        project.failOnce.delete(step);
        // Only the usual form marks the step failed; the quiet forms leave it "processing".
        if (style === 'status') project.stepStatus[step] = 'failed';
        const subs = subStepNames(project, step);
        const subStep = subs[Math.min(subs.length - 1, Math.floor(FAIL_AT * subs.length))];
        project.failure = { step, subStep, style, message: `${step} failed at ${subStep}: generation error (simulated); retry the step` };
        return;
      }
      const endsAt = startedAt + duration;
      if (now < endsAt) return;
      project.stepStatus[step] = 'completed';
      if (project.stepIndex === MV_STEPS.length - 1) {
        project.completedAt = endsAt;
        return;
      }
      project.stepIndex += 1;
      if (step === 'storyboard' && project.payStatus !== 'paid') {
        // The pay gate: nothing more happens until pay is called.
        project.payStatus = 'pending';
        project.stepStartedAt = undefined;
        return;
      }
      project.stepStartedAt = endsAt;
      project.stepStatus[MV_STEPS[project.stepIndex]] = 'processing';
    }
  }

  private stepView(project: MvProject, step: MvStep, now: number): Record<string, unknown> {
    const status = project.stepStatus[step];
    const names = subStepNames(project, step);
    const failing = project.failure?.step === step ? project.failure : undefined;
    let done = 0;
    if (status === 'completed') done = names.length;
    else if (failing) done = Math.min(names.length - 1, Math.floor(FAIL_AT * names.length));
    else if (status === 'processing' && project.stepStartedAt !== undefined && project.durations[step] > 0) {
      const fraction = (now - project.stepStartedAt) / project.durations[step];
      done = Math.max(0, Math.min(names.length - 1, Math.floor(fraction * names.length)));
    }
    const subSteps = names.map((name, index) => {
      if (index < done) return { step: name, status: 'completed', error: '' };
      if (index === done && failing?.style === 'status') return { step: name, status: 'failed', error: failing.message };
      // `[sub-error:STEP]`: the error text is there, the status still says processing.
      if (index === done && failing?.style === 'subError') return { step: name, status: 'processing', error: failing.message };
      if (index === done && status === 'processing') return { step: name, status: 'processing', error: '' };
      return { step: name, status: 'pending', error: '' };
    });
    return {
      step,
      status,
      error: failing?.style === 'status' ? failing.message : '',
      sub_steps: subSteps,
    };
  }

  private assetView(project: MvProject): Record<string, unknown> {
    const base = `/media/video/${project.videoAssetId}.mp4`;
    const fileName = `${project.videoAssetId}.mp4`;
    return {
      asset_id: project.videoAssetId,
      // Lags behind `completed`, as observed on giggle.pro.
      download_url: project.completedPolls > this.downloadUrlLagPolls ? this.signer.signMedia(base, fileName, project.policyOnly) : '',
      signed_url: this.signer.signMedia(base, undefined, project.policyOnly),
      thumbnail_url: this.signer.signMedia(`/media/thumb/${project.videoAssetId}.jpg`, undefined, project.policyOnly),
      duration: project.type === 'aimv-30' ? 30 : project.shotCount * 5,
    };
  }
}

function subStepNames(project: MvProject, step: MvStep): string[] {
  switch (step) {
    case 'music-generate':
      return ['lyrics', 'music'];
    case 'storyboard':
      return ['script', 'storyboard'];
    case 'shot':
      return Array.from({ length: project.shotCount }, (_, index) => `shot-${index + 1}`);
    case 'editor':
      return ['compose', 'render'];
  }
}

function emptyAsset(): Record<string, unknown> {
  return { asset_id: '', download_url: '', signed_url: '', thumbnail_url: '', duration: 0 };
}

/** Keeps a copy of the submission for tests without holding megabytes of base64. */
function shorten(body: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    copy[key] = typeof value === 'string' && value.length > 512 ? `<${value.length} chars>` : value;
  }
  return copy;
}
