// Runs the integration tests (test/integration/**/*.test.ts) inside a real VS
// Code extension host: code-server 4.100.3 (VS Code 1.100.3), opened by a
// headless Chromium with the `payload` that makes VS Code load this repository
// as the extension under development and call out/integration/index.js run().
// The Giggle simulator is started first and handed to the tests through the
// environment (see test/integration/README.md). Results come back as a JSON
// file; this prints a mocha-like report and `N passed, N failed`, and exits
// non-zero on any failure, a crash, or a time-out. Everything it starts is
// stopped before it exits, whatever happens.
//
// Options: --no-build (skip `node esbuild.mjs`), --compile-only (build and
//   compile the suites to out/integration/, then stop), --grep <regexp>,
//   --timeout <ms> (whole run, default 1500000), --self-test (checks that the
//   harness reports a passing and a failing test correctly; see below),
//   --extension <dir> (load another unpacked extension instead of this
//   repository; for checking the harness itself), --untrusted (workspace
//   trust on and the test folder not trusted, i.e. restricted mode; runs the
//   "Workspace trust" suite unless --grep says otherwise).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from './lib/chromium.mjs';
import { compileIntegrationTests, INTEGRATION_OUT } from './lib/compile-integration.mjs';
import { createProfile, startCodeServer } from './lib/code-server.mjs';
import { RESULTS_DIR, ROOT } from './lib/paths.mjs';
import { finishRun, onSignals, reapAtStart } from './lib/procs.mjs';
import { printReport } from './lib/report.mjs';
import { simAvailable, startSim } from './lib/sim.mjs';
import { printMatrices, reportMatrixProblems } from './lib/matrix-report.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const selfTest = flag('--self-test');
// Restricted mode: workspace trust on and the folder not trusted; runs only the suites meant for it.
const untrusted = flag('--untrusted');
// The whole run's limit: about 9 minutes on a loaded 2-core machine today (3 matrices and the signals table), so 25 minutes leaves room without hiding a hang.
const timeoutMs = Number(option('--timeout', process.env.GIGGLE_INTEGRATION_TIMEOUT_MS || 1_500_000));
const grep = option('--grep', process.env.GIGGLE_TEST_GREP || '');
const KEY = 'sim-test-key';
// A second accepted key, recognizable on purpose: the reliability suites submit with it and then
// search every output (log, notifications, errors, webview messages, settings) for it.
const SECRET_KEY = 'gk-FAKE-SECRET-KEY-7c2f9e41d8b3a6';
const TIME_SCALE = process.env.GIGGLE_SIM_TIME_SCALE || '0.01';
const outDir = path.join(RESULTS_DIR, selfTest ? 'integration-self-test' : untrusted ? 'integration-untrusted' : 'integration');

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (msg) => console.log(`[integration ${elapsed()}] ${msg}`);

let browser = null;
let profile = null;
let server = null;
let sim = null;

async function cleanup() {
  const errors = [];
  if (browser) await browser.close().catch((e) => errors.push(e));
  browser = null;
  for (const proc of [server, sim]) {
    if (proc) await proc.stop().catch((e) => errors.push(e));
  }
  server = sim = null;
  return finishRun(errors, profile);
}
onSignals(cleanup);
await reapAtStart(say);

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  if (!flag('--no-build')) {
    say('building the extension (node esbuild.mjs)');
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (build.status !== 0) throw new Error('the extension build failed');
  }
  const { entry, tests } = await compileIntegrationTests();
  say(`compiled ${tests.length} suite file(s) to ${path.relative(ROOT, INTEGRATION_OUT)}/`);
  if (flag('--compile-only')) return { compileOnly: true, entry };

  if (simAvailable()) {
    sim = await startSim({ timeScale: TIME_SCALE, key: KEY, extraKeys: [SECRET_KEY], logFile: path.join(outDir, 'sim.log') });
    say(`simulator at ${sim.url} (time scale ${TIME_SCALE})`);
  } else {
    say('WARNING: sim/cli.ts not found; running without the simulator (GIGGLE_SIM_URL unset)');
  }

  const trustSettings = untrusted
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false }
    : {};
  profile = createProfile({ prefix: 'giggle-it-', settings: { ...(sim ? { 'giggle.apiBaseUrl': sim.url } : {}), ...trustSettings } });
  const resultsFile = path.join(profile.root, 'results.json');
  const env = {
    GIGGLE_TEST_RESULTS: resultsFile,
    GIGGLE_POLL_TIME_SCALE: process.env.GIGGLE_POLL_TIME_SCALE || TIME_SCALE,
    GIGGLE_TEST_KEY: KEY,
    GIGGLE_TEST_SECRET_KEY: SECRET_KEY,
    // Test-only: lets a suite set giggle.requestTimeoutSeconds below 5 (src/platform/settings.ts); suites that do not stay at 30 s.
    GIGGLE_TEST_TIMEOUT_FLOOR_SECONDS: '1',
    GIGGLE_TEST_WORKSPACE: profile.workspace,
    ...(sim ? { GIGGLE_SIM_URL: sim.url } : {}),
    ...(grep ? { GIGGLE_TEST_GREP: grep } : {}),
    ...(selfTest ? { GIGGLE_HARNESS_SELF_TEST: '1', GIGGLE_TEST_GREP: '^harness self-test' } : {}),
    ...(untrusted ? { GIGGLE_TEST_UNTRUSTED: '1', GIGGLE_TEST_GREP: grep || '^Workspace trust' } : {}),
  };
  server = await startCodeServer(profile, { env, logFile: path.join(outDir, 'code-server.log'), workspaceTrust: untrusted });
  say(`code-server (VS Code 1.100.3) at ${server.url}`);

  const authority = `127.0.0.1:${server.port}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${authority}${path.resolve(option('--extension', ROOT))}`],
    ['extensionTestsPath', `vscode-remote://${authority}${entry}`],
  ]);
  browser = await launchChromium();
  const page = await browser.newPage();
  const consoleLog = [];
  page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLog.push(`[pageerror] ${e.message}`));
  // Playwright's default 30 s was seen to run out on a loaded 2-core machine before the workbench
  // page loaded; the run's own --timeout still bounds the whole wait.
  await page.goto(server.workbenchUrl({ payload }), { waitUntil: 'domcontentloaded', timeout: 120_000 });
  say('workbench opened; waiting for the tests to report');

  let results = null;
  let exited = null;
  server.exited.then((r) => (exited = r));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    if (existsSync(resultsFile)) {
      try {
        results = JSON.parse(readFileSync(resultsFile, 'utf8'));
      } catch {
        /* being written */
      }
      if (results?.done) break;
    }
    await sleep(200);
  }
  writeFileSync(path.join(outDir, 'browser-console.log'), consoleLog.join('\n'));
  if (results) writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2));
  if (!results?.done) {
    await page.screenshot({ path: path.join(outDir, 'workbench.png') }).catch(() => {});
    if (existsSync(path.join(profile.root, 'results.json'))) copyFileSync(resultsFile, path.join(outDir, 'results.partial.json'));
  }

  if (!results?.done) {
    const why = exited
      ? `code-server exited (${JSON.stringify(exited)})`
      : results
        ? `the run did not finish within ${timeoutMs} ms (the extension host hung or crashed mid-run)`
        : `no results within ${timeoutMs} ms: the extension host never ran the tests (activation crash? see logs)`;
    console.error(`\nIntegration run FAILED: ${why}`);
    console.error(`Logs: ${path.relative(ROOT, outDir)}/ (code-server.log, browser-console.log, workbench.png)`);
    const tail = consoleLog.filter((l) => /error|fail|exception/i.test(l)).slice(-15);
    if (tail.length) console.error(`Last errors in the browser console:\n  ${tail.join('\n  ')}`);
  }
  return results;
}

let exitCode = 1;
try {
  const results = await main();
  if (results?.compileOnly) {
    await cleanup();
    process.exit(0);
  }
  if (results) say(`ran in ${results.host}`);
  // Tables the reliability suites wrote (fault matrix, bad-input matrix), printed before the summary line.
  const matrices = profile ? printMatrices(path.join(profile.root, 'matrices'), { copyTo: path.join(outDir, 'matrices') }) : [];
  const matricesOk = reportMatrixProblems(matrices);
  const { passed, failed } = printReport(results, {
    title: selfTest ? 'Harness self-test (one test passes, one fails on purpose)' : 'Integration tests (real extension host)',
    summaryPrefix: selfTest ? 'self-test suite: ' : '',
  });
  if (selfTest) {
    // Expected: exactly one pass and one failure, with the failure's title and message.
    const bad = results?.tests.find((t) => t.state === 'failed');
    const ok =
      results?.done &&
      passed === 1 &&
      failed === 1 &&
      bad?.fullTitle === 'harness self-test fails on purpose' &&
      /expected failure 41 !== 42/.test(bad?.error?.message ?? '');
    console.log(ok ? '\nHarness self-test OK: a passing and a failing test were reported correctly.' : '\nHarness self-test FAILED: results were not reported as expected.');
    exitCode = ok ? 0 : 1;
  } else {
    exitCode = results?.done && failed === 0 && passed > 0 && matricesOk ? 0 : 1;
  }
} catch (error) {
  console.error(`\nIntegration run FAILED: ${error.stack ?? error}`);
  console.log('0 passed, 1 failed');
  exitCode = 1;
} finally {
  const clean = await cleanup();
  if (!clean) exitCode = 1;
  say(`done (${clean ? 'all processes stopped' : 'CLEANUP PROBLEMS'})`);
}
process.exit(exitCode);
