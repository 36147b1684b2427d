/**
 * A lock shared by processes (VS Code windows each have their own extension
 * host): a directory made with mkdir, which is atomic on every local file
 * system, so exactly one process succeeds. The holder touches it (a
 * heartbeat) while it holds it; a lock whose mtime is older than `staleMs`
 * belongs to a process that died or hangs, and is removed. Removing is itself
 * guarded (a `.steal` directory) so that two waiters that both saw the dead
 * lock cannot remove the fresh one the first of them just made.
 *
 * Our own ~100 lines instead of a dependency: the store needs only this, the
 * lease (pollerLease.ts) needs a non-blocking try and a "lost it" signal, and
 * the core bundle stays small (see CONTRIBUTING, "Several windows").
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LockOptions {
  /** A lock not touched for this long is taken over (its holder died or hangs). */
  staleMs?: number;
  /** Give up waiting after this long (a lock that keeps being touched). */
  timeoutMs?: number;
}

export interface HeldLock {
  release(): Promise<void>;
  /** For a closing extension host, which exits right after deactivation, before an async release would run. */
  releaseSync(): void;
  /** Told once if another process took the lock over (this one hung for longer than staleMs). */
  onLost(listener: () => void): void;
}

export class LockTimeoutError extends Error {
  constructor(lockDir: string) {
    super(`the lock ${lockDir} stayed taken`);
    this.name = 'LockTimeoutError';
  }
}

const DEFAULT_STALE_MS = 10_000;
const OWNER_FILE = 'owner';

export async function withFileLock<T>(lockDir: string, action: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = await acquireLock(lockDir, options);
  try {
    return await action();
  } finally {
    await lock.release();
  }
}

/** Waits until the lock is free (or stale), then holds it. */
export async function acquireLock(lockDir: string, options: LockOptions = {}): Promise<HeldLock> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (let attempt = 0; ; attempt++) {
    const held = await tryAcquireLock(lockDir, options);
    if (held) return held;
    if (Date.now() > deadline) throw new LockTimeoutError(lockDir);
    // Random, growing waits: waiters that collide once do not collide in step again.
    await sleep(Math.min(100, 5 + attempt * 5) * (0.5 + Math.random()));
  }
}

/** Holds the lock if it is free or stale right now; undefined if another process holds it. */
export async function tryAcquireLock(lockDir: string, options: LockOptions = {}): Promise<HeldLock | undefined> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  try {
    await mkdir(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      await mkdir(path.dirname(lockDir), { recursive: true });
      return undefined;
    }
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (await isStale(lockDir, staleMs)) await removeStale(lockDir, staleMs);
    return undefined;
  }
  const token = randomUUID();
  await writeFile(path.join(lockDir, OWNER_FILE), token).catch(() => undefined);
  return heartbeat(lockDir, token, staleMs);
}

function heartbeat(lockDir: string, token: string, staleMs: number): HeldLock {
  const lostListeners: Array<() => void> = [];
  let released = false;
  const stillOurs = async () => (await readFile(path.join(lockDir, OWNER_FILE), 'utf8').catch(() => undefined)) === token;
  const stillOursNow = () => {
    try {
      return readFileSync(path.join(lockDir, OWNER_FILE), 'utf8') === token;
    } catch {
      return false;
    }
  };
  const timer = setInterval(() => {
    void (async () => {
      if (released) return;
      if (!(await stillOurs())) {
        released = true;
        clearInterval(timer);
        for (const listener of lostListeners) listener();
        return;
      }
      const now = new Date();
      await utimes(lockDir, now, now).catch(() => undefined);
    })();
  }, Math.max(50, Math.floor(staleMs / 4)));
  timer.unref?.();
  return {
    onLost: (listener) => lostListeners.push(listener),
    release: async () => {
      if (released) return;
      released = true;
      clearInterval(timer);
      // Never remove a lock another process took over while this one hung.
      if (await stillOurs()) await rm(lockDir, { recursive: true, force: true });
    },
    releaseSync: () => {
      if (released) return;
      released = true;
      clearInterval(timer);
      if (stillOursNow()) rmSync(lockDir, { recursive: true, force: true });
    },
  };
}

async function isStale(dir: string, staleMs: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(dir)).mtimeMs > staleMs;
  } catch {
    return false; // gone meanwhile: the next mkdir may win
  }
}

async function removeStale(lockDir: string, staleMs: number): Promise<void> {
  const guard = `${lockDir}.steal`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A remover that died in its few milliseconds leaves the guard behind: it goes stale like any lock.
    if (await isStale(guard, staleMs)) await rm(guard, { recursive: true, force: true });
    return;
  }
  try {
    // Checked again under the guard: another waiter may have removed the dead lock and made a fresh one.
    if (await isStale(lockDir, staleMs)) await rm(lockDir, { recursive: true, force: true });
  } finally {
    await rm(guard, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
