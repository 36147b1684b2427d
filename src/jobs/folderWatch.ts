/**
 * Tells when files in a folder change, for files other processes (the other
 * windows) write. The folder is watched rather than the file: each save
 * renames a new file into place, which ends a watch on the old one. A cheap
 * mtime check backs the watcher up (network drives, platforms without one);
 * both land in one call per burst.
 */
import { watch } from 'node:fs';
import { stat } from 'node:fs/promises';

export function watchFolder(
  folder: string,
  /** Which changed names matter (the watcher may report no name: that counts). */
  matches: (name: string) => boolean,
  /** Checked every `pollMs`: a change of its mtime counts as a change. */
  statPath: string,
  onChange: () => void,
  pollMs: number,
): { dispose(): void } {
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
      if (!name || matches(name.toString())) changed();
    });
    watcher.on('error', () => undefined);
  } catch {
    // No watcher here (the folder does not exist yet, or the platform has none): the mtime check covers it.
  }
  let lastMtime = 0;
  const timer = setInterval(() => {
    void stat(statPath).then(
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
