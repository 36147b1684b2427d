/**
 * The simulator's own copy of what Giggle accepts. Written from Giggle's
 * public scripts (giggle-official/skills), NOT imported from the extension's
 * src/giggle/catalogue.ts: the simulator is a second witness, so a wrong entry
 * in the client's table makes a test fail instead of agreeing with itself.
 * A unit test (test/unit/sim/independence.test.ts) fails if sim/ imports src/.
 */

/** generation_api.py MODEL_DURATIONS (lines 34–48): allowed seconds per model. */
export const MODEL_SECONDS: Readonly<Record<string, readonly number[]>> = {
  grok: [6, 10],
  'grok-fast': [6, 10],
  sora2: [4, 8, 12],
  'sora2-pro': [4, 8, 12],
  'sora2-fast': [10, 15],
  'sora2-pro-fast': [10, 15],
  kling25: [5, 10],
  'seedance15-pro': [4, 8, 12],
  'seedance15-pro-no-audio': [4, 8, 12],
  veo31: [4, 6, 8],
  'veo31-no-audio': [4, 6, 8],
  minimax23: [6],
  wan25: [5, 10],
};

/** generation_api.py SUPPORTED_ASPECT_RATIOS (line 60); the first is the script's default. */
export const VIDEO_RATIOS = ['16:9', '9:16', '1:1', '3:4', '4:3'] as const;
export type VideoRatio = (typeof VIDEO_RATIOS)[number];

/** generation_api.py SUPPORTED_RESOLUTIONS (line 61); the script defaults to 720p. */
export const VIDEO_RESOLUTIONS = ['480p', '720p', '1080p'] as const;
export type VideoResolution = (typeof VIDEO_RESOLUTIONS)[number];
export const VIDEO_RESOLUTION_DEFAULT: VideoResolution = '720p';

/** trustee_api.py `--aspect` choices (line 457). */
export const MV_RATIOS = ['16:9', '9:16'] as const;
export type MvRatio = (typeof MV_RATIOS)[number];

/**
 * Project types: `mv` (giggle-generation-aimv/scripts/trustee_api.py line 51) and the
 * 30-second music video `aimv-30` (giggle-generation-aimv-30/scripts/trustee_api.py line 51;
 * everything else in that script is identical).
 */
export const MV_TYPES = ['mv', 'aimv-30'] as const;
export type MvType = (typeof MV_TYPES)[number];

/** trustee_api.py `--current-step` help (line 499), in the order the work runs. */
export const MV_STAGES = ['music-generate', 'storyboard', 'shot', 'editor'] as const;
export type MvStage = (typeof MV_STAGES)[number];

/** trustee_api.py `--vocal-gender` (default auto, line 464); SKILL.md lists male and female. */
export const MV_VOICES = ['auto', 'male', 'female'] as const;

/** The MV seed's limit on `scene_description`. */
export const SCENE_LIMIT = 200;

/** Allowed seconds for `model`, or undefined for a model Giggle does not know. */
export function secondsFor(model: string): readonly number[] | undefined {
  return Object.prototype.hasOwnProperty.call(MODEL_SECONDS, model) ? MODEL_SECONDS[model] : undefined;
}
