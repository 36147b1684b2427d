/**
 * One timer for every job the extension follows.
 *
 * Each job has a due time (from nextPollAt); PollTimer keeps a single timeout
 * armed for the earliest one and none at all when nothing is scheduled, so an
 * idle extension costs nothing and fifty jobs cost one timer, not fifty.
 * When many jobs fall due together (fifty submitted in the same second all hit
 * their first check together), at most `maxPerTick` are handed out in any
 * `tickSpacingMs` window and the rest follow a little later: the server never
 * sees a burst, at the cost of a second or two for the last of fifty.
 *
 * The host (setTimeout/clearTimeout/now) is injected so the unit tests and the
 * benchmark's virtual clock run exactly this code.
 */

export interface TimerHost {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimerHost: TimerHost = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PollTimerOptions {
  /** Polls handed out in any tickSpacingMs window. 4 per 200 ms: ≤ 4 requests in any 100 ms, 20 per second. */
  maxPerTick?: number;
  /** The window of the rate limit. Not scaled by the time scale: it protects the real server. */
  tickSpacingMs?: number;
}

export const DEFAULT_MAX_PER_TICK = 4;
export const DEFAULT_TICK_SPACING_MS = 200;

export class PollTimer {
  private readonly dueAt = new Map<string, number>();
  private handle: unknown = undefined;
  private armedFor: number | undefined;
  /** After a tick that had to leave due jobs waiting, the next tick comes no earlier than this. */
  private nextTickNotBefore = -Infinity;
  /** When the last maxPerTick polls were handed out, oldest first: the sliding-window rate limit. */
  private readonly recent: number[] = [];
  private disposed = false;
  private readonly maxPerTick: number;
  private readonly tickSpacingMs: number;

  constructor(
    private readonly onDue: (ids: string[], now: number) => void,
    private readonly host: TimerHost = systemTimerHost,
    options: PollTimerOptions = {},
  ) {
    this.maxPerTick = Math.max(1, Math.floor(options.maxPerTick ?? DEFAULT_MAX_PER_TICK));
    this.tickSpacingMs = Math.max(1, options.tickSpacingMs ?? DEFAULT_TICK_SPACING_MS);
  }

  /** Plan (or re-plan) a job's next poll. A non-finite time removes the job rather than spinning. */
  schedule(id: string, at: number): void {
    if (this.disposed) return;
    if (!Number.isFinite(at)) {
      this.remove(id);
      return;
    }
    this.dueAt.set(id, at);
    this.arm();
  }

  /** Poll no later than `at` (the user looked): keeps an earlier plan, adds the job if absent. */
  expedite(id: string, at: number): void {
    const current = this.dueAt.get(id);
    this.schedule(id, current === undefined ? at : Math.min(current, at));
  }

  remove(id: string): void {
    if (this.dueAt.delete(id)) this.arm();
  }

  has(id: string): boolean {
    return this.dueAt.has(id);
  }

  scheduledAt(id: string): number | undefined {
    return this.dueAt.get(id);
  }

  get size(): number {
    return this.dueAt.size;
  }

  /** True while a timeout is pending; false whenever nothing is scheduled. */
  get armed(): boolean {
    return this.handle !== undefined;
  }

  /**
   * Take the jobs due at `now`, earliest first, as many as the rate limit
   * allows: at most maxPerTick handed out in any tickSpacingMs window. (A
   * per-tick cap alone is not enough: jobs submitted together plan their next
   * checks a fraction of a millisecond apart, and would arrive as separate
   * ticks in one burst.) They leave the schedule: the caller queries them and
   * schedules each again from the answer. Called by the timer itself; public
   * for tests.
   */
  due(now: number): string[] {
    const ready = [...this.dueAt].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const taken: string[] = [];
    for (const [id] of ready) {
      if (this.recent.length >= this.maxPerTick && now - this.recent[0] < this.tickSpacingMs) break;
      taken.push(id);
      this.dueAt.delete(id);
      this.recent.push(now);
      if (this.recent.length > this.maxPerTick) this.recent.shift();
    }
    // Wait until the whole window has passed rather than for the first free slot,
    // so a backlog drains in groups of maxPerTick, one timer wake-up per group.
    this.nextTickNotBefore = ready.length > taken.length ? this.recent[this.recent.length - 1] + this.tickSpacingMs : -Infinity;
    return taken;
  }

  dispose(): void {
    this.disposed = true;
    this.dueAt.clear();
    this.disarm();
  }

  private fire(): void {
    this.handle = undefined;
    this.armedFor = undefined;
    const now = this.host.now();
    const ids = this.due(now);
    this.arm();
    if (ids.length > 0) this.onDue(ids, now);
  }

  private arm(): void {
    if (this.dueAt.size === 0) {
      this.disarm();
      return;
    }
    let earliest = Infinity;
    for (const at of this.dueAt.values()) if (at < earliest) earliest = at;
    const target = Math.max(earliest, this.nextTickNotBefore);
    if (this.handle !== undefined && this.armedFor === target) return;
    this.disarm();
    this.armedFor = target;
    this.handle = this.host.setTimeout(() => this.fire(), Math.max(0, target - this.host.now()));
  }

  private disarm(): void {
    if (this.handle !== undefined) this.host.clearTimeout(this.handle);
    this.handle = undefined;
    this.armedFor = undefined;
  }
}
