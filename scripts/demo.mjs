// `npm run demo`: the real extension against the Giggle simulator, in a
// browser, with no Giggle account. Builds and packages the extension,
// provisions code-server if needed, starts the simulator (time scale 0.1, so a
// video finishes in about 10-20 s) and code-server with the .vsix installed,
// giggle.apiBaseUrl pointing at the simulator and the simulator's demo key in
// GIGGLE_API_KEY (the extension offers to use it), then prints the URL to
// open. Ctrl+C stops everything.
//
//   npm run demo                       # http://127.0.0.1:8080 (or a free port)
//   npm run demo -- --port 9000
//   npm run demo -- --check            # start, verify in Chromium, stop (CI)
//   npm run demo -- --no-package       # reuse giggle-video.vsix
//   npm run demo -- --no-package --vsix other.vsix
/* global fetch, AbortSignal */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from './lib/chromium.mjs';
import { createProfile, freePort, installVsix, startCodeServer } from './lib/code-server.mjs';
import { CACHE, RESULTS_DIR, ROOT, VSIX } from './lib/paths.mjs';
import { killLeftovers, onSignals, reapOrphans, stopAll } from './lib/procs.mjs';
import { startSim } from './lib/sim.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const check = flag('--check') || flag('--smoke');
const DEMO_KEY = 'sim-demo-key';
const TIME_SCALE = option('--time-scale', '0.1');

const t0 = Date.now();
const say = (msg) => console.log(`[demo ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

let profile = null;
let server = null;
let sim = null;
let browser = null;

async function cleanup() {
  const errors = [];
  if (browser) await browser.close().catch((e) => errors.push(e));
  browser = null;
  for (const proc of [server, sim]) if (proc) await proc.stop().catch((e) => errors.push(e));
  server = sim = null;
  errors.push(...(await stopAll()));
  const left = await killLeftovers();
  if (left.length) errors.push(new Error(`processes outlived the demo (now killed): ${left.map((p) => p.pid).join(', ')}`));
  profile?.remove();
  profile = null;
  for (const e of errors) console.error(`cleanup: ${e.message ?? e}`);
  return errors.length === 0;
}
onSignals(cleanup);
{
  const reaped = await reapOrphans();
  if (reaped.length) say(`stopped ${reaped.length} process(es) left behind by an earlier run that was killed`);
}

function npmRun(script) {
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run ${script} failed`);
}

async function portFree(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
    return false;
  } catch {
    return true;
  }
}

async function start() {
  if (!existsSync(path.join(CACHE, 'host.json'))) {
    say('provisioning code-server into .vscode-test/ (first run only, about a minute)');
    const r = spawnSync('bash', [path.join(ROOT, 'scripts/provision-test-host.sh')], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('provisioning failed (see above)');
  }
  if (!flag('--no-package')) {
    say('building and packaging the extension');
    npmRun('package');
  }
  const vsix = path.resolve(option('--vsix', VSIX));
  if (!existsSync(vsix)) throw new Error(`${path.relative(ROOT, vsix)} not found`);

  sim = await startSim({
    timeScale: TIME_SCALE,
    key: DEMO_KEY,
    logFile: path.join(RESULTS_DIR, 'demo', 'sim.log'),
    // Show the simulator's request log (time, method, status, path; never the key).
    onLine: check ? undefined : (line) => /^\d\d:\d\d:\d\d/.test(line) && console.log(`  [sim] ${line}`),
  });
  say(`Giggle simulator at ${sim.url} (time scale ${TIME_SCALE})`);

  profile = createProfile({ prefix: 'giggle-demo-', settings: { 'giggle.apiBaseUrl': sim.url } });
  await installVsix(profile, vsix);
  say(`installed ${path.basename(vsix)} into a fresh code-server profile`);

  let port = Number(option('--port', 0));
  if (!port) port = !check && (await portFree(8080)) ? 8080 : await freePort();
  server = await startCodeServer(profile, {
    port,
    env: { GIGGLE_API_KEY: DEMO_KEY, GIGGLE_POLL_TIME_SCALE: TIME_SCALE },
    logFile: path.join(profile.root, 'code-server.log'),
  });
  return server.workbenchUrl();
}

/** --check: the workbench answers; in Chromium the extension shows up, takes the demo key, and generates a video. */
async function verify(url) {
  const res = await fetch(url);
  const html = await res.text();
  if (!res.ok || !/workbench/i.test(html)) throw new Error(`the workbench did not answer at ${url} (HTTP ${res.status})`);
  say('workbench answers over HTTP');

  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const shot = path.join(RESULTS_DIR, 'demo', 'demo-check.png');
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    const giggle = page.locator('.part.activitybar a.action-label[aria-label^="Giggle"]').first();
    await giggle.waitFor({ timeout: 30_000 });
    await giggle.click();
    await page.locator('.part.sidebar .pane-header[aria-label="Jobs Section"]').waitFor({ state: 'attached', timeout: 30_000 });
    say('the Giggle container and its Jobs view are shown');

    // The extension offers the GIGGLE_API_KEY demo key; accepting it checks the key against the simulator.
    const offer = page.locator('.notification-toast', { hasText: 'GIGGLE_API_KEY' });
    await offer.waitFor({ timeout: 30_000 });
    await offer.locator('.monaco-button', { hasText: 'Use It' }).click();
    await page.locator('.notification-toast', { hasText: 'Giggle API key saved' }).waitFor({ timeout: 30_000 });
    const requests = await (await fetch(`${sim.url}/__sim/requests`)).json();
    if (!requests.some((r) => r.headers?.['x-auth'] === DEMO_KEY)) throw new Error('the extension never called the simulator with the demo key');
    say(`the extension accepted the demo key and called the simulator (${requests.length} request(s))`);

    // What a newcomer does next: F1 → Giggle: Generate Video, accept the defaults, type a prompt.
    const prompt = 'Demo check: a paper boat sails across a puddle';
    const quickInput = page.locator('.quick-input-widget');
    await page.keyboard.press('F1');
    await quickInput.waitFor();
    await quickInput.locator('input').fill('>Giggle: Generate Video');
    await quickInput.locator('.monaco-list-row', { hasText: /^Giggle: Generate Video/ }).first().click();
    await quickInput.locator('.quick-input-title', { hasText: 'Generate Video' }).waitFor();
    for (let step = 0; step < 12; step++) {
      await page.waitForTimeout(300);
      if (!(await quickInput.locator('.quick-input-list').isVisible())) break; // the prompt's text box
      await quickInput.locator('input').press('Enter');
    }
    await quickInput.locator('input').fill(prompt);
    await quickInput.locator('input').press('Enter');
    // The last step confirms the submission, with the estimated credits (or "price unknown").
    await quickInput.locator('.monaco-list-row', { hasText: /Submit — / }).first().waitFor({ timeout: 20_000 });
    await quickInput.locator('input').press('Enter');
    const row = page.locator('.part.sidebar .monaco-list-row', { hasText: prompt.slice(0, 30) });
    await row.waitFor({ timeout: 30_000 });
    const started = Date.now();
    await row.locator('.label-description', { hasText: /ready/ }).waitFor({ timeout: 90_000 });
    say(`a video was generated through the UI: ready after ${((Date.now() - started) / 1000).toFixed(0)} s in the Jobs tree`);
  } catch (error) {
    await page.screenshot({ path: shot }).catch(() => {});
    throw new Error(`${error.message}\n(screenshot: ${path.relative(ROOT, shot)})`);
  }
}

let exitCode = 0;
try {
  const url = await start();
  if (check) {
    await verify(url);
    say('demo check passed');
  } else {
    console.log(`
  ┌──────────────────────────────────────────────────────────────────────
  │ Giggle Video demo is running (VS Code ${'1.100.3'} in your browser, simulated Giggle).
  │
  │ Open:  ${url}
  │
  │ 1. A notification offers the API key found in GIGGLE_API_KEY: click "Use It"
  │    (it is the simulator's demo key; no Giggle account is involved).
  │ 2. Click the Giggle icon in the activity bar, then the camera icon
  │    (or F1 → "Giggle: Generate Video"), type a prompt and confirm.
  │ 3. Watch the job in the Jobs tree: it finishes in about 10-20 seconds.
  │    Add "[fail]" or "[sensitive]" to a prompt to see failures.
  │
  │ On a remote machine, forward the port first: ssh -L ${server.port}:127.0.0.1:${server.port} <host>
  │ Ctrl+C stops the simulator and code-server.
  └──────────────────────────────────────────────────────────────────────
`);
    await new Promise(() => {}); // until Ctrl+C (onSignals cleans up)
  }
} catch (error) {
  console.error(`\nDemo FAILED: ${error.message ?? error}`);
  exitCode = 1;
} finally {
  if (check || exitCode) {
    const clean = await cleanup();
    if (!clean) exitCode = 1;
    say(`stopped (${clean ? 'all processes stopped' : 'CLEANUP PROBLEMS'})`);
  }
}
await sleep(0);
process.exit(exitCode);
