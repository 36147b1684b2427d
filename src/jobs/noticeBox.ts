/**
 * Announcements handed from the polling window to the window that should show
 * them (announcer.ts). Each is one small file under `notices/`, written whole
 * (temporary file, then rename) and taken by renaming it away: a rename of
 * the same file succeeds for exactly one process, so a notice is shown once
 * even when its window and the poller's fallback reach for it together.
 *
 * Files, not fields of the job: the jobs list merges whole job records
 * (newest wins), so a "shown" mark written by one window could be undone by
 * the poller's next, unrelated update of the same job.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { watchFolder } from './folderWatch';

const FOLDER = 'notices';

export interface Notice {
  id: string;
  jobId: string;
  /** The follow event's type, and for a music video the progress events it carried. */
  type: string;
  events?: string[];
  /** The window meant to show it. */
  for: string;
  at: number;
}

export async function postNotice(storageFolder: string, notice: Omit<Notice, 'id'>): Promise<Notice> {
  const folder = path.join(storageFolder, FOLDER);
  await mkdir(folder, { recursive: true });
  const posted = { ...notice, id: randomUUID() };
  const temporary = path.join(folder, `.${posted.id}.tmp`);
  await writeFile(temporary, JSON.stringify(posted));
  await rename(temporary, path.join(folder, `${posted.id}.json`));
  return posted;
}

/**
 * Takes the notices `accept` wants (it sees each one), for `taker`. What
 * another window took first is not returned; a file that is not a notice is
 * removed, so it cannot be read again and again.
 */
export async function takeNotices(storageFolder: string, taker: string, accept: (notice: Notice) => boolean): Promise<Notice[]> {
  const folder = path.join(storageFolder, FOLDER);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));
  const taken: Notice[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    const notice = parseNotice(await readFile(file, 'utf8').catch(() => undefined));
    if (notice === 'gone') continue;
    if (notice === undefined) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (!accept(notice)) continue;
    const mine = path.join(folder, `${name}.taken-${taker}`);
    // Only one rename of the same file succeeds: the other windows get ENOENT.
    if (!(await rename(file, mine).then(() => true, () => false))) continue;
    await unlink(mine).catch(() => undefined);
    taken.push(notice);
  }
  return taken;
}

function parseNotice(text: string | undefined): Notice | 'gone' | undefined {
  if (text === undefined) return 'gone';
  try {
    const value = JSON.parse(text) as Partial<Notice>;
    const valid =
      typeof value.id === 'string' &&
      typeof value.jobId === 'string' &&
      typeof value.type === 'string' &&
      typeof value.for === 'string' &&
      typeof value.at === 'number' &&
      (value.events === undefined || (Array.isArray(value.events) && value.events.every((event) => typeof event === 'string')));
    return valid ? (value as Notice) : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `onChange` when notices arrive (the folder is created if needed, so that it can be watched). */
export function watchNotices(storageFolder: string, onChange: () => void, pollMs = 1_000): { dispose(): void } {
  const folder = path.join(storageFolder, FOLDER);
  let watching: { dispose(): void } | undefined;
  let disposed = false;
  void mkdir(folder, { recursive: true })
    .catch(() => undefined)
    .then(() => {
      if (!disposed) watching = watchFolder(folder, (name) => name.endsWith('.json'), folder, onChange, pollMs);
    });
  return {
    dispose() {
      disposed = true;
      watching?.dispose();
    },
  };
}
