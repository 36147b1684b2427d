/**
 * The shapes the rest of the extension uses to talk about Giggle requests and
 * replies. These are camelCased domain types; the wire format (snake_case,
 * envelopes) stays inside client.ts and schemas.ts.
 */
import type { AspectRatio, MvAspect, MvProjectType, MvStep, Resolution, VocalGender } from './catalogue';

/** A frame on the wire: exactly one of asset id, URL or raw base64 (no `data:` prefix). */
export type Frame = { asset_id: string } | { url: string } | { base64: string };

export interface VideoRequest {
  prompt: string;
  model: string;
  duration: number;
  aspectRatio: AspectRatio;
  resolution: Resolution;
  /** Image-to-video when either frame is present. */
  startFrame?: Frame;
  endFrame?: Frame;
}

/** `error` is folded into `failed` by the client. */
export type VideoStatus = 'pending' | 'processing' | 'completed' | 'failed';

export interface VideoTaskState {
  taskId: string;
  status: VideoStatus;
  /** Signed video URLs, present once completed. */
  urls: string[];
  errorMessage?: string;
  /** True when errorMessage says the prompt or image failed content moderation. */
  moderated?: boolean;
}

export interface MvCreateRequest {
  name: string;
  aspect: MvAspect;
  /** `mv` (the default) or `aimv-30`, the 30-second music video. */
  projectType?: MvProjectType;
}

interface MvSubmitCommon {
  projectId: string;
  aspect: MvAspect;
  /** At most MAX_SCENE_DESCRIPTION characters; empty by default. */
  sceneDescription?: string;
  subtitleEnabled?: boolean;
  /** Exactly one of these two: an asset id, or an https URL / raw base64 image. */
  referenceImage?: string;
  referenceImageUrl?: string;
}

export interface MvPromptSubmit extends MvSubmitCommon {
  musicGenerateType: 'prompt';
  prompt: string;
  vocalGender?: VocalGender;
  instrumental?: boolean;
}

export interface MvCustomSubmit extends MvSubmitCommon {
  musicGenerateType: 'custom';
  lyrics: string;
  style: string;
  title: string;
}

/** The user's own song, uploaded first as a Giggle asset (Giggle's trustee_api.py, upload mode). */
export interface MvUploadSubmit extends MvSubmitCommon {
  musicGenerateType: 'upload';
  musicAssetId: string;
}

export type MvSubmitRequest = MvPromptSubmit | MvCustomSubmit | MvUploadSubmit;

export interface MvSubStepState {
  step: string;
  status: string;
  error?: string;
}

export interface MvStepState {
  step: string;
  status: string;
  error?: string;
  subSteps: MvSubStepState[];
}

export interface MvVideoAsset {
  assetId?: string;
  downloadUrl?: string;
  signedUrl?: string;
  thumbnailUrl?: string;
  duration?: number;
}

export interface MvProjectState {
  projectId: string;
  /** `completed`, `failed`, or an in-progress value the API chooses. */
  status: string;
  currentStep?: string;
  completedSteps: string[];
  /** `pending` means the pay call must be made before work continues. */
  payStatus?: string;
  errorMessage?: string;
  shotCount?: number;
  steps: MvStepState[];
  videoAsset?: MvVideoAsset;
}

export interface MvPayResult {
  orderId: string;
  price?: number;
}

export interface AssetUpload {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface UploadedAsset {
  assetId: string;
  name?: string;
  type?: string;
  fileUrl?: string;
}

export interface PriceQuery {
  model: string;
  /** e.g. `VideoService.Img2Video`; see giggle-api.md. */
  generateType: string;
  duration: number;
}

export type { AspectRatio, MvAspect, MvStep, Resolution, VocalGender };
