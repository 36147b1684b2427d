/**
 * The Giggle API client: one method per call of ../shared/giggle-api.md.
 * Requests are validated before anything is sent (InputError; a request the
 * submission path checked already is trusted, see checked.ts), bodies are
 * built in the exact snake_case the contract names, and replies come back as
 * the camelCased domain types of types.ts. No vscode import: unit-tested in Node.
 */
import * as l10n from '@vscode/l10n';
import * as z from 'zod/v4-mini';
import { MV_STEPS } from './catalogue';
import type { MvStep } from './catalogue';
import { ApiError, InputError, MalformedReplyError } from './errors';
import { isSafeLink } from './linkGuard';
import {
  createProjectDataSchema,
  mvProjectDataSchema,
  payDataSchema,
  presignDataSchema,
  priceDataSchema,
  registerDataSchema,
  submitVideoDataSchema,
  videoTaskDataSchema,
} from './schemas';
import { Transport } from './transport';
import type { FetchFunction, RequestLogEntry } from './transport';
import type {
  AssetUpload,
  MvCreateRequest,
  MvPayResult,
  MvProjectState,
  MvSubmitRequest,
  PriceQuery,
  UploadedAsset,
  VideoRequest,
  VideoTaskState,
} from './types';
import { validateMvCreate, validateMvSubmit, validateVideoRequest } from './validation';
import { validateOnce } from './checked';
import type { FieldIssue } from './issues';

export type { RequestLogEntry } from './transport';

export interface GiggleClientOptions {
  /** `https://giggle.pro`, or the simulator's `http://127.0.0.1:PORT`; a trailing slash is fine. */
  baseUrl: string;
  /** Read before every request, so a key set or cleared meanwhile is honoured. */
  getApiKey: () => string | undefined | Promise<string | undefined>;
  /** Per API request; 30 s matches the `giggle.requestTimeoutSeconds` default. */
  timeoutMs?: number;
  /** For the asset PUT, which carries up to an image's worth of bytes. */
  uploadTimeoutMs?: number;
  fetch?: FetchFunction;
  onRequest?: (entry: RequestLogEntry) => void;
  userAgent?: string;
}

export const PATHS = {
  textToVideo: '/api/v1/generation/text-to-video',
  imageToVideo: '/api/v1/generation/image-to-video',
  queryTask: '/api/v1/generation/task/query',
  createProject: '/api/v1/project/create',
  submitMv: '/api/v1/trustee_mode/mv/submit',
  queryMv: '/api/v1/trustee_mode/mv/query',
  payMv: '/api/v1/trustee_mode/mv/pay',
  retryMv: '/api/v1/trustee_mode/mv/retry',
  presignAsset: '/api/v1/asset/get-presigned-url',
  registerAsset: '/api/v1/asset/register',
  modelPrice: '/api/v1/payment/model-price',
} as const;

/** checkKey asks for this task: it cannot exist, so the call is cheap and has no effect. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const anyData = z.unknown();

export class GiggleClient {
  private readonly transport: Transport;

  constructor(options: GiggleClientOptions) {
    this.transport = new Transport({
      baseUrl: options.baseUrl,
      getApiKey: options.getApiKey,
      timeoutMs: options.timeoutMs ?? 30_000,
      uploadTimeoutMs: options.uploadTimeoutMs ?? 120_000,
      fetch: options.fetch,
      onRequest: options.onRequest,
      userAgent: options.userAgent ?? 'giggle-video-vscode',
    });
  }

  /** Image-to-video when either frame is present, text-to-video otherwise. */
  async submitVideo(input: VideoRequest | unknown): Promise<{ taskId: string; operation: 'textToVideo' | 'imageToVideo' }> {
    const checked = validateOnce(input, validateVideoRequest);
    const withFrames = checked.ok && (checked.value.startFrame !== undefined || checked.value.endFrame !== undefined);
    const operation = withFrames ? 'imageToVideo' : 'textToVideo';
    if (!checked.ok) throw new InputError(checked.issues, operation);
    const request = checked.value;
    const body: Record<string, unknown> = {
      prompt: request.prompt,
      model: request.model,
      duration: request.duration,
      aspect_ratio: request.aspectRatio,
      resolution: request.resolution,
    };
    if (request.startFrame) body.start_frame = request.startFrame;
    if (request.endFrame) body.end_frame = request.endFrame;
    const { taskId } = await this.transport.call({ operation, method: 'POST', path: PATHS[operation], body }, submitVideoDataSchema);
    return { taskId, operation };
  }

  async queryVideoTask(taskId: string): Promise<VideoTaskState> {
    requireId(taskId, 'taskId', 'queryTask');
    const state = await this.transport.call(
      { operation: 'queryTask', method: 'GET', path: PATHS.queryTask, query: { task_id: taskId } },
      videoTaskDataSchema,
    );
    return { ...state, taskId: state.taskId ?? taskId };
  }

  async createMvProject(input: MvCreateRequest): Promise<{ projectId: string }> {
    const checked = validateOnce(input, validateMvCreate);
    if (!checked.ok) throw new InputError(checked.issues, 'createProject');
    const { name, aspect, projectType } = checked.value;
    return this.transport.call(
      { operation: 'createProject', method: 'POST', path: PATHS.createProject, body: { name, type: projectType ?? 'mv', aspect, mode: 'trustee' } },
      createProjectDataSchema,
    );
  }

  async submitMv(input: MvSubmitRequest): Promise<void> {
    const checked = validateOnce(input, validateMvSubmit);
    if (!checked.ok) throw new InputError(checked.issues, 'submitMv');
    await this.transport.call({ operation: 'submitMv', method: 'POST', path: PATHS.submitMv, body: mvSubmitBody(checked.value) }, anyData);
  }

  async queryMv(projectId: string): Promise<MvProjectState> {
    requireId(projectId, 'projectId', 'queryMv');
    const state = await this.transport.call(
      { operation: 'queryMv', method: 'GET', path: PATHS.queryMv, query: { project_id: projectId } },
      mvProjectDataSchema,
    );
    return { ...state, projectId: state.projectId ?? projectId };
  }

  async payMv(projectId: string): Promise<MvPayResult> {
    requireId(projectId, 'projectId', 'payMv');
    return this.transport.call({ operation: 'payMv', method: 'POST', path: PATHS.payMv, body: { project_id: projectId } }, payDataSchema);
  }

  async retryMv(projectId: string, step: MvStep): Promise<void> {
    requireId(projectId, 'projectId', 'retryMv');
    if (!(MV_STEPS as readonly string[]).includes(step)) {
      throw new InputError([{ field: 'step', message: l10n.t('step must be one of {0}', MV_STEPS.join(', ')) }], 'retryMv');
    }
    await this.transport.call(
      { operation: 'retryMv', method: 'POST', path: PATHS.retryMv, body: { project_id: projectId, current_step: step } },
      anyData,
    );
  }

  /** Presign → PUT the bytes to the signed URL → register. Returns the asset id usable as a frame. */
  async uploadAsset(upload: AssetUpload): Promise<UploadedAsset> {
    const issues: FieldIssue[] = [];
    if (typeof upload?.fileName !== 'string' || upload.fileName.trim() === '') issues.push({ field: 'fileName', message: l10n.t('fileName must not be empty') });
    if (typeof upload?.contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(upload.contentType)) {
      issues.push({ field: 'contentType', message: l10n.t('contentType must be a MIME type such as image/png') });
    }
    if (!(upload?.bytes instanceof Uint8Array) || upload.bytes.length === 0) issues.push({ field: 'bytes', message: l10n.t('bytes must not be empty') });
    if (issues.length > 0) throw new InputError(issues, 'uploadAsset');

    const { objectKey, signedUrl } = await this.transport.call(
      {
        operation: 'presignAsset',
        method: 'POST',
        path: PATHS.presignAsset,
        body: { file_name: upload.fileName, content_type: upload.contentType, is_public: true },
      },
      presignDataSchema,
    );
    // The image goes wherever this points: https only (http to this machine, for the simulator).
    if (!isSafeLink(signedUrl)) {
      throw new MalformedReplyError('presignAsset', 'data.signed_url is not an https URL', { httpStatus: 200, outcomeUnknown: false });
    }
    await this.transport.put('uploadAsset', signedUrl, upload.contentType, upload.bytes);
    return this.transport.call(
      { operation: 'registerAsset', method: 'POST', path: PATHS.registerAsset, body: { object_key: objectKey, name: upload.fileName } },
      registerDataSchema,
    );
  }

  /** Credits for a generation, or undefined when unknown: the contract says a price failure must never block. */
  async getModelPrice(query: PriceQuery): Promise<number | undefined> {
    try {
      return await this.transport.call(
        {
          operation: 'modelPrice',
          method: 'POST',
          path: PATHS.modelPrice,
          body: { model: query.model, generate_type: query.generateType, duration: query.duration },
        },
        priceDataSchema,
      );
    } catch {
      return undefined;
    }
  }

  /**
   * Verifies the key with a cheap authenticated call that has no effect.
   * Returns only when the reply proves the key was accepted: a success, or a
   * business error about the (made-up) task that is not about the key, such
   * as "task not found". A refused key (HTTP 401/403, or a 200 envelope whose
   * code or text says the key is invalid) is an AuthError. Anything else
   * proves nothing and propagates: a 5xx (a gateway in front of a failing
   * service answers before any key is looked at), an envelope code in the
   * 5xx range, a code that is not a number, a malformed reply, a network error.
   */
  async checkKey(): Promise<void> {
    try {
      await this.transport.call({ operation: 'queryTask', method: 'GET', path: PATHS.queryTask, query: { task_id: NIL_UUID } }, anyData);
    } catch (error) {
      if (error instanceof ApiError && error.fromEnvelope && provesKeyAccepted(error)) return;
      throw error;
    }
  }
}

/** A business refusal from the service itself (HTTP 2xx/4xx, a numeric code outside 5xx): it looked at the request, so it took the key. */
function provesKeyAccepted(error: ApiError): boolean {
  const code = typeof error.code === 'number' ? error.code : NaN;
  return (error.httpStatus ?? 200) < 500 && Number.isInteger(code) && !(code >= 500 && code < 600);
}

function mvSubmitBody(request: MvSubmitRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    project_id: request.projectId,
    music_generate_type: request.musicGenerateType,
    aspect: request.aspect,
    scene_description: request.sceneDescription ?? '',
    subtitle_enabled: request.subtitleEnabled ?? false,
  };
  if (request.referenceImage !== undefined) body.reference_image = request.referenceImage;
  if (request.referenceImageUrl !== undefined) body.reference_image_url = request.referenceImageUrl;
  if (request.musicGenerateType === 'prompt') {
    body.prompt = request.prompt;
    body.vocal_gender = request.vocalGender ?? 'auto';
    body.instrumental = request.instrumental ?? false;
  } else if (request.musicGenerateType === 'upload') {
    body.music_asset_id = request.musicAssetId;
  } else {
    body.lyrics = request.lyrics;
    body.style = request.style;
    body.title = request.title;
  }
  return body;
}

function requireId(value: unknown, field: string, operation: 'queryTask' | 'queryMv' | 'payMv' | 'retryMv'): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError([{ field, message: l10n.t('{0} must be a non-empty string', field) }], operation);
  }
}
