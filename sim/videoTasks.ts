/**
 * Video generation tasks (giggle-api.md, "Video generation"): validation of
 * text-to-video / image-to-video bodies and the time-based lifecycle
 * pending → processing → completed | failed. State is computed from the clock
 * on every query, so no timers run and a fake clock controls everything.
 */
import { randomUUID } from 'node:crypto';
import { VIDEO_RATIOS, VIDEO_RESOLUTIONS, VIDEO_RESOLUTION_DEFAULT, secondsFor, type VideoRatio, type VideoResolution } from './giggleTable';
import type { AssetStore } from './assets';
import { spread, type SimClock } from './clock';
import { invalid, notFound } from './envelope';
import type { UrlSigner } from './signing';
import { asBody, checkBase64Image, isHttpUrl, oneOf, optionalString, requiredString, type Body } from './validate';

export type TaskOutcome = 'completed' | 'failed' | 'error' | 'sensitive';

export interface VideoTask {
  taskId: string;
  kind: 'text-to-video' | 'image-to-video';
  prompt: string;
  model: string;
  duration: number;
  aspectRatio: VideoRatio;
  resolution: VideoResolution;
  startFrame?: Record<string, string>;
  endFrame?: Record<string, string>;
  createdAt: number;
  /** Until then the task reports `pending`. */
  pendingUntil: number;
  /** From then on the task reports its outcome. */
  readyAt: number;
  outcome: TaskOutcome;
  urlCount: number;
  /** `[no-urls]` / `[empty-urls]`: completed without a `urls` field, or with an empty list (generation_api.py line 251). */
  missingUrls?: 'absent' | 'empty';
  /** `[policy-only]`: links carry `Policy` without `Expires`. */
  policyOnly: boolean;
}

const FRAME_KEYS = ['asset_id', 'url', 'base64'] as const;

/** Giggle says generation usually takes 60–300 s; the simulator stays inside that. */
const MIN_MS = 60_000;
const MAX_MS = 180_000;

export class VideoTasks {
  readonly tasks = new Map<string, VideoTask>();

  constructor(
    private readonly clock: SimClock,
    private readonly signer: UrlSigner,
    private readonly assets: AssetStore,
  ) {}

  submit(kind: VideoTask['kind'], raw: unknown): { task_id: string } {
    const body = asBody(raw);
    const prompt = requiredString(body, 'prompt');
    const modelId = requiredString(body, 'model');
    const seconds = secondsFor(modelId);
    if (!seconds) throw invalid(`model ${modelId} is not supported`);
    if (body.duration === undefined || body.duration === null) throw invalid('duration is required');
    if (typeof body.duration !== 'number') throw invalid('duration must be a number');
    if (!seconds.includes(body.duration)) {
      throw invalid(`duration ${body.duration} is not supported by model ${modelId} (allowed: ${seconds.join(', ')})`);
    }
    const aspectRatio = oneOf(optionalString(body, 'aspect_ratio') ?? VIDEO_RATIOS[0], VIDEO_RATIOS, 'aspect_ratio');
    const resolution = oneOf(optionalString(body, 'resolution') ?? VIDEO_RESOLUTION_DEFAULT, VIDEO_RESOLUTIONS, 'resolution');
    let startFrame: Record<string, string> | undefined;
    let endFrame: Record<string, string> | undefined;
    if (kind === 'image-to-video') {
      startFrame = this.checkFrame(body.start_frame, 'start_frame');
      endFrame = this.checkFrame(body.end_frame, 'end_frame');
      if (!startFrame && !endFrame) throw invalid('image-to-video needs start_frame or end_frame');
    }
    // Text-to-video ignores frame fields, as an API ignores unknown fields.

    const taskId = randomUUID();
    const now = this.clock.now();
    const slow = prompt.includes('[slow]') ? 10 : 1;
    const total = this.clock.scaled(spread(taskId, MIN_MS, MAX_MS) * slow);
    const outcome: TaskOutcome = prompt.includes('[sensitive]')
      ? 'sensitive'
      : prompt.includes('[fail]')
        ? 'failed'
        : prompt.includes('[error]')
          ? 'error'
          : 'completed';
    const pendingUntil = now + total * 0.1;
    this.tasks.set(taskId, {
      taskId,
      kind,
      prompt,
      model: modelId,
      duration: body.duration,
      aspectRatio,
      resolution,
      startFrame,
      endFrame,
      createdAt: now,
      pendingUntil,
      // Moderation rejects early, before the expensive generation runs.
      readyAt: outcome === 'sensitive' ? pendingUntil + total * 0.1 : now + total,
      outcome,
      urlCount: prompt.includes('[two]') ? 2 : 1,
      missingUrls: prompt.includes('[no-urls]') ? 'absent' : prompt.includes('[empty-urls]') ? 'empty' : undefined,
      policyOnly: prompt.includes('[policy-only]'),
    });
    return { task_id: taskId };
  }

  query(taskId: string | undefined): Record<string, unknown> {
    if (!taskId) throw invalid('task_id is required');
    const task = this.tasks.get(taskId);
    if (!task) throw notFound(`task ${taskId} not found`);
    const now = this.clock.now();
    const status = statusAt(task, now);
    const reply: Record<string, unknown> = {
      task_id: task.taskId,
      status,
      // Fresh signatures on every query, as the real CDN links are minted per reply.
      urls: status === 'completed' && !task.missingUrls ? this.urls(task) : [],
      err_msg: errorMessage(task, status),
      model: task.model,
      duration: task.duration,
      aspect_ratio: task.aspectRatio,
      resolution: task.resolution,
      created_at: Math.floor(task.createdAt / 1000),
    };
    if (task.missingUrls === 'absent') delete reply.urls;
    return reply;
  }

  clear(): void {
    this.tasks.clear();
  }

  private urls(task: VideoTask): string[] {
    const urls: string[] = [];
    for (let i = 0; i < task.urlCount; i++) {
      const name = i === 0 ? `${task.taskId}.mp4` : `${task.taskId}_${i + 1}.mp4`;
      urls.push(this.signer.signMedia(`/media/video/${name}`, name, task.policyOnly));
    }
    return urls;
  }

  private checkFrame(value: unknown, field: string): Record<string, string> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${field} must be an object`);
    const frame = value as Body;
    const keys = Object.keys(frame).filter((key) => frame[key] !== undefined && frame[key] !== null && frame[key] !== '');
    if (keys.length !== 1 || !(FRAME_KEYS as readonly string[]).includes(keys[0])) {
      throw invalid(`${field} must have exactly one of asset_id, url, base64`);
    }
    const key = keys[0];
    const text = frame[key];
    if (typeof text !== 'string') throw invalid(`${field}.${key} must be a string`);
    if (key === 'asset_id' && !this.assets.has(text)) throw invalid(`${field}.asset_id ${text} not found`);
    if (key === 'url' && !isHttpUrl(text)) throw invalid(`${field}.url must be an http(s) URL`);
    if (key === 'base64') checkBase64Image(text, `${field}.base64`);
    return { [key]: key === 'base64' ? `<${text.length} base64 chars>` : text };
  }
}

/** What a query would report for `task` at simulated time `now` (the chaos run compares jobs with it). */
export function statusAt(task: VideoTask, now: number): string {
  if (now < task.pendingUntil) return 'pending';
  if (now < task.readyAt) return 'processing';
  return task.outcome === 'sensitive' ? 'failed' : task.outcome;
}

function errorMessage(task: VideoTask, status: string): string {
  if (status !== 'failed' && status !== 'error') return '';
  if (task.outcome === 'sensitive') return 'The prompt or image contains sensitive content and was rejected by content moderation.';
  return 'Video generation failed: the model returned no output. Please try again.';
}
