/**
 * A manual clock for timer-driven code (PollTimer's TimerHost, the panel's
 * price debounce): timeouts run only when a test advances the time, in due
 * order, so tests are exact and instant. Counts what was armed so tests can
 * see, e.g., that one timer serves many jobs.
 */
export class ManualClock {
  time = 0;
  readonly pending = new Map<number, { at: number; fn: () => void }>();
  armed = 0;
  private next = 1;

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.time + ms, fn });
    this.armed++;
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Runs every timeout due up to `to` (absolute time), each at its own time. */
  advance(to: number): void {
    for (;;) {
      const due = [...this.pending].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = to;
  }

  /** Advances by `ms` from now. */
  advanceBy(ms: number): void {
    this.advance(this.time + ms);
  }
}
