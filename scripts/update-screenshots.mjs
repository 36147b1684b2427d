// `npm run screenshots`: copies the screenshots the README shows from the
// latest UI test runs (test-results/e2e/ and test-results/e2e-zh-cn/, written
// by `npm run test:e2e` and `npm run test:e2e -- --locale zh-cn`) into
// docs/screenshots/, so every picture in the README is what a UI test saw.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, ROOT } from './lib/paths.mjs';

const SHOTS = [
  ['e2e', 'welcome-no-key.png'],
  ['e2e', 'walkthrough-and-status-bar.png'],
  ['e2e', 'panel-video-dark.png'],
  ['e2e', 'panel-mv-light.png'],
  ['e2e-zh-cn', 'zh-cn-jobs.png'],
  ['e2e-zh-cn', 'zh-cn-panel.png'],
];

const target = path.join(ROOT, 'docs', 'screenshots');
mkdirSync(target, { recursive: true });
const missing = SHOTS.filter(([dir, name]) => !existsSync(path.join(RESULTS_DIR, dir, name)));
if (missing.length) {
  console.error(`missing (run the UI tests first: npm run test:e2e, and npm run test:e2e -- --locale zh-cn):\n  ${missing.map((m) => m.join('/')).join('\n  ')}`);
  process.exit(1);
}
for (const [dir, name] of SHOTS) {
  copyFileSync(path.join(RESULTS_DIR, dir, name), path.join(target, name));
  console.log(`docs/screenshots/${name} (${(statSync(path.join(target, name)).size / 1024).toFixed(0)} KB) ← ${path.relative(ROOT, path.join(RESULTS_DIR, dir, name))}`);
}
