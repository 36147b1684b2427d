/**
 * giggle.generateVideo: with an argument object it submits at once (for
 * keybindings, tasks, other extensions); without, it walks the seed's
 * interaction guide as a multi-step quick input: model, duration, mode,
 * frames, aspect ratio, resolution, prompt, then a confirmation that shows
 * the estimated credits (or "price unknown" when the price call does not answer).
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { ASPECT_RATIOS, MAX_PROMPT_LENGTH, RESOLUTIONS, findModel, modelsForPicker } from '../giggle/catalogue';
import { PriceEstimates, videoGenerateType } from '../giggle/priceEstimates';
import { modelDescription } from '../giggle/modelDescription';
import { BACK, inputText, outcomeOf, pickOne, runSteps } from '../platform/quickInput';
import type { StepOutcome } from '../platform/quickInput';
import { settings } from '../platform/settings';
import type { SubmissionFrame } from '../submission/frame';
import { requireKey } from '../submission/requireKey';
import { submitVideo } from '../submission/submitVideo';
import type { VideoSubmission } from '../submission/video';
import { pickFrame } from './pickFrame';
import type { VideoArgs } from './videoSubmit';
import { submitVideoFromArgs } from './videoSubmit';

type Mode = 'text' | 'start' | 'end' | 'both';

export async function generateVideo(ctx: GiggleContext, args?: unknown): Promise<unknown> {
  if (args !== undefined) {
    const job = await submitVideoFromArgs(ctx, args as VideoArgs);
    return { jobId: job.id, taskId: job.taskId };
  }
  if (!(await requireKey(ctx))) return undefined;
  const submission = await runVideoWizard(ctx);
  if (!submission) return undefined;
  const job = await submitVideo(ctx, submission);
  return { jobId: job.id, taskId: job.taskId };
}

interface WizardState {
  model: string;
  duration: number;
  mode: Mode;
  start?: SubmissionFrame;
  end?: SubmissionFrame;
  aspectRatio: string;
  resolution: string;
  prompt: string;
}

async function runVideoWizard(ctx: GiggleContext): Promise<VideoSubmission | undefined> {
  const title = vscode.l10n.t('Generate Video');
  const total = 9;
  const prices = new PriceEstimates((query) => ctx.client().getModelPrice(query));
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
    const picked = await pickFrame(
      which === 'start' ? vscode.l10n.t('Generate Video: start frame') : vscode.l10n.t('Generate Video: end frame'),
      which === 'start' ? 'startFrame' : 'endFrame',
    );
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
            description: model.recommended ? vscode.l10n.t('{0} · recommended', modelDescription(model)) : modelDescription(model),
            detail: vscode.l10n.t('Durations: {0} s', model.durations.join(', ')),
            value: model.id,
          })),
          { placeholder: vscode.l10n.t('Choose a model'), activeValue: state.model },
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
            label: vscode.l10n.t('{0} seconds', seconds),
            description: seconds === model.defaultDuration ? vscode.l10n.t('default') : undefined,
            value: seconds,
          })),
          { placeholder: vscode.l10n.t('Duration for {0}', model.id), activeValue: state.duration },
        ),
        (duration) => (state.duration = duration),
      );
    },
    async (step) =>
      outcomeOf(
        await pickOne<Mode>(
          { title, step, totalSteps: total },
          [
            { label: `$(edit) ${vscode.l10n.t('Text to video')}`, description: vscode.l10n.t('from the prompt only'), value: 'text' },
            { label: `$(file-media) ${vscode.l10n.t('Image to video: start frame')}`, value: 'start' },
            { label: `$(file-media) ${vscode.l10n.t('Image to video: end frame')}`, value: 'end' },
            { label: `$(files) ${vscode.l10n.t('Image to video: start and end frames')}`, value: 'both' },
          ],
          { placeholder: vscode.l10n.t('Text only, or image to video?'), activeValue: state.mode },
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
          { placeholder: vscode.l10n.t('Aspect ratio'), activeValue: state.aspectRatio },
        ),
        (ratio) => (state.aspectRatio = ratio),
      ),
    async (step) =>
      outcomeOf(
        await pickOne(
          { title, step, totalSteps: total },
          RESOLUTIONS.map((resolution) => ({ label: resolution, value: resolution as string })),
          { placeholder: vscode.l10n.t('Resolution'), activeValue: state.resolution },
        ),
        (resolution) => (state.resolution = resolution),
      ),
    async (step) =>
      outcomeOf(
        await inputText(
          { title, step, totalSteps: total },
          {
            prompt: vscode.l10n.t('Describe the video (camera, subject, motion).'),
            value: state.prompt,
            placeholder: vscode.l10n.t('Camera slowly pushes forward, person smiling in frame'),
            validate: (value) =>
              !value.trim()
                ? vscode.l10n.t('The prompt cannot be empty.')
                : value.length > MAX_PROMPT_LENGTH
                  ? vscode.l10n.t('The prompt is {0} characters; the limit is {1}.', value.length, MAX_PROMPT_LENGTH)
                  : undefined,
            hint: (value) => `(${value.length}/${MAX_PROMPT_LENGTH})`,
          },
        ),
        (prompt) => (state.prompt = prompt),
      ),
    async (step) => {
      const withFrames = state.mode !== 'text';
      const generateType = videoGenerateType(withFrames);
      const price = await prices.estimate({ model: state.model, generateType, duration: state.duration });
      if (price === undefined) ctx.log.info(`price unknown for ${state.model}, ${state.duration} s (${generateType})`);
      const summary = withFrames
        ? vscode.l10n.t('{0} · {1} s · {2} · {3} · image to video', state.model, state.duration, state.aspectRatio, state.resolution)
        : vscode.l10n.t('{0} · {1} s · {2} · {3} · text to video', state.model, state.duration, state.aspectRatio, state.resolution);
      const picked = await pickOne<'submit' | 'back'>(
        { title, step, totalSteps: total },
        [
          {
            label: price === undefined ? vscode.l10n.t('Submit — price unknown') : vscode.l10n.t('Submit — ≈ {0} credits', price),
            description: summary,
            detail:
              price === undefined
                ? vscode.l10n.t('Giggle did not tell the price of this generation; submitting anyway is possible.')
                : vscode.l10n.t('Estimated by Giggle before spending.'),
            value: 'submit',
          },
          { label: vscode.l10n.t('Back'), description: vscode.l10n.t('change the answers'), value: 'back' },
        ],
        { placeholder: vscode.l10n.t('Submit this video to Giggle?'), activeValue: 'submit' },
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
    startFrame: state.start,
    endFrame: state.end,
  };
}
