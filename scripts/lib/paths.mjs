// Well-known paths of the repository and the provisioned test host.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE = process.env.GIGGLE_TEST_CACHE || path.join(ROOT, '.vscode-test');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const VSIX = path.join(ROOT, 'giggle-video.vsix');
export const EXTENSION_ID = 'giggle-community.giggle-video';

/** { codeServer, codeServerVersion, chromium } written by scripts/provision-test-host.sh. */
export function testHost() {
  const file = path.join(CACHE, 'host.json');
  if (!existsSync(file)) {
    throw new Error(`The test host is not provisioned (${path.relative(ROOT, file)} is missing). Run: npm run provision`);
  }
  const host = JSON.parse(readFileSync(file, 'utf8'));
  if (!existsSync(host.codeServer)) throw new Error(`code-server not found at ${host.codeServer}. Run: npm run provision`);
  if (process.env.CHROMIUM_PATH) host.chromium = process.env.CHROMIUM_PATH;
  return host;
}
