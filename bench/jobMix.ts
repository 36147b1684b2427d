/**
 * The simulated job mix for the polling benchmark: what the server really does,
 * job by job. Deliberately NOT the scheduler's prior (one log-normal, median
 * 134 s, for every video model): each model here has its own speed, clip length
 * and resolution stretch the time, the service load drifts from day to day,
 * and there are stragglers, early and late failures, a pay gate with a human
 * on the other side, and a download link that lags behind "completed".
 *
 * Every number is an assumption (Giggle publishes none beyond "usually 60 to
 * 300 s", "20 min is abnormal" and the MV script's 1-hour limit); they are
 * spelled out here so that anyone can make the mix harsher and re-run.
 */

export type Rng = () => number;

/** mulberry32: tiny, fast, and identical on every machine. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Assumed speed of each model on the service (median seconds for its default clip, log spread). */
export const VIDEO_PROFILES: readonly { id: string; share: number; medianS: number; sigma: number }[] = [
  { id: 'grok', share: 0.28, medianS: 95, sigma: 0.35 },
  { id: 'grok-fast', share: 0.12, medianS: 55, sigma: 0.3 },
  { id: 'sora2', share: 0.1, medianS: 150, sigma: 0.4 },
  { id: 'sora2-pro', share: 0.06, medianS: 260, sigma: 0.4 },
  { id: 'sora2-fast', share: 0.04, medianS: 110, sigma: 0.35 },
  { id: 'sora2-pro-fast', share: 0.03, medianS: 170, sigma: 0.4 },
  { id: 'kling25', share: 0.08, medianS: 180, sigma: 0.45 },
  { id: 'seedance15-pro', share: 0.07, medianS: 110, sigma: 0.35 },
  { id: 'seedance15-pro-no-audio', share: 0.03, medianS: 90, sigma: 0.35 },
  { id: 'veo31', share: 0.08, medianS: 120, sigma: 0.4 },
  { id: 'veo31-no-audio', share: 0.03, medianS: 100, sigma: 0.4 },
  { id: 'minimax23', share: 0.04, medianS: 140, sigma: 0.4 },
  { id: 'wan25', share: 0.04, medianS: 160, sigma: 0.45 },
];

export interface MixOptions {
  /** Share of music videos among jobs. */
  mvShare: number;
  /** Mean gap between submissions (a busy user). Some submissions come in batches. */
  meanGapMs: number;
  videoFailureRate: number;
  /** Of the failures, this share are moderation refusals within seconds. */
  earlyFailureShare: number;
  videoStragglerRate: number;
  mvFailureRate: number;
  mvStragglerRate: number;
}

export const DEFAULT_MIX: MixOptions = {
  mvShare: 0.15,
  meanGapMs: 4 * 60_000,
  videoFailureRate: 0.03,
  earlyFailureShare: 0.5,
  videoStragglerRate: 0.02,
  mvFailureRate: 0.04,
  mvStragglerRate: 0.03,
};

export interface VideoJobSpec {
  kind: 'video';
  id: string;
  key: string;
  submitAt: number;
  /** Server time from submission to the terminal state. */
  durationMs: number;
  outcome: 'completed' | 'failed';
}

export interface MvJobSpec {
  kind: 'mv';
  id: string;
  submitAt: number;
  /** Submission → pay_status pending: the music-generate step, then the storyboard step. */
  beforePayMs: number;
  musicMs: number;
  /** How long the user takes to pay once the extension has told them. */
  payDelayMs: number;
  /** Payment → status completed: the shot step, then the editor step. */
  afterPayMs: number;
  shotMs: number;
  /** completed → video_asset.download_url set. */
  urlLagMs: number;
  /** A failure ends the job in one phase, this far into it. */
  failure?: { phase: 'before-pay' | 'after-pay'; atMs: number };
}

export type JobSpec = VideoJobSpec | MvJobSpec;

function pickModel(rng: Rng): (typeof VIDEO_PROFILES)[number] {
  let r = rng() * VIDEO_PROFILES.reduce((a, p) => a + p.share, 0);
  for (const profile of VIDEO_PROFILES) {
    r -= profile.share;
    if (r <= 0) return profile;
  }
  return VIDEO_PROFILES[0];
}

export function generateMix(seed: number, count: number, options: Partial<MixOptions> = {}): JobSpec[] {
  const o = { ...DEFAULT_MIX, ...options };
  const rng = seededRng(seed);
  const dayFactor = new Map<number, number>();
  const jobs: JobSpec[] = [];
  let clock = 0;
  for (let n = 0; n < count; n++) {
    // 15% of submissions come right after the previous one (a batch of variants).
    clock += rng() < 0.15 ? uniform(rng, 500, 5_000) : -o.meanGapMs * Math.log(Math.max(rng(), 1e-12));
    const day = Math.floor(clock / 86_400_000);
    if (!dayFactor.has(day)) dayFactor.set(day, Math.exp(0.12 * normal(rng)));
    const load = dayFactor.get(day) as number;
    const id = `job${n}`;
    if (rng() < o.mvShare) {
      jobs.push(mvJob(rng, id, clock, load, o));
    } else {
      jobs.push(videoJob(rng, id, clock, load, o));
    }
  }
  return jobs;
}

function videoJob(rng: Rng, id: string, submitAt: number, load: number, o: MixOptions): VideoJobSpec {
  const profile = pickModel(rng);
  // The longer clip option and 1080p both take longer; the scheduler only sees the model id.
  const clip = rng() < 0.35 ? 1.35 : 1;
  const resolution = rng() < 0.2 ? 1.2 : rng() < 0.25 ? 0.85 : 1;
  let durationMs = logNormal(rng, profile.medianS * 1000, profile.sigma) * clip * resolution * load;
  let outcome: VideoJobSpec['outcome'] = 'completed';
  if (rng() < o.videoStragglerRate) durationMs = Math.min(30 * 60_000, durationMs * uniform(rng, 3, 10));
  if (rng() < o.videoFailureRate) {
    outcome = 'failed';
    durationMs = rng() < o.earlyFailureShare ? uniform(rng, 2_000, 15_000) : durationMs * uniform(rng, 0.1, 1);
  }
  return { kind: 'video', id, key: profile.id, submitAt, durationMs: Math.max(1_000, durationMs), outcome };
}

function mvJob(rng: Rng, id: string, submitAt: number, load: number, o: MixOptions): MvJobSpec {
  const musicMs = logNormal(rng, 70_000, 0.35) * load;
  const storyboard = logNormal(rng, 80_000, 0.4) * load;
  const beforePayMs = musicMs + storyboard;
  // Most users pay while watching; a third come back much later.
  const payDelayMs = rng() < 0.65 ? logNormal(rng, 30_000, 0.6) : Math.min(3 * 3_600_000, logNormal(rng, 10 * 60_000, 1));
  const shots = 6 + Math.floor(rng() * 19);
  let shotMs = logNormal(rng, (120 + 35 * shots) * 1000, 0.3) * load;
  let editorMs = logNormal(rng, 100_000, 0.4) * load;
  if (rng() < o.mvStragglerRate) {
    const stretch = uniform(rng, 1.5, 2.5);
    shotMs *= stretch;
    editorMs *= stretch;
  }
  const afterPayMs = shotMs + editorMs;
  const urlLagMs = rng() < 0.6 ? uniform(rng, 1_000, 12_000) : 0;
  let failure: MvJobSpec['failure'];
  if (rng() < o.mvFailureRate) {
    failure = rng() < 0.4 ? { phase: 'before-pay', atMs: beforePayMs * uniform(rng, 0.05, 1) } : { phase: 'after-pay', atMs: afterPayMs * uniform(rng, 0.05, 1) };
  }
  return { kind: 'mv', id, submitAt, beforePayMs, musicMs, payDelayMs, afterPayMs, shotMs, urlLagMs, failure };
}
