// Launches Debian's Chromium through playwright-core with the flags that work
// on these machines (see /work/shared/real-vscode.md).
import { chromium } from 'playwright-core';
import { testHost } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

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
