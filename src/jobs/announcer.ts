/**
 * Each finished job (and each question a job asks, such as the payment gate)
 * is announced once, in one window: the window that started the job while it
 * is open, otherwise the window that last had the focus. Only the polling
 * window sees jobs change on Giggle (pollerLease.ts); when the announcement
 * belongs elsewhere it posts a notice (noticeBox.ts) that the other window
 * takes when its jobs list changes. If that window does not take it within
 * `fallbackMs` (it hangs, or closed meanwhile), the poller takes it back and
 * shows it itself: taking is exclusive, so it is shown exactly once.
 */
import type { FollowEvent } from './jobFollower';
import type { Job } from './jobTypes';
import type { Notice } from './noticeBox';
import { isMvProgressEvent } from './mvProgress';

/** The windows open now, each with when it last had the focus (windowPresence.ts). */
export type OpenWindows = Map<string, number>;

/** Who announces `job`: its own window while open, else the last focused open window, else `poller`. */
export function announcingWindow(job: Job, open: OpenWindows, poller: string): string {
  if (job.startedIn && (job.startedIn === poller || open.has(job.startedIn))) return job.startedIn;
  let best: string | undefined;
  let bestAt = 0;
  for (const [id, focusedAt] of open) {
    if (focusedAt > bestAt) [best, bestAt] = [id, focusedAt];
  }
  return best ?? poller;
}

type JobEvent = Extract<FollowEvent, { job: Job }>;

export interface AnnouncerDeps {
  windowId: string;
  openWindows(): Promise<OpenWindows>;
  post(notice: Omit<Notice, 'id'>): Promise<Notice>;
  take(accept: (notice: Notice) => boolean): Promise<Notice[]>;
  job(id: string): Job | undefined;
  show(event: FollowEvent): void;
  now(): number;
  log?(line: string): void;
  /** How long the chosen window has to take a notice before the poller shows it (default 5 s). */
  fallbackMs?: number;
  /** A notice nobody took for this long (its poller died too) is shown by whichever window looks (default 15 s). */
  orphanMs?: number;
}

export class Announcer {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Routing and collecting run one at a time, in order: a job's events are announced in the order they happened. */
  private queue: Promise<void> = Promise.resolve();
  private collectQueued = false;

  constructor(private readonly deps: AnnouncerDeps) {}

  /** In the polling window: an event seen on Giggle, shown here or handed to the window it belongs to. */
  route(event: FollowEvent): Promise<void> {
    // At once, without a look at the other windows: what concerns no job (the key was refused), and a
    // job this window started (it is open: it announces). Such a job's events all take this path, in order.
    if (!isJobEvent(event) || event.job.startedIn === this.deps.windowId) {
      this.deps.show(event);
      return Promise.resolve();
    }
    return this.enqueue(() => this.routeNow(event));
  }

  private async routeNow(event: FollowEvent): Promise<void> {
    if (!isJobEvent(event)) return this.deps.show(event);
    const target = announcingWindow(event.job, await this.deps.openWindows().catch(() => new Map() as OpenWindows), this.deps.windowId);
    if (target === this.deps.windowId) return this.deps.show(event);
    const notice = await this.deps
      .post({ jobId: event.job.id, type: event.type, events: 'events' in event ? [...event.events] : undefined, for: target, at: this.deps.now() })
      .catch((error: Error) => {
        this.deps.log?.(`could not hand the announcement of ${event.job.id} to another window (${error.message}); showing it here`);
        return undefined;
      });
    if (!notice) return this.deps.show(event);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deps.take((candidate) => candidate.id === notice.id).then((taken) => {
        if (taken.length) this.deps.log?.(`window ${target} did not take the announcement of ${event.job.id}; shown here`);
        for (const mine of taken) this.showNotice(mine, event.job);
      });
    }, this.deps.fallbackMs ?? 5_000);
    timer.unref?.();
    this.timers.add(timer);
  }

  /** In any window, when the jobs list changed: shows what was handed to this window (or left by a window that is gone). */
  collect(): Promise<void> {
    // A burst of changes (another window's save) needs one look, not one per job.
    if (this.collectQueued) return this.queue;
    this.collectQueued = true;
    return this.enqueue(async () => {
      this.collectQueued = false;
      const orphanAfter = this.deps.orphanMs ?? 15_000;
      const taken = await this.deps.take(
        (notice) => !!this.deps.job(notice.jobId) && (notice.for === this.deps.windowId || this.deps.now() - notice.at > orphanAfter),
      );
      for (const notice of taken) this.showNotice(notice);
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step).catch((error: Error) => this.deps.log?.(`announcements: ${error.message}`));
    return this.queue;
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private showNotice(notice: Notice, fallbackJob?: Job): void {
    const job = this.deps.job(notice.jobId) ?? fallbackJob;
    const event = job && eventOf(notice, job);
    if (event) this.deps.show(event);
    else this.deps.log?.(`dropped an announcement of ${notice.jobId} that this version cannot show (${notice.type})`);
  }
}

function isJobEvent(event: FollowEvent): event is JobEvent {
  return 'job' in event && event.type !== 'finished';
}

/** The follow event a notice stands for, with the job as this window knows it now. */
function eventOf(notice: Notice, job: Job): FollowEvent | undefined {
  if (notice.type === 'mvProgress' && job.kind === 'mv') {
    // Written by another window, perhaps another version: only the events this one knows how to announce.
    const events = (notice.events ?? []).filter(isMvProgressEvent);
    return events.length ? { type: 'mvProgress', job, events } : undefined;
  }
  if ((notice.type === 'videoReady' || notice.type === 'videoFailed' || notice.type === 'videoOverdue') && job.kind === 'video') {
    return { type: notice.type, job };
  }
  return undefined;
}
