/**
 * Simulated time. Every state machine reads time through this so a test can
 * inject a fake clock, or jump ahead with `advance`, instead of sleeping.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(
    private readonly base: () => number,
    /** Multiplies every simulated duration. */
    readonly timeScale: number,
  ) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** A duration of the real service (in ms) as it passes in the simulator. */
  scaled(ms: number): number {
    return ms * this.timeScale;
  }
}

/** A stable pseudo-random number in [0, 1) from a string, so durations follow from ids. */
export function unitHash(text: string): number {
  // FNV-1a: tiny and good enough to spread ids over a range.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x100000000;
}

/** A value in [min, max] chosen by `key`. */
export function spread(key: string, min: number, max: number): number {
  return min + unitHash(key) * (max - min);
}
