/**
 * The model catalogue and the parameter ranges of the Giggle generation API,
 * transcribed from ../shared/giggle-api.md (itself from the seed skill's table).
 * Everything that offers or validates a model, duration, aspect ratio or
 * resolution reads it from here, so the wizard, the panel, the validator and
 * the simulator can never disagree.
 */

export interface VideoModel {
  readonly id: string;
  /** Allowed durations in seconds; the API rejects anything else. */
  readonly durations: readonly number[];
  readonly defaultDuration: number;
  /** English description; user-facing text goes through l10n at the edges. */
  readonly description: string;
  readonly recommended?: boolean;
  /** True when the model produces a soundtrack (matters for in-editor playback). */
  readonly audio?: boolean;
}

export const VIDEO_MODELS: readonly VideoModel[] = [
  { id: 'grok', durations: [6, 10], defaultDuration: 6, description: 'Strong overall capability', recommended: true },
  { id: 'grok-fast', durations: [6, 10], defaultDuration: 6, description: 'Grok, fast version' },
  { id: 'sora2', durations: [4, 8, 12], defaultDuration: 4, description: 'OpenAI Sora 2' },
  { id: 'sora2-pro', durations: [4, 8, 12], defaultDuration: 4, description: 'OpenAI Sora 2 Pro' },
  { id: 'sora2-fast', durations: [10, 15], defaultDuration: 10, description: 'OpenAI Sora 2, fast' },
  { id: 'sora2-pro-fast', durations: [10, 15], defaultDuration: 10, description: 'OpenAI Sora 2 Pro, fast' },
  { id: 'kling25', durations: [5, 10], defaultDuration: 5, description: 'Kling video model' },
  { id: 'seedance15-pro', durations: [4, 8, 12], defaultDuration: 4, description: 'Seedance Pro, with audio', audio: true },
  { id: 'seedance15-pro-no-audio', durations: [4, 8, 12], defaultDuration: 4, description: 'Seedance Pro, no audio' },
  { id: 'veo31', durations: [4, 6, 8], defaultDuration: 4, description: 'Google Veo 3.1, with audio', audio: true },
  { id: 'veo31-no-audio', durations: [4, 6, 8], defaultDuration: 4, description: 'Google Veo 3.1, no audio' },
  { id: 'minimax23', durations: [6], defaultDuration: 6, description: 'MiniMax model' },
  // The seed's table gives wan25 a default of 0, which is not one of its allowed
  // durations and would be rejected by the API. 5 is the shortest allowed value,
  // matching how every other model defaults to its shortest duration.
  { id: 'wan25', durations: [5, 10], defaultDuration: 5, description: 'Wanxiang model' },
];

/** The seed's parameter table names grok as the default (and recommended) model. */
export const DEFAULT_MODEL = 'grok';

export const ASPECT_RATIOS = ['16:9', '9:16', '1:1', '3:4', '4:3'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export const DEFAULT_ASPECT_RATIO: AspectRatio = '16:9';

export const RESOLUTIONS = ['480p', '720p', '1080p'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const DEFAULT_RESOLUTION: Resolution = '720p';

/** Music videos only come in landscape or portrait. */
export const MV_ASPECTS = ['16:9', '9:16'] as const;
export type MvAspect = (typeof MV_ASPECTS)[number];

/**
 * The project `type` on create: `mv`, or `aimv-30` for the 30-second music video.
 * Giggle's aimv-30 script differs from the aimv one only there (trustee_api.py line 51).
 */
export const MV_PROJECT_TYPES = ['mv', 'aimv-30'] as const;
export type MvProjectType = (typeof MV_PROJECT_TYPES)[number];

/** The trustee workflow's steps, in the order Giggle runs them. */
export const MV_STEPS = ['music-generate', 'storyboard', 'shot', 'editor'] as const;
export type MvStep = (typeof MV_STEPS)[number];

export const VOCAL_GENDERS = ['auto', 'male', 'female'] as const;
export type VocalGender = (typeof VOCAL_GENDERS)[number];

/** The API documents this limit for `scene_description`. */
export const MAX_SCENE_DESCRIPTION = 200;

/**
 * Giggle documents no prompt limit. 2,000 characters is what the largest
 * supported model (Sora 2) accepts; longer prompts are refused locally so that
 * no credits are spent on a request the service might truncate or reject.
 */
export const MAX_PROMPT_LENGTH = 2000;

export function findModel(id: string): VideoModel | undefined {
  return VIDEO_MODELS.find((model) => model.id === id);
}

/** Recommended models first, then the seed's order. */
export function modelsForPicker(): VideoModel[] {
  return [...VIDEO_MODELS].sort((a, b) => Number(!!b.recommended) - Number(!!a.recommended));
}
