// Launches Debian's Chromium through playwright-core with the flags that work
// on these machines (see /work/shared/real-vscode.md).
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { testHost } from './paths.mjs';

// The flags live in chromium-args.json so the UI tests' TypeScript fixtures read the same list.
export const CHROMIUM_ARGS = JSON.parse(readFileSync(new URL('./chromium-args.json', import.meta.url), 'utf8'));

/** A headless Chromium (set HEADFUL=1 to watch it on a machine with a display). */
export async function launchChromium(options = {}) {
  const headless = process.env.HEADFUL !== '1';
  return chromium.launch({
    executablePath: testHost().chromium,
    headless,
    args: CHROMIUM_ARGS,
    ...options,
  });
}
