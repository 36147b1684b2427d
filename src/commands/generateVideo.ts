/**
 * giggle.generateVideo: with an argument object it submits at once (for
 * keybindings, tasks, other extensions); without, it walks the seed's
 * interaction guide as a multi-step quick input: model, duration, mode,
 * frames, aspect ratio, resolution, prompt, then a confirmation that shows
 * the estimated credits (or "price unknown" when the price call does not answer).
 */
import type { GiggleContext } from '../context';
import { ASPECT_RATIOS, MAX_PROMPT_LENGTH, RESOLUTIONS, findModel, modelsForPicker } from '../giggle/catalogue';
import { BACK, inputText, outcomeOf, pickOne, runSteps } from '../platform/quickInput';
import type { StepOutcome } from '../platform/quickInput';
import { settings } from '../platform/settings';
import { pickFrame } from '../platform/workspaceImages';
import type { ResolvedFrame } from '../platform/workspaceImages';
import type { VideoArgs } from './videoSubmit';
import { requireKey, submitVideoFromArgs } from './videoSubmit';

type Mode = 'text' | 'start' | 'end' | 'both';

export async function generateVideo(ctx: GiggleContext, args?: unknown): Promise<unknown> {
  if (args !== undefined) {
    const job = await submitVideoFromArgs(ctx, args as VideoArgs);
    return { jobId: job.id, taskId: job.taskId };
  }
  if (!(await requireKey(ctx))) return undefined;
  const answers = await runVideoWizard(ctx);
  if (!answers) return undefined;
  const job = await submitVideoFromArgs(ctx, answers);
  return { jobId: job.id, taskId: job.taskId };
}

interface WizardState {
  model: string;
  duration: number;
  mode: Mode;
  start?: ResolvedFrame;
  end?: ResolvedFrame;
  aspectRatio: string;
  resolution: string;
  prompt: string;
}

/** The model-price call's generate_type for a video (giggle-api.md, "Price"). */
export function videoGenerateType(withFrames: boolean): string {
  return withFrames ? 'VideoService.Img2Video' : 'VideoService.Txt2Video';
}

/** How long the confirmation step waits for a price before it says "price unknown". */
const PRICE_WAIT_MS = 5_000;

/** Credits for the generation, or undefined when the price call fails or is slow: never a blocker. */
async function estimatePrice(ctx: GiggleContext, model: string, withFrames: boolean, duration: number): Promise<number | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      ctx.client().getModelPrice({ model, generateType: videoGenerateType(withFrames), duration }).catch(() => undefined),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), PRICE_WAIT_MS))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function runVideoWizard(ctx: GiggleContext): Promise<VideoArgs | undefined> {
  const title = 'Generate Video';
  const total = 9;
  const prices = new Map<string, Promise<number | undefined>>();
  const state: WizardState = {
    model: findModel(settings.defaultModel()) ? settings.defaultModel() : 'grok',
    duration: 0,
    mode: 'text',
    aspectRatio: settings.defaultAspectRatio(),
    resolution: settings.defaultResolution(),
    prompt: '',
  };
  const frameStep = (which: 'start' | 'end') => async (): Promise<StepOutcome> => {
    const needed = which === 'start' ? state.mode === 'start' || state.mode === 'both' : state.mode === 'end' || state.mode === 'both';
    if (!needed) {
      state[which] = undefined;
      return 'skip';
    }
    const picked = await pickFrame(`${title}: ${which === 'start' ? 'start' : 'end'} frame`, which === 'start' ? 'startFrame' : 'endFrame');
    if (picked === undefined) return 'cancel';
    if (picked === 'back') return 'back';
    state[which] = picked;
    return 'next';
  };
  const ok = await runSteps([
    async (step) =>
      outcomeOf(
        await pickOne(
          { title, step, totalSteps: total },
          modelsForPicker().map((model) => ({
            label: model.id,
            description: `${model.description}${model.recommended ? ' · recommended' : ''}`,
            detail: `Durations: ${model.durations.join(', ')} s`,
            value: model.id,
          })),
          { placeholder: 'Choose a model', activeValue: state.model },
        ),
        (model) => {
          if (model !== state.model) state.duration = 0;
          state.model = model;
        },
      ),
    async (step) => {
      const model = findModel(state.model)!;
      if (!model.durations.includes(state.duration)) state.duration = model.defaultDuration;
      return outcomeOf(
        await pickOne(
          { title, step, totalSteps: total },
          model.durations.map((seconds) => ({
            label: `${seconds} seconds`,
            description: seconds === model.defaultDuration ? 'default' : undefined,
            value: seconds,
          })),
          { placeholder: `Duration for ${model.id}`, activeValue: state.duration },
        ),
        (duration) => (state.duration = duration),
      );
    },
    async (step) =>
      outcomeOf(
        await pickOne<Mode>(
          { title, step, totalSteps: total },
          [
            { label: '$(edit) Text to video', description: 'from the prompt only', value: 'text' },
            { label: '$(file-media) Image to video: start frame', value: 'start' },
            { label: '$(file-media) Image to video: end frame', value: 'end' },
            { label: '$(files) Image to video: start and end frames', value: 'both' },
          ],
          { placeholder: 'Text only, or image to video?', activeValue: state.mode },
        ),
        (mode) => (state.mode = mode),
      ),
    frameStep('start'),
    frameStep('end'),
    async (step) =>
      outcomeOf(
        await pickOne(
          { title, step, totalSteps: total },
          ASPECT_RATIOS.map((ratio) => ({ label: ratio, value: ratio as string })),
          { placeholder: 'Aspect ratio', activeValue: state.aspectRatio },
        ),
        (ratio) => (state.aspectRatio = ratio),
      ),
    async (step) =>
      outcomeOf(
        await pickOne(
          { title, step, totalSteps: total },
          RESOLUTIONS.map((resolution) => ({ label: resolution, value: resolution as string })),
          { placeholder: 'Resolution', activeValue: state.resolution },
        ),
        (resolution) => (state.resolution = resolution),
      ),
    async (step) =>
      outcomeOf(
        await inputText(
          { title, step, totalSteps: total },
          {
            prompt: 'Describe the video (camera, subject, motion).',
            value: state.prompt,
            placeholder: 'Camera slowly pushes forward, person smiling in frame',
            validate: (value) =>
              !value.trim()
                ? 'The prompt cannot be empty.'
                : value.length > MAX_PROMPT_LENGTH
                  ? `The prompt is ${value.length} characters; the limit is ${MAX_PROMPT_LENGTH}.`
                  : undefined,
            hint: (value) => `(${value.length}/${MAX_PROMPT_LENGTH})`,
          },
        ),
        (prompt) => (state.prompt = prompt),
      ),
    async (step) => {
      const withFrames = state.mode !== 'text';
      const key = `${state.model}|${withFrames}|${state.duration}`;
      if (!prices.has(key)) prices.set(key, estimatePrice(ctx, state.model, withFrames, state.duration));
      const price = await prices.get(key);
      if (price === undefined) ctx.log.info(`price unknown for ${state.model}, ${state.duration} s (${videoGenerateType(withFrames)})`);
      const summary = `${state.model} · ${state.duration} s · ${state.aspectRatio} · ${state.resolution} · ${withFrames ? 'image to video' : 'text to video'}`;
      const picked = await pickOne<'submit' | 'back'>(
        { title, step, totalSteps: total },
        [
          {
            label: price === undefined ? 'Submit — price unknown' : `Submit — ≈ ${price} credits`,
            description: summary,
            detail: price === undefined ? 'Giggle did not tell the price of this generation; submitting anyway is possible.' : 'Estimated by Giggle before spending.',
            value: 'submit',
          },
          { label: 'Back', description: 'change the answers', value: 'back' },
        ],
        { placeholder: 'Submit this video to Giggle?', activeValue: 'submit' },
      );
      if (picked === undefined) return 'cancel';
      if (picked === BACK || picked === 'back') return 'back';
      return 'next';
    },
  ]);
  if (!ok) return undefined;
  return {
    prompt: state.prompt,
    model: state.model,
    duration: state.duration,
    aspectRatio: state.aspectRatio,
    resolution: state.resolution,
    startFrame: state.start ? frameArg(state.start) : undefined,
    endFrame: state.end ? frameArg(state.end) : undefined,
  };
}

/** Back to the scripted argument form, so the wizard and scripts share one submission path. */
function frameArg({ frame, uri }: ResolvedFrame): Record<string, unknown> {
  if (uri) return { file: uri };
  if ('asset_id' in frame) return { assetId: frame.asset_id };
  if ('url' in frame) return { url: frame.url };
  return { base64: frame.base64 };
}
