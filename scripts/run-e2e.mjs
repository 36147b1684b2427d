// UI end-to-end tests: packages the extension, installs the .vsix into a fresh
// code-server (as a user would), starts the Giggle simulator and points the
// extension at it, then runs test/e2e/**/*.spec.ts with mocha + playwright-core
// driving Debian's Chromium. Failure screenshots: test-results/e2e/.
// Prints `N passed, N failed`; exits non-zero on any failure. Stops every
// process it started (code-server with its watcher and extension host, the
// simulator, the test process and its Chromium), whatever happens.
//
// Options: --no-package (use the existing giggle-video.vsix), --vsix <file>,
//   --grep <regexp>, --timeout <ms> (whole run, default 600000),
//   --locale zh-cn (installs test/fixtures/language-pack-zh-cn, starts
//   code-server with --locale zh-cn and runs only the specs named
//   *.zh-cn.spec.ts; without it those specs are left out).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createProfile, installTestLanguagePack, installVsix, startCodeServer } from './lib/code-server.mjs';
import { RESULTS_DIR, ROOT, testHost, VSIX } from './lib/paths.mjs';
import { finishRun, onSignals, reapAtStart, spawnServer } from './lib/procs.mjs';
import { printReport } from './lib/report.mjs';
import { simAvailable, startSim } from './lib/sim.mjs';
import { printMatrices, reportMatrixProblems } from './lib/matrix-report.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const timeoutMs = Number(option('--timeout', process.env.GIGGLE_E2E_TIMEOUT_MS || 600_000));
const grep = option('--grep', process.env.GIGGLE_TEST_GREP || '');
const vsix = path.resolve(option('--vsix', VSIX));
const locale = option('--locale', '');
const KEY = 'sim-test-key';
const TIME_SCALE = process.env.GIGGLE_SIM_TIME_SCALE || '0.01';
const outDir = path.join(RESULTS_DIR, locale ? `e2e-${locale}` : 'e2e');
const E2E_DIR = path.join(ROOT, 'test', 'e2e');

const t0 = Date.now();
const say = (msg) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

let profile = null;
let server = null;
let sim = null;
let mochaProc = null;

async function cleanup() {
  const errors = [];
  for (const proc of [mochaProc, server, sim]) if (proc) await proc.stop().catch((e) => errors.push(e));
  mochaProc = server = sim = null;
  return finishRun(errors, profile);
}
onSignals(cleanup);
await reapAtStart(say);

function findSpecs(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'support') out.push(...findSpecs(full));
    } else if (/\.spec\.(ts|mjs|js)$/.test(entry.name) && isLocaleSpec(entry.name) === !!locale) out.push(full);
  }
  return out.sort((a, b) => specRank(a) - specRank(b) || a.localeCompare(b));
}

/** `foo.zh-cn.spec.ts` runs only in the --locale zh-cn run (and that run runs only those). */
function isLocaleSpec(name) {
  return /\.[a-z]{2}(-[a-z]{2})?\.spec\.(ts|mjs|js)$/.test(name) && (!locale || name.includes(`.${locale}.spec.`));
}

/**
 * The specs share one code-server (and its jobs list): onboarding needs the
 * empty list a new user has, so it runs first; the chaos spec leaves the most
 * behind (and, if it fails part-way, faults), so it runs last.
 */
function specRank(file) {
  const name = path.basename(file);
  if (name.startsWith('onboarding.')) return 0;
  if (name.startsWith('chaos.')) return 2;
  return 1;
}

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const host = testHost();

  if (!flag('--no-package')) {
    say('packaging the extension (npm run package)');
    const pack = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (pack.status !== 0) throw new Error('npm run package failed');
  }
  if (!existsSync(vsix)) throw new Error(`${path.relative(ROOT, vsix)} not found (run npm run package)`);

  if (simAvailable()) {
    sim = await startSim({ timeScale: TIME_SCALE, key: KEY, logFile: path.join(outDir, 'sim.log') });
    say(`simulator at ${sim.url}`);
  } else {
    say('WARNING: sim/cli.ts not found; running without the simulator');
  }
  profile = createProfile({ prefix: 'giggle-e2e-', settings: sim ? { 'giggle.apiBaseUrl': sim.url } : {} });
  await installVsix(profile, vsix);
  say(`installed ${path.relative(ROOT, vsix)} into a fresh code-server profile`);
  if (locale) {
    await installTestLanguagePack(profile, locale);
    say(`installed the test language pack for ${locale}`);
  }
  server = await startCodeServer(profile, {
    env: { GIGGLE_POLL_TIME_SCALE: process.env.GIGGLE_POLL_TIME_SCALE || TIME_SCALE },
    logFile: path.join(outDir, 'code-server.log'),
    locale: locale || undefined,
  });
  say(`code-server at ${server.url}`);

  const specs = findSpecs(E2E_DIR);
  if (specs.length === 0) throw new Error('no test/e2e/**/*.spec.ts files');
  const resultsFile = path.join(profile.root, 'e2e-results.json');
  mochaProc = spawnServer('e2e tests', process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/lib/e2e-mocha.mjs'), ...specs], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      GIGGLE_E2E_URL: server.workbenchUrl(),
      GIGGLE_E2E_WORKSPACE: profile.workspace,
      GIGGLE_E2E_ARTIFACTS: outDir,
      GIGGLE_E2E_RESULTS: resultsFile,
      GIGGLE_TEST_KEY: KEY,
      ...(locale ? { GIGGLE_E2E_LOCALE: locale } : {}),
      CHROMIUM_PATH: host.chromium,
      ...(sim ? { GIGGLE_SIM_URL: sim.url } : {}),
      ...(grep ? { GIGGLE_TEST_GREP: grep } : {}),
    },
  });
  say(`running ${specs.length} spec file(s)`);
  let timer;
  const outcome = await Promise.race([
    mochaProc.exited,
    new Promise((resolve) => (timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (outcome.timedOut) console.error(`\nUI tests did not finish within ${timeoutMs} ms; stopping them.`);
  await mochaProc.stop().catch(() => {});
  mochaProc = null;
  return existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
}

let exitCode = 1;
try {
  const results = await main();
  // Tables a spec wrote (the chaos run), printed before the summary line.
  const matricesOk = reportMatrixProblems(printMatrices(path.join(outDir, 'matrices')));
  const { passed, failed } = printReport(results, { title: 'UI end-to-end tests (code-server + Chromium, packaged .vsix)', listTests: false });
  const shots = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.png')) : [];
  if (shots.length) console.log(`Screenshots (failures, and any a spec saves) in ${path.relative(ROOT, outDir)}/: ${shots.join(', ')}`);
  exitCode = results?.done && failed === 0 && passed > 0 && matricesOk ? 0 : 1;
} catch (error) {
  console.error(`\nUI test run FAILED: ${error.stack ?? error}`);
  console.log('0 passed, 1 failed');
} finally {
  const clean = await cleanup();
  if (!clean) exitCode = 1;
  say(`done (${clean ? 'all processes stopped' : 'CLEANUP PROBLEMS'})`);
}
process.exit(exitCode);
