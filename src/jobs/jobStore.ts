/**
 * The jobs list: newest first, persisted through an injected storage so that
 * it survives reloads and restarts, and pruned to a cap (oldest finished jobs
 * first; unfinished jobs are never pruned). Writes are coalesced: a burst of
 * status changes becomes one write.
 */
import type { Job } from './jobTypes';
import { isUnfinished } from './jobTypes';
import { parseJobsFile, serializeJobs } from './persistedJobs';

export interface JobsStorage {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

export type JobChangeListener = (job: Job, change: 'added' | 'updated' | 'removed') => void;

export class JobStore {
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<JobChangeListener>();
  private readonly loadListeners = new Set<() => void>();
  private writeTimer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private saveFailing = false;
  /** Entries of a newer extension version, written back untouched (see LoadedJobs.kept). */
  private kept: unknown[] = [];

  constructor(
    private readonly storage: JobsStorage,
    private readonly options: {
      maxJobs: () => number;
      log?: (line: string) => void;
      /**
       * Told when saving starts failing (with the reason) and when it works
       * again (undefined): jobs stay in memory and followed, but a reload
       * would lose what was not saved, so the user must hear of it.
       */
      onSaveProblem?: (reason: string | undefined) => void;
      writeDelayMs?: number;
      now?: () => number;
    },
  ) {}

  async load(): Promise<void> {
    let text: string | undefined;
    try {
      text = await this.storage.read();
    } catch (error) {
      this.options.log?.(`could not read the jobs file: ${(error as Error).message}`);
    }
    const { jobs, skipped, kept } = parseJobsFile(text);
    this.kept = kept;
    for (const line of skipped) this.options.log?.(line);
    for (const job of jobs) this.jobs.set(job.id, job);
    for (const listener of [...this.loadListeners]) listener();
  }

  /**
   * Told once the saved list is read. Loading announces no job changes (the
   * jobs did not change), so whatever shows the whole list (the tree, the
   * status bar, the context keys of `when` clauses) redraws on this; they are
   * created before the file is read, and a restored finished job may never
   * change again.
   */
  onDidLoad(listener: () => void): { dispose(): void } {
    this.loadListeners.add(listener);
    return { dispose: () => this.loadListeners.delete(listener) };
  }

  onDidChange(listener: JobChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Newest first. */
  list(): Job[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  findByRemoteId(remoteId: string): Job | undefined {
    for (const job of this.jobs.values()) {
      if ((job.kind === 'video' ? job.taskId : job.projectId) === remoteId) return job;
    }
    return undefined;
  }

  /** Adds and persists at once (not coalesced): a job must be on disk before its request is sent. */
  async add(job: Job): Promise<void> {
    this.jobs.set(job.id, job);
    this.prune();
    this.emit(job, 'added');
    await this.flush();
  }

  /** Applies a change to a job; returns the new record, or undefined if the job was removed meanwhile. */
  update<T extends Job>(id: string, change: (job: T) => Partial<T>, options: { persistNow?: boolean } = {}): T | undefined {
    const current = this.jobs.get(id) as T | undefined;
    if (!current) return undefined;
    const next = { ...current, ...change(current), updatedAt: this.now() } as T;
    this.jobs.set(id, next);
    this.emit(next, 'updated');
    if (options.persistNow) void this.flush();
    else this.scheduleWrite();
    return next;
  }

  remove(id: string): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    this.emit(job, 'removed');
    this.scheduleWrite();
  }

  /** Writes now (and waits for any earlier write), e.g. before deactivation. */
  async flush(): Promise<void> {
    if (this.writeTimer) {
      clearTimeout(this.writeTimer);
      this.writeTimer = undefined;
    }
    const text = serializeJobs(this.list(), this.kept);
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => this.storage.write(text))
      .then(
        () => {
          if (!this.saveFailing) return;
          this.saveFailing = false;
          this.options.log?.('the jobs list is saved again');
          this.options.onSaveProblem?.(undefined);
        },
        (error: Error) => {
          this.options.log?.(`could not save the jobs list: ${error.message}`);
          if (this.saveFailing) return;
          this.saveFailing = true;
          this.options.onSaveProblem?.(error.message);
        },
      );
    await this.writing;
  }

  dispose(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.listeners.clear();
    this.loadListeners.clear();
  }

  private scheduleWrite(): void {
    if (this.writeTimer) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = undefined;
      void this.flush();
    }, this.options.writeDelayMs ?? 250);
  }

  private prune(): void {
    const max = Math.max(1, this.options.maxJobs());
    if (this.jobs.size <= max) return;
    const finishedOldestFirst = this.list()
      .filter((job) => !isUnfinished(job))
      .reverse();
    for (const job of finishedOldestFirst) {
      if (this.jobs.size <= max) break;
      this.jobs.delete(job.id);
      this.emit(job, 'removed');
    }
  }

  private emit(job: Job, change: 'added' | 'updated' | 'removed'): void {
    for (const listener of this.listeners) listener(job, change);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
