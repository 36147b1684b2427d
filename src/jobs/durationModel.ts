/**
 * How long Giggle jobs take, learned from the user's own finished jobs.
 *
 * The polling schedule (pollSchedule.ts) asks this model "how likely is the job
 * to have finished by now?". Each key (a video model id such as `grok`, or an
 * MV phase: `mv:before-pay`, `mv:after-pay`) is a mixture of
 *   - a built-in log-normal prior, weighted like PRIOR_WEIGHT pseudo-jobs, and
 *   - one log-normal kernel per recorded duration (the last MAX_SAMPLES_PER_KEY).
 * Log space because job durations are positive and right-skewed; the prior keeps
 * a little weight forever so a run of fast jobs never convinces the scheduler
 * that a slow one is impossible.
 *
 * Durations are milliseconds of *unscaled* time. A test run with a time scale
 * should record `observed / timeScale` (estimateDuration() in pollSchedule.ts
 * does that), or not record at all.
 */

/** A log-normal belief: half of the jobs finish before `medianMs`; `sigma` is the spread of ln(duration). */
export interface DurationPrior {
  readonly medianMs: number;
  readonly sigma: number;
}

export const MV_BEFORE_PAY_KEY = 'mv:before-pay';
export const MV_AFTER_PAY_KEY = 'mv:after-pay';

/** z-score of the 5th/95th percentile: the documented ranges are read as 90% intervals. */
const Z95 = 1.645;

function priorFromRange(lowMs: number, highMs: number): DurationPrior {
  return { medianMs: Math.sqrt(lowMs * highMs), sigma: Math.log(highMs / lowMs) / (2 * Z95) };
}

/**
 * giggle-api.md: "Generation usually takes 60 to 300 s". Read as the 5th–95th
 * percentiles: median ≈ 134 s, sigma ≈ 0.49. Nothing public distinguishes the
 * models, so every video model starts from this and learns its own shape.
 */
export const VIDEO_PRIOR: DurationPrior = priorFromRange(60_000, 300_000);

/**
 * MVs take 5–40 min in total. The pay gate sits after the music and the
 * storyboard, before the (expensive) shots and the edit; no public source says
 * how the time splits, so the prior guesses the cheap half at 1–8 min and the
 * paid half at 4–32 min, wide enough to cover any split of a 5–40 min total.
 */
export const MV_BEFORE_PAY_PRIOR: DurationPrior = priorFromRange(60_000, 480_000);
export const MV_AFTER_PAY_PRIOR: DurationPrior = priorFromRange(240_000, 1_920_000);

/** The key for one step of the trustee workflow (`current_step` in the progress reply). */
export function mvStepKey(step: string): string {
  return `mv:${step}`;
}

/**
 * Per-step priors, for a service that follows `current_step`. Nothing public
 * times the steps; each range is a wide guess whose sum spans the 5–40 min
 * total, so the user's own jobs quickly replace it.
 */
export const MV_STEP_PRIORS: Readonly<Record<string, DurationPrior>> = {
  [mvStepKey('music-generate')]: priorFromRange(30_000, 240_000),
  [mvStepKey('storyboard')]: priorFromRange(30_000, 300_000),
  [mvStepKey('shot')]: priorFromRange(120_000, 1_800_000),
  [mvStepKey('editor')]: priorFromRange(30_000, 480_000),
};

/** A step nobody has timed yet (the API grew a step): as wide as a whole MV phase. */
const UNKNOWN_MV_PRIOR: DurationPrior = priorFromRange(30_000, 1_800_000);

export function defaultPriorFor(key: string): DurationPrior {
  if (key === MV_BEFORE_PAY_KEY) return MV_BEFORE_PAY_PRIOR;
  if (key === MV_AFTER_PAY_KEY) return MV_AFTER_PAY_PRIOR;
  if (Object.prototype.hasOwnProperty.call(MV_STEP_PRIORS, key)) return MV_STEP_PRIORS[key];
  if (key.startsWith('mv:')) return UNKNOWN_MV_PRIOR;
  return VIDEO_PRIOR;
}

/** Enough history to follow a model's shape and its drift; 50 keys × 50 numbers stays a few KB in globalState. */
export const MAX_SAMPLES_PER_KEY = 50;
/** There are 13 video models and 2 MV phases; the cap only stops foreign data from growing the store. */
export const MAX_KEYS = 32;
const MAX_KEY_LENGTH = 64;
/** Anything outside this is not a generation time (clock jumps, corrupt data) and would distort the model. */
const MIN_SAMPLE_MS = 1_000;
const MAX_SAMPLE_MS = 6 * 3_600_000;
/** The prior counts like this many finished jobs: after ~10 real jobs the user's own data dominates. */
export const PRIOR_WEIGHT = 3;

/** The belief about one key's durations. Times in ms since the phase started. */
export interface DurationDistribution {
  readonly key: string;
  readonly sampleCount: number;
  /** P(duration ≤ ms). */
  cdf(ms: number): number;
  /** The duration below which a fraction q of jobs finish. */
  quantile(q: number): number;
  /** Instantaneous finish rate per ms given the job is still running at `ms` (f / (1 − F)). */
  hazard(ms: number): number;
}

// Abramowitz & Stegun 7.1.26; |error| < 1.5e-7, far below what a poll plan can notice.
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

// The CDF is tabulated on a log grid from 0.5 s to 6 h: the schedule queries it
// a few times per poll, and an exact mixture would cost 50 erf() per query.
const GRID_POINTS = 320;
const GRID_MIN = Math.log(500);
const GRID_MAX = Math.log(MAX_SAMPLE_MS);
const GRID_STEP = (GRID_MAX - GRID_MIN) / (GRID_POINTS - 1);

class TabulatedDistribution implements DurationDistribution {
  private readonly table: Float64Array;
  readonly sampleCount: number;

  constructor(readonly key: string, prior: DurationPrior, samples: readonly number[], priorWeight: number) {
    const components: { mu: number; sigma: number; weight: number }[] = [
      { mu: Math.log(prior.medianMs), sigma: prior.sigma, weight: priorWeight },
    ];
    if (samples.length > 0) {
      const logs = samples.map((ms) => Math.log(ms));
      const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
      const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, logs.length - 1));
      // Silverman's rule, clamped: one or two samples say little about the spread,
      // and a very narrow kernel would make the schedule overconfident.
      const bandwidth = logs.length < 3 ? 0.25 : Math.min(0.35, Math.max(0.08, 1.06 * sd * logs.length ** -0.2));
      for (const mu of logs) components.push({ mu, sigma: bandwidth, weight: 1 });
    }
    const total = components.reduce((a, c) => a + c.weight, 0);
    this.table = new Float64Array(GRID_POINTS);
    for (const c of components) {
      // Beyond ±6 sigma a component's CDF is 0 or 1 to 1e-9: skip the erf (the model is rebuilt after every record).
      const from = Math.max(0, Math.floor((c.mu - 6 * c.sigma - GRID_MIN) / GRID_STEP));
      const to = Math.min(GRID_POINTS - 1, Math.ceil((c.mu + 6 * c.sigma - GRID_MIN) / GRID_STEP));
      for (let i = from; i <= to; i++) this.table[i] += c.weight * normalCdf((GRID_MIN + i * GRID_STEP - c.mu) / c.sigma);
      for (let i = to + 1; i < GRID_POINTS; i++) this.table[i] += c.weight;
    }
    for (let i = 0; i < GRID_POINTS; i++) this.table[i] /= total;
    this.sampleCount = samples.length;
  }

  cdf(ms: number): number {
    if (!(ms > 0)) return 0;
    const pos = (Math.log(ms) - GRID_MIN) / GRID_STEP;
    if (pos <= 0) return this.table[0];
    if (pos >= GRID_POINTS - 1) return this.table[GRID_POINTS - 1];
    const i = Math.floor(pos);
    const frac = pos - i;
    return this.table[i] + (this.table[i + 1] - this.table[i]) * frac;
  }

  quantile(q: number): number {
    const table = this.table;
    if (!(q > table[0])) return Math.exp(GRID_MIN);
    if (q >= table[GRID_POINTS - 1]) return Math.exp(GRID_MAX);
    let lo = 0;
    let hi = GRID_POINTS - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (table[mid] < q) lo = mid;
      else hi = mid;
    }
    const span = table[hi] - table[lo];
    const frac = span > 0 ? (q - table[lo]) / span : 0;
    return Math.exp(GRID_MIN + (lo + frac) * GRID_STEP);
  }

  hazard(ms: number): number {
    // A finite difference over 2% of the elapsed time: smooth enough on the grid,
    // local enough to follow the mixture's bumps.
    const dt = Math.max(100, ms * 0.02);
    const survival = 1 - this.cdf(ms);
    if (survival <= 1e-9) return 1 / dt;
    return Math.max(0, this.cdf(ms + dt) - this.cdf(ms)) / dt / survival;
  }
}

/** What toJSON() produces: seconds with one decimal, to keep globalState small. */
export interface DurationModelJson {
  v: 1;
  samples: Record<string, number[]>;
}

export interface DurationModelOptions {
  /** Replace the built-in priors (tests, or a future server-provided hint). */
  priorFor?: (key: string) => DurationPrior;
  priorWeight?: number;
}

export class DurationModel {
  // Insertion order doubles as recency, so the least recently used key is evicted first.
  private readonly samplesByKey = new Map<string, number[]>();
  private readonly cache = new Map<string, DurationDistribution>();
  private readonly priorFor: (key: string) => DurationPrior;
  private readonly priorWeight: number;

  constructor(options: DurationModelOptions = {}) {
    this.priorFor = options.priorFor ?? defaultPriorFor;
    this.priorWeight = options.priorWeight ?? PRIOR_WEIGHT;
  }

  /** Learn one finished job's duration. Returns false (and learns nothing) for an implausible value. */
  record(key: string, durationMs: number): boolean {
    if (!isUsableKey(key) || !isUsableDuration(durationMs)) return false;
    const list = this.samplesByKey.get(key) ?? [];
    this.samplesByKey.delete(key);
    list.push(Math.round(durationMs / 100) * 100);
    if (list.length > MAX_SAMPLES_PER_KEY) list.splice(0, list.length - MAX_SAMPLES_PER_KEY);
    this.samplesByKey.set(key, list);
    while (this.samplesByKey.size > MAX_KEYS) {
      const oldest = this.samplesByKey.keys().next().value as string;
      this.samplesByKey.delete(oldest);
      this.cache.delete(oldest);
    }
    this.cache.delete(key);
    return true;
  }

  /** Recorded durations for a key, oldest first. */
  samples(key: string): readonly number[] {
    return this.samplesByKey.get(key) ?? [];
  }

  keys(): string[] {
    return [...this.samplesByKey.keys()];
  }

  distribution(key: string): DurationDistribution {
    let dist = this.cache.get(key);
    if (!dist) {
      dist = new TabulatedDistribution(key, this.priorFor(key), this.samples(key), this.priorWeight);
      this.cache.set(key, dist);
    }
    return dist;
  }

  quantile(key: string, q: number): number {
    return this.distribution(key).quantile(q);
  }

  cdf(key: string, ms: number): number {
    return this.distribution(key).cdf(ms);
  }

  toJSON(): DurationModelJson {
    const samples: Record<string, number[]> = {};
    for (const [key, list] of this.samplesByKey) samples[key] = list.map((ms) => Math.round(ms / 100) / 10);
    return { v: 1, samples };
  }

  /**
   * Rebuild from whatever globalState returned. Anything unexpected (another
   * version, a string, NaN, negative or absurd durations, too many keys) is
   * dropped rather than thrown: losing the history only costs a little
   * efficiency, while a throw here would break activation.
   */
  static fromJSON(data: unknown, options: DurationModelOptions = {}): DurationModel {
    const model = new DurationModel(options);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return model;
    const record = data as { v?: unknown; samples?: unknown };
    if (record.v !== 1 || typeof record.samples !== 'object' || record.samples === null || Array.isArray(record.samples)) {
      return model;
    }
    const entries = Object.entries(record.samples as Record<string, unknown>).slice(0, MAX_KEYS * 4);
    for (const [key, list] of entries) {
      if (!Array.isArray(list)) continue;
      for (const seconds of list.slice(-MAX_SAMPLES_PER_KEY)) {
        if (typeof seconds === 'number') model.record(key, seconds * 1000);
      }
    }
    return model;
  }
}

function isUsableKey(key: unknown): key is string {
  return typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY_LENGTH && key !== '__proto__';
}

function isUsableDuration(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= MIN_SAMPLE_MS && ms <= MAX_SAMPLE_MS;
}
