/**
 * Jobs persisted as a JSON file under the extension's global storage folder,
 * on the extension host's disk: it outlives window reloads and, in
 * code-server, a change of browser (globalState lives in the browser there,
 * see ../shared/real-vscode.md). Written to a temporary file and renamed, so
 * a crash mid-write never leaves half a file. Every window of the user shares
 * it: saves take `jobs.json.lock` (fileLock.ts), and each window watches the
 * file for the others' saves.
 */
import { watch } from 'node:fs';
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobsStorage } from '../jobs/jobStore';
import type { LockOptions } from '../jobs/fileLock';
import { withFileLock } from '../jobs/fileLock';

/** Errors another process's brief hold on the file causes (Windows sharing, NFS): worth a few more tries. */
const TRANSIENT = new Set(['EBUSY', 'EAGAIN', 'EPERM']);

export interface FileJobsStorageOptions {
  lock?: LockOptions;
  /** How often the file's mtime is checked, in case the file watcher misses a change (network drives). */
  pollMs?: number;
}

export function fileJobsStorage(folder: string, fileName = 'jobs.json', options: FileJobsStorageOptions = {}): JobsStorage {
  const file = path.join(folder, fileName);
  return {
    read: () => retryTransient(() => readOrUndefined(file)),
    async write(text) {
      await mkdir(folder, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, text, 'utf8');
      await retryTransient(() => rename(temporary, file));
    },
    async exclusive(action) {
      await mkdir(folder, { recursive: true });
      return withFileLock(`${file}.lock`, action, { timeoutMs: 10_000, ...options.lock });
    },
    watch: (onChange) => watchFile(folder, fileName, onChange, options.pollMs ?? 1_000),
    async keepAside() {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const copy = path.join(folder, `${path.parse(fileName).name}.unreadable-${stamp}${path.extname(fileName)}`);
      await copyFile(file, copy);
      return copy;
    },
  };
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function retryTransient<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= 5 || !TRANSIENT.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/**
 * The folder is watched rather than the file: each save renames a new file
 * into place, which ends a watch on the old one. A cheap mtime check backs
 * the watcher up; both land in one call per burst.
 */
function watchFile(folder: string, fileName: string, onChange: () => void, pollMs: number): { dispose(): void } {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      onChange();
    }, 30);
  };
  let watcher: ReturnType<typeof watch> | undefined;
  try {
    watcher = watch(folder, (_event, name) => {
      if (!name || name.toString() === fileName) changed();
    });
    watcher.on('error', () => undefined);
  } catch {
    // No watcher here (the folder does not exist yet, or the platform has none): the mtime check covers it.
  }
  let lastMtime = 0;
  const timer = setInterval(() => {
    void stat(path.join(folder, fileName)).then(
      (info) => {
        if (info.mtimeMs !== lastMtime) {
          if (lastMtime !== 0) changed();
          lastMtime = info.mtimeMs;
        }
      },
      () => undefined,
    );
  }, pollMs);
  timer.unref?.();
  return {
    dispose() {
      watcher?.close();
      clearInterval(timer);
      if (pending) clearTimeout(pending);
    },
  };
}
