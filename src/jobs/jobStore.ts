/**
 * The jobs list: newest first, persisted through an injected storage so that
 * it survives reloads and restarts, and pruned to a cap (oldest finished jobs
 * first; unfinished jobs are never pruned). Writes are coalesced: a burst of
 * status changes becomes one write.
 *
 * Several windows share the file. A save is a read-merge-write under the
 * storage's cross-process lock: the file's jobs are taken as they are, except
 * the ones this window changed since (newest `updatedAt` wins, ties to this
 * window), so no window's change is lost. A change by another window reaches
 * this one through `refresh()` (the storage watches the file), announced as
 * ordinary job changes. `claim()` decides on the freshest record under the
 * lock, for actions only one window may take (paying, submitting again).
 */
import type { Job } from './jobTypes';
import { isUnfinished } from './jobTypes';
import type { LoadedJobs } from './persistedJobs';
import { parseJobsFile, serializeJobs } from './persistedJobs';

export interface JobsStorage {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
  /** Runs `action` while no other process reads-merges-writes the file. Absent: only one store uses it. */
  exclusive?<T>(action: () => Promise<T>): Promise<T>;
  /** Calls `onChange` when the file may have been changed by another process. */
  watch?(onChange: () => void): { dispose(): void };
  /** Copies the file as it is now next to it under a dated name; resolves with the copy's path. */
  keepAside?(): Promise<string>;
}

export type JobChangeListener = (job: Job, change: 'added' | 'updated' | 'removed') => void;

/** Thrown by claim()'s decision to refuse: nothing is written, and the error reaches claim()'s caller. */
export type ClaimDecision<T extends Job> = (fresh: T) => Partial<T>;

interface DiskJobs extends LoadedJobs {
  text?: string;
}

export class JobStore {
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<JobChangeListener>();
  private readonly loadListeners = new Set<() => void>();
  private writeTimer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private saveFailing = false;
  /** Ids changed (added, updated) in this window and not yet merged into the file. */
  private readonly dirty = new Set<string>();
  /** Ids removed in this window and not yet removed from the file. */
  private readonly removed = new Set<string>();
  /** Ids the file held when last read: a job that leaves it was removed by another window. */
  private onDisk = new Set<string>();
  private lastText: string | undefined;
  private unreadableReported = false;
  /** The unreadable text last copied aside: the same text is not copied (nor reported) twice. */
  private keptText: string | undefined;
  private watcher: { dispose(): void } | undefined;
  private savesStarted = 0;
  private savesRunning = 0;

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
      /**
       * Told once when the file could not be read (not JSON, unreadable):
       * where its content was kept (`keptAt`), or undefined when it could
       * not be copied, in which case the file is left as it is and nothing
       * is saved over it.
       */
      onUnreadable?: (reason: string, keptAt: string | undefined) => void;
      /** This window's id, stamped on the jobs it changes (JobBase.writtenBy). */
      windowId?: string;
      writeDelayMs?: number;
      now?: () => number;
    },
  ) {}

  async load(): Promise<void> {
    const disk = await this.readDisk();
    this.adopt(disk, this.unsaved());
    for (const line of disk.skipped) this.options.log?.(line);
    if (disk.unreadable) await this.keepUnreadable(disk.unreadable, disk.text);
    this.watcher ??= this.storage.watch?.(() => void this.refresh());
    for (const listener of [...this.loadListeners]) listener();
  }

  /**
   * Takes in what other windows wrote: their jobs replace this window's
   * copies, except those changed here and not yet saved. Cheap when the file
   * did not change since this window last read or wrote it.
   */
  async refresh(): Promise<void> {
    // A save reads the file under the lock and adopts it itself; a read overlapping one could be older than it.
    if (this.savesRunning) return;
    const savesBefore = this.savesStarted;
    const disk = await this.readDisk();
    if (disk.unreadable || disk.text === this.lastText || this.savesStarted !== savesBefore) return;
    this.adopt(disk, this.unsaved());
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
    const windowId = this.options.windowId;
    this.jobs.set(job.id, this.stamp(windowId && !job.startedIn ? { ...job, startedIn: windowId } : job));
    this.dirty.add(job.id);
    this.prune();
    this.emit(this.jobs.get(job.id) ?? job, 'added');
    await this.flush();
  }

  /** Applies a change to a job; returns the new record, or undefined if the job was removed meanwhile. */
  update<T extends Job>(id: string, change: (job: T) => Partial<T>, options: { persistNow?: boolean } = {}): T | undefined {
    const current = this.jobs.get(id) as T | undefined;
    if (!current) return undefined;
    const next = this.stamp({ ...current, ...change(current), updatedAt: this.now() } as T);
    this.jobs.set(id, next);
    this.dirty.add(id);
    this.emit(next, 'updated');
    if (options.persistNow) void this.flush();
    else this.scheduleWrite();
    return next;
  }

  remove(id: string): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    this.dirty.delete(id);
    this.removed.add(id);
    this.emit(job, 'removed');
    this.scheduleWrite();
  }

  /** Writes now (and waits for any earlier write), e.g. before deactivation. */
  async flush(): Promise<void> {
    await this.save();
  }

  /**
   * For an action only one window may take: under the lock, reads the job's
   * freshest record (this window's unsaved changes merged in) and asks
   * `decide`, which returns the change that claims the action or throws to
   * refuse. The claim is on disk before this resolves; any other window's
   * claim() sees it. Rejects (nothing claimed) when the file cannot be saved.
   */
  async claim<T extends Job>(id: string, decide: ClaimDecision<T>): Promise<T> {
    let claimed: T | undefined;
    let refusal: unknown;
    await this.save((merged) => {
      const fresh = merged.get(id) as T | undefined;
      if (!fresh) return false;
      try {
        claimed = this.stamp({ ...fresh, ...decide(fresh), updatedAt: this.now() } as T);
        merged.set(id, claimed);
        return true;
      } catch (error) {
        refusal = error;
        return false;
      }
    }, true);
    if (refusal) throw refusal;
    if (!claimed) throw new Error('the job is no longer in the list');
    return claimed;
  }

  private save(decide?: (merged: Map<string, Job>) => boolean, mustSucceed = false): Promise<void> {
    if (this.writeTimer) {
      clearTimeout(this.writeTimer);
      this.writeTimer = undefined;
    }
    const run = this.writing.catch(() => undefined).then(() => this.mergeAndWrite(decide));
    this.writing = run.then(
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
    return mustSucceed ? run : this.writing;
  }

  private async mergeAndWrite(decide?: (merged: Map<string, Job>) => boolean): Promise<void> {
    if (!decide && this.dirty.size === 0 && this.removed.size === 0) return;
    const exclusive = this.storage.exclusive?.bind(this.storage) ?? ((action: () => Promise<void>) => action());
    this.savesStarted++;
    this.savesRunning++;
    try {
      await exclusive(() => this.mergeAndWriteLocked(decide));
    } finally {
      this.savesRunning--;
    }
  }

  private async mergeAndWriteLocked(decide?: (merged: Map<string, Job>) => boolean): Promise<void> {
    const disk = await this.readDisk();
    if (disk.unreadable && !(await this.keepUnreadable(disk.unreadable, disk.text))) {
      throw new Error('the jobs file cannot be read, and is left as it is');
    }
    // What this window saves: its jobs as they are now, changed or removed here since the last save.
    const saving = new Map<string, Job>();
    for (const id of this.dirty) {
      const job = this.jobs.get(id);
      if (job) saving.set(id, job);
    }
    const removing = new Set(this.removed);
    const merged = new Map<string, Job>();
    // An unreadable file (kept aside) holds nothing: every job this window knows is saved.
    const theirs = disk.unreadable ? [...this.jobs.values()] : disk.jobs;
    for (const job of theirs) if (!removing.has(job.id)) merged.set(job.id, job);
    for (const [id, mine] of saving) {
      const there = merged.get(id);
      // Gone from the file although this window saw it there: another window removed it.
      if (!there && this.onDisk.has(id) && !disk.unreadable) continue;
      if (!there || mine.updatedAt >= there.updatedAt) merged.set(id, mine);
    }
    const claimed = decide?.(merged) ?? false;
    if (!claimed && saving.size === 0 && removing.size === 0) {
      // A refused claim with nothing else to save: the file stays as it is; this window catches up with it.
      this.adopt(disk, this.unsaved());
      return;
    }
    const pruned = pruneJobs([...merged.values()], this.options.maxJobs());
    const text = serializeJobs(newestFirst(pruned), disk.kept, disk.header);
    await this.storage.write(text);
    for (const [id, job] of saving) if (this.jobs.get(id) === job) this.dirty.delete(id);
    for (const id of removing) this.removed.delete(id);
    this.adopt({ ...disk, jobs: pruned, text, unreadable: undefined }, this.unsaved());
  }

  /** Ids changed here since the last save, and jobs added here that no save has written yet. */
  private unsaved(): Set<string> {
    const ids = new Set(this.dirty);
    for (const id of this.jobs.keys()) if (!this.onDisk.has(id)) ids.add(id);
    return ids;
  }

  /** Makes `disk` this window's list, except the ids in `keep` (and removed ones), announcing every difference. */
  private adopt(disk: DiskJobs, keep: Set<string>): void {
    this.lastText = disk.text;
    const changes: Array<[Job, 'added' | 'updated' | 'removed']> = [];
    const fileIds = new Set<string>();
    for (const job of disk.jobs) {
      fileIds.add(job.id);
      if (keep.has(job.id) || this.removed.has(job.id)) continue;
      const mine = this.jobs.get(job.id);
      if (mine === job || (mine && JSON.stringify(mine) === JSON.stringify(job))) continue;
      this.jobs.set(job.id, job);
      changes.push([job, mine ? 'updated' : 'added']);
    }
    for (const [id, mine] of this.jobs) {
      if (fileIds.has(id) || keep.has(id)) continue;
      this.jobs.delete(id);
      changes.push([mine, 'removed']);
    }
    this.onDisk = fileIds;
    if (this.loaded) for (const [job, change] of changes) this.emit(job, change);
    this.loaded = true;
  }

  private loaded = false;

  private async readDisk(): Promise<DiskJobs> {
    try {
      const text = await this.storage.read();
      return { ...parseJobsFile(text), text };
    } catch (error) {
      const reason = `the jobs file could not be read (${(error as Error).message})`;
      return { jobs: [], skipped: [reason], kept: [], unreadable: reason };
    }
  }

  /**
   * An unreadable file is copied aside before anything may replace it, and
   * the user hears once where the copy is. False when it could not be copied:
   * then nothing may be written over it.
   */
  private async keepUnreadable(reason: string, text: string | undefined): Promise<boolean> {
    if (text !== undefined && text === this.keptText) return true;
    let keptAt: string | undefined;
    try {
      keptAt = await this.storage.keepAside?.();
    } catch (error) {
      this.options.log?.(`could not keep a copy of the unreadable jobs file: ${(error as Error).message}`);
    }
    if (keptAt) {
      this.keptText = text;
      this.options.log?.(`${reason}; its content is kept at ${keptAt}`);
    }
    if (!this.unreadableReported || keptAt) this.options.onUnreadable?.(reason, keptAt);
    this.unreadableReported = true;
    return keptAt !== undefined;
  }

  dispose(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.watcher?.dispose();
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
    const keep = new Set(pruneJobs(this.list(), this.options.maxJobs()).map((job) => job.id));
    for (const job of this.list().reverse()) {
      if (keep.has(job.id)) continue;
      this.jobs.delete(job.id);
      this.dirty.delete(job.id);
      this.removed.add(job.id);
      this.emit(job, 'removed');
    }
  }

  /** Stamps a change made in this window with its id (see JobBase.writtenBy). */
  private stamp<T extends Job>(job: T): T {
    return this.options.windowId ? { ...job, writtenBy: this.options.windowId } : job;
  }

  private emit(job: Job, change: 'added' | 'updated' | 'removed'): void {
    for (const listener of this.listeners) listener(job, change);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function newestFirst(jobs: Job[]): Job[] {
  return [...jobs].sort((a, b) => b.createdAt - a.createdAt);
}

/** The jobs the cap keeps: the oldest finished ones go first; unfinished jobs are never pruned. */
function pruneJobs(jobs: Job[], maxJobs: number): Job[] {
  const max = Math.max(1, maxJobs);
  if (jobs.length <= max) return jobs;
  const finishedOldestFirst = newestFirst(jobs)
    .filter((job) => !isUnfinished(job))
    .reverse();
  const drop = new Set(finishedOldestFirst.slice(0, jobs.length - max).map((job) => job.id));
  return jobs.filter((job) => !drop.has(job.id));
}
