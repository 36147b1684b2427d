/**
 * Jobs persisted as a JSON file under the extension's global storage folder,
 * on the extension host's disk: it outlives window reloads and, in
 * code-server, a change of browser (globalState lives in the browser there,
 * see ../shared/real-vscode.md). Written to a temporary file and renamed, so
 * a crash mid-write never leaves half a file. Every window of the user shares
 * it: saves take `jobs.json.lock` (fileLock.ts), and each window watches the
 * file for the others' saves.
 */
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobsStorage } from '../jobs/jobStore';
import type { LockOptions } from '../jobs/fileLock';
import { withFileLock } from '../jobs/fileLock';
import { watchFolder } from '../jobs/folderWatch';

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
    watch: (onChange) => watchFolder(folder, (name) => name === fileName, file, onChange, options.pollMs ?? 1_000),
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
