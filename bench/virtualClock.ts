/**
 * A virtual clock for the polling benchmark: time jumps from event to event, so
 * hours of polling run in milliseconds and every run is exactly repeatable.
 *
 * Two kinds of events share one queue: the extension's timers (setTimeout, as
 * PollTimer arms them: counted, so "one timer, zero when idle" is measured)
 * and the world's events (a job submitted, a user paying: not counted).
 */
import type { TimerHost } from '../src/jobs/pollTimer';

interface QueuedEvent {
  at: number;
  seq: number;
  run: () => void;
  timer: boolean;
  cancelled: boolean;
}

export class VirtualClock implements TimerHost {
  private time: number;
  private seq = 0;
  private readonly heap: QueuedEvent[] = [];
  /** Extension timeouts currently pending. */
  liveTimers = 0;
  maxLiveTimers = 0;
  timersArmed = 0;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const event = this.push(this.time + Math.max(0, ms), callback, true);
    this.timersArmed++;
    this.liveTimers++;
    this.maxLiveTimers = Math.max(this.maxLiveTimers, this.liveTimers);
    return event;
  }

  clearTimeout(handle: unknown): void {
    const event = handle as QueuedEvent | undefined;
    if (event && event.timer && !event.cancelled) {
      event.cancelled = true;
      this.liveTimers--;
    }
  }

  /** A world event (not an extension timer). */
  at(time: number, run: () => void): void {
    this.push(Math.max(time, this.time), run, false);
  }

  /** Run events in time order until the queue is empty or the next one is after `until`. */
  run(until = Infinity): void {
    while (this.heap.length > 0) {
      const next = this.heap[0];
      if (next.at > until) break;
      this.pop();
      if (next.cancelled) continue;
      this.time = next.at;
      if (next.timer) {
        next.cancelled = true;
        this.liveTimers--;
      }
      next.run();
    }
    if (Number.isFinite(until) && until > this.time) this.time = until;
  }

  private push(at: number, run: () => void, timer: boolean): QueuedEvent {
    const event: QueuedEvent = { at, seq: this.seq++, run, timer, cancelled: false };
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
    return event;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop() as QueuedEvent;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
}

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
