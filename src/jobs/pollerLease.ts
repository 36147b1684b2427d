/**
 * One window polls Giggle for everyone: the window holding `poller.lock`
 * (fileLock.ts, touched while held) follows the jobs and writes what it sees
 * to the shared list; the others show it (their stores refresh from the
 * file). Every window tries to take the lease every `retryMs`; one that
 * closed releases it at once, one that crashed or hangs loses it after
 * `staleMs`, so another window takes over within a few seconds.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HeldLock } from './fileLock';
import { tryAcquireLock } from './fileLock';

export interface PollerLease {
  holds(): boolean;
  dispose(): void;
}

export function pollerLease(
  storageFolder: string,
  onChange: (holds: boolean) => void,
  options: { staleMs?: number; retryMs?: number; /** Written into the lease as `holder`: which window polls (for the log and the UI tests). */ holder?: string } = {},
): PollerLease {
  const lockDir = path.join(storageFolder, 'poller.lock');
  let held: HeldLock | undefined;
  let disposed = false;
  const attempt = async () => {
    if (held || disposed) return;
    const lock = await tryAcquireLock(lockDir, { staleMs: options.staleMs ?? 5_000 }).catch(() => undefined);
    if (!lock) return;
    if (disposed) return void lock.release();
    held = lock;
    if (options.holder) await writeFile(path.join(lockDir, 'holder'), options.holder).catch(() => undefined);
    lock.onLost(() => {
      held = undefined;
      onChange(false);
    });
    onChange(true);
  };
  const timer = setInterval(() => void attempt(), options.retryMs ?? 1_000);
  timer.unref?.();
  void attempt();
  return {
    holds: () => held !== undefined,
    dispose() {
      disposed = true;
      clearInterval(timer);
      held?.releaseSync();
      held = undefined;
    },
  };
}
