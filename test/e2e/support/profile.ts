// The code-server profile on disk, as scripts/run-e2e.mjs lays it out
// (<root>/workspace, <root>/user-data): the user settings, keybindings, the
// extension's saved jobs list and logs. UI specs that plant or read state
// there (chaos, the reload at the payment gate) share these paths.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';
import { e2eEnv } from './fixtures';

export const EXTENSION_ID = 'giggle-community.giggle-video';

export const profileRoot = () => path.dirname(e2eEnv.workspace);
export const userDir = () => path.join(profileRoot(), 'user-data', 'User');
export const jobsFile = () => path.join(userDir(), 'globalStorage', EXTENSION_ID, 'jobs.json');
export const settingsFile = () => path.join(userDir(), 'settings.json');

/** Presence files of the windows whose extension host is running: touched within 10 s (src/jobs/windowPresence.ts). */
export function windowPresenceFiles(): string[] {
  const folder = path.join(path.dirname(jobsFile()), 'windows');
  const fresh = (name: string) => Date.now() - (statSync(path.join(folder, name), { throwIfNoEntry: false })?.mtimeMs ?? 0) <= 10_000;
  return existsSync(folder) ? readdirSync(folder).filter(fresh) : [];
}

export function findFiles(dir: string, test: (file: string) => boolean, out: string[] = []): string[] {
  for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findFiles(full, test, out);
    else if (test(full)) out.push(full);
  }
  return out;
}

/** Written to a temporary file and renamed, as the extension does: a reader never sees half a file. */
export function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
  renameSync(`${file}.tmp`, file);
}

/**
 * Changes user settings for one spec; returns what puts them back. Suites
 * share one profile, so every spec leaves it as found.
 */
export function overrideSettings(values: Record<string, unknown>): () => void {
  const saved = readFileSync(settingsFile(), 'utf8');
  writeJson(settingsFile(), { ...JSON.parse(saved), ...values });
  return () => writeFileSync(settingsFile(), saved);
}
