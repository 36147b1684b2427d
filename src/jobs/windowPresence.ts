/**
 * Which windows are open: each window's extension host keeps a file named by
 * its window id under `windows/`, touched every few seconds and removed when
 * the window closes. A file not touched for `staleMs` belongs to a window that
 * crashed or was killed. Recovery asks this before calling a job left
 * mid-call "interrupted": the window that is still sending it is not.
 */
import { rmSync } from 'node:fs';
import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FOLDER = 'windows';
export const PRESENCE_STALE_MS = 10_000;

export function startPresence(storageFolder: string, windowId: string, intervalMs = 2_000): { ready: Promise<void>; dispose(): void } {
  const file = path.join(storageFolder, FOLDER, windowId);
  const ready = mkdir(path.dirname(file), { recursive: true })
    .then(() => writeFile(file, String(process.pid)))
    .catch(() => undefined);
  const timer = setInterval(() => {
    const now = new Date();
    void utimes(file, now, now).catch(() => writeFile(file, String(process.pid)).catch(() => undefined));
  }, intervalMs);
  timer.unref?.();
  return {
    ready,
    dispose() {
      clearInterval(timer);
      // Synchronously: a closing window's extension host exits right after deactivation, before an async rm would run.
      rmSync(file, { force: true });
    },
  };
}

/** The ids of the windows whose presence file was touched within `staleMs`. */
export async function livingWindows(storageFolder: string, staleMs = PRESENCE_STALE_MS): Promise<Set<string>> {
  const folder = path.join(storageFolder, FOLDER);
  const names = await readdir(folder).catch(() => [] as string[]);
  const now = Date.now();
  const alive = new Set<string>();
  await Promise.all(
    names.map(async (name) => {
      const info = await stat(path.join(folder, name)).catch(() => undefined);
      if (info && now - info.mtimeMs <= staleMs) alive.add(name);
    }),
  );
  return alive;
}
