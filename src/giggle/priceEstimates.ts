/**
 * Price estimates before spending (giggle-api.md, "Price"), for the Generate
 * Video wizard's confirmation step and the generator panel's line next to
 * Submit: a price that fails or is slow is "unknown", never a blocker.
 * Answers are cached per model, generate type and duration for the lifetime
 * of the wizard or panel (prices do not change while you edit a form);
 * unknown answers are not cached, so the next look asks again. Pure (the
 * lookup is injected), unit-tested in plain Node.
 */
import { findModel } from './catalogue';
import type { PriceQuery } from './types';

/** The model-price call's generate_type for a video (giggle-api.md, "Price"). */
export function videoGenerateType(withFrames: boolean): string {
  return withFrames ? 'VideoService.Img2Video' : 'VideoService.Txt2Video';
}

/** How long a price may take before it is "price unknown". */
export const PRICE_WAIT_MS = 5_000;
/** A form offers a few dozen combinations at most; this only bounds a misbehaving webview. */
const MAX_CACHED = 64;

export type PriceLookup = (query: PriceQuery) => Promise<number | undefined>;

export class PriceEstimates {
  private readonly cache = new Map<string, Promise<number | undefined>>();

  constructor(
    private readonly lookup: PriceLookup,
    private readonly waitMs = PRICE_WAIT_MS,
  ) {}

  /**
   * Credits for the generation, or undefined when unknown. A model or duration
   * the catalogue does not offer is unknown without asking Giggle (it would
   * refuse the call, and the form says what is wrong on Submit).
   */
  estimate(query: PriceQuery): Promise<number | undefined> {
    const model = findModel(query.model);
    if (!model || !model.durations.includes(query.duration)) return Promise.resolve(undefined);
    const key = `${model.id}|${query.generateType}|${query.duration}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const pending: Promise<number | undefined> = this.ask(query).then((credits) => {
      if (credits === undefined && this.cache.get(key) === pending) this.cache.delete(key);
      return credits;
    });
    this.cache.set(key, pending);
    while (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    return pending;
  }

  private async ask(query: PriceQuery): Promise<number | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const credits = await Promise.race([
        this.lookup(query).catch(() => undefined),
        new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.waitMs))),
      ]);
      return typeof credits === 'number' && Number.isFinite(credits) && credits >= 0 ? credits : undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
