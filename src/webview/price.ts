/**
 * The estimated price next to the video tab's Submit button. Whenever the
 * inputs of the model-price call change (model, duration, with or without a
 * frame), a `priceRequest` goes to the host after a short pause (a burst of
 * changes asks once); only the answer to the latest request is shown, older
 * ones are stale and dropped. A price that does not come is "unknown", and
 * never holds Submit back. No DOM here (the caller shows the view), so it is
 * unit-tested in plain Node.
 */
import * as l10n from '@vscode/l10n';
import type { PriceMessage, PriceRequestMessage } from '../shared/protocol';
import type { VideoForm } from './state';

export type PriceInputs = Pick<PriceRequestMessage, 'model' | 'duration' | 'withFrames'>;

export type PriceView =
  | { state: 'none' }
  /** Asked (or about to ask), no answer yet. */
  | { state: 'pending' }
  | { state: 'known'; credits: number }
  | { state: 'unknown' };

/** What the price depends on: the generate type follows from whether a frame is chosen (giggle-api.md, "Price"). */
export function videoPriceInputs(form: Pick<VideoForm, 'model' | 'duration' | 'startFrame' | 'endFrame'>): PriceInputs {
  return { model: form.model, duration: form.duration, withFrames: form.startFrame.mode !== 'none' || form.endFrame.mode !== 'none' };
}

export function priceKey(inputs: PriceInputs): string {
  return `${inputs.model}|${inputs.duration}|${inputs.withFrames ? 'frames' : 'text'}`;
}

/** The line shown next to Submit. */
export function priceText(view: PriceView): string {
  switch (view.state) {
    case 'none':
      return '';
    case 'pending':
      return l10n.t('Estimating price…');
    case 'known':
      return view.credits === 1 ? l10n.t('Estimated price: 1 credit') : l10n.t('Estimated price: {0} credits', view.credits);
    case 'unknown':
      return l10n.t('Price unknown');
  }
}

/** The tooltip of that line. */
export function priceTooltip(view: PriceView): string {
  switch (view.state) {
    case 'known':
      return l10n.t('Estimated by Giggle before spending.');
    case 'unknown':
      return l10n.t('Giggle did not tell the price of this generation; submitting anyway is possible.');
    default:
      return '';
  }
}

export interface PriceTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface PriceTrackerOptions {
  send(request: PriceRequestMessage): void;
  show(view: PriceView): void;
  newRequestId(): string;
  /** The pause after a change before asking (changes within it ask once). */
  debounceMs?: number;
  /** How long to wait for the host before saying "price unknown" (the host gives up after 5 s itself). */
  answerTimeoutMs?: number;
  timers?: PriceTimers;
}

export const PRICE_DEBOUNCE_MS = 300;
export const PRICE_ANSWER_TIMEOUT_MS = 10_000;

const realTimers: PriceTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class PriceTracker {
  private key: string | undefined;
  /** The request whose answer is shown when it comes; every other answer is stale. */
  private latest: string | undefined;
  private debounce: unknown;
  private deadline: unknown;
  private readonly timers: PriceTimers;

  constructor(private readonly options: PriceTrackerOptions) {
    this.timers = options.timers ?? realTimers;
  }

  /** The form changed: ask again if what the price depends on did (`undefined`: nothing to price). `now` skips the pause. */
  update(inputs: PriceInputs | undefined, now = false): void {
    const key = inputs && priceKey(inputs);
    if (key === this.key) {
      // Same inputs: only hurry a request that is still waiting for its pause.
      if (now && inputs && this.debounce !== undefined) {
        this.timers.clear(this.debounce);
        this.ask(inputs);
      }
      return;
    }
    this.key = key;
    this.latest = undefined;
    this.stopTimers();
    if (!inputs) {
      this.options.show({ state: 'none' });
      return;
    }
    this.options.show({ state: 'pending' });
    if (now) this.ask(inputs);
    else this.debounce = this.timers.set(() => this.ask(inputs), this.options.debounceMs ?? PRICE_DEBOUNCE_MS);
  }

  /** The host answered. Returns false (and shows nothing) when the answer is for an older request. */
  receive(answer: Pick<PriceMessage, 'requestId' | 'credits'>): boolean {
    if (!isCurrent(this.latest, answer.requestId)) return false;
    if (this.deadline !== undefined) this.timers.clear(this.deadline);
    this.deadline = undefined;
    const credits = answer.credits;
    this.options.show(typeof credits === 'number' && Number.isFinite(credits) && credits >= 0 ? { state: 'known', credits } : { state: 'unknown' });
    return true;
  }

  private ask(inputs: PriceInputs): void {
    this.debounce = undefined;
    const requestId = this.options.newRequestId();
    this.latest = requestId;
    this.deadline = this.timers.set(() => {
      this.deadline = undefined;
      if (this.latest === requestId) this.options.show({ state: 'unknown' });
    }, this.options.answerTimeoutMs ?? PRICE_ANSWER_TIMEOUT_MS);
    this.options.send({ type: 'priceRequest', requestId, ...inputs });
  }

  private stopTimers(): void {
    if (this.debounce !== undefined) this.timers.clear(this.debounce);
    if (this.deadline !== undefined) this.timers.clear(this.deadline);
    this.debounce = this.deadline = undefined;
  }
}

/** An answer counts only when it answers the latest request: anything else was overtaken by a later change. */
export function isCurrent(latest: string | undefined, answered: string): boolean {
  return latest !== undefined && latest === answered;
}
