/**
 * Which windows are open: each window's extension host keeps a file named by
 * its window id under `windows/`, touched every few seconds and removed when
 * the window closes. A file not touched for `staleMs` belongs to a window that
 * crashed or was killed. Recovery asks this before calling a job left
 * mid-call "interrupted": the window that is still sending it is not.
 *
 * The file also says when its window last had the focus, so that a finished
 * job is announced in the window the user looks at (announcer.ts).
 */
import { rmSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FOLDER = 'windows';
export const PRESENCE_STALE_MS = 10_000;

export interface Presence {
  ready: Promise<void>;
  /** The window gained the focus at `at` (ms since the epoch). */
  focused(at: number): void;
  dispose(): void;
}

export function startPresence(storageFolder: string, windowId: string, intervalMs = 2_000): Presence {
  const file = path.join(storageFolder, FOLDER, windowId);
  let focusedAt = 0;
  const content = () => JSON.stringify({ pid: process.pid, focusedAt });
  const ready = mkdir(path.dirname(file), { recursive: true })
    .then(() => writeFile(file, content()))
    .catch(() => undefined);
  const timer = setInterval(() => {
    const now = new Date();
    void utimes(file, now, now).catch(() => writeFile(file, content()).catch(() => undefined));
  }, intervalMs);
  timer.unref?.();
  return {
    ready,
    focused(at) {
      focusedAt = at;
      void ready.then(() => writeFile(file, content())).catch(() => undefined);
    },
    dispose() {
      clearInterval(timer);
      // Synchronously: a closing window's extension host exits right after deactivation, before an async rm would run.
      rmSync(file, { force: true });
    },
  };
}

/** The windows whose presence file was touched within `staleMs`, each with when it last had the focus (0: never, or unknown). */
export async function openWindows(storageFolder: string, staleMs = PRESENCE_STALE_MS): Promise<Map<string, number>> {
  const folder = path.join(storageFolder, FOLDER);
  const names = await readdir(folder).catch(() => [] as string[]);
  const now = Date.now();
  const open = new Map<string, number>();
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(folder, name);
      const info = await stat(file).catch(() => undefined);
      if (!info || now - info.mtimeMs > staleMs) return;
      open.set(name, focusedAtIn(await readFile(file, 'utf8').catch(() => '')));
    }),
  );
  return open;
}

/** The ids of the windows whose presence file was touched within `staleMs`. */
export async function livingWindows(storageFolder: string, staleMs = PRESENCE_STALE_MS): Promise<Set<string>> {
  return new Set((await openWindows(storageFolder, staleMs)).keys());
}

/** Files written before focus was recorded hold only a pid: never focused, as far as anyone knows. */
function focusedAtIn(text: string): number {
  try {
    const value = (JSON.parse(text) as { focusedAt?: unknown }).focusedAt;
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
}
