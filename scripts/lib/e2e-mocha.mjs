// Child process of scripts/run-e2e.mjs (started with `node --import tsx`):
// runs the UI test files given as arguments with mocha (BDD, spec reporter),
// writes per-test results to $GIGGLE_E2E_RESULTS (same shape as the
// integration results), and always closes the shared browser.
import Mocha from 'mocha';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.mjs';

const files = process.argv.slice(2);
const resultsFile = process.env.GIGGLE_E2E_RESULTS;
const results = { done: false, host: 'code-server + Chromium (playwright-core)', startedAt: new Date().toISOString(), stats: { passes: 0, failures: 0, pending: 0 }, tests: [] };
const write = () => resultsFile && writeFileSync(resultsFile, JSON.stringify(results, null, 2));
const fileOf = (r) => (r.file ? path.relative(ROOT, r.file) : undefined);
const describeError = (err) => ({ message: String(err?.message ?? err), stack: typeof err?.stack === 'string' ? err.stack : undefined });

const mocha = new Mocha({
  ui: 'bdd',
  reporter: 'spec',
  timeout: Number(process.env.GIGGLE_E2E_TEST_TIMEOUT_MS || 60_000),
  ...(process.env.GIGGLE_TEST_GREP ? { grep: process.env.GIGGLE_TEST_GREP } : {}),
});
for (const file of files) mocha.addFile(file);

let code = 1;
try {
  await mocha.loadFilesAsync();
  const failures = await new Promise((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t) => {
      results.tests.push({ fullTitle: t.fullTitle(), title: t.title, file: fileOf(t), state: 'passed', durationMs: t.duration });
      results.stats.passes++;
      write();
    });
    runner.on('fail', (t, err) => {
      results.tests.push({ fullTitle: t.fullTitle(), title: t.title, file: fileOf(t), state: 'failed', durationMs: t.duration, error: describeError(err) });
      results.stats.failures++;
      write();
    });
    runner.on('pending', (t) => {
      results.tests.push({ fullTitle: t.fullTitle(), title: t.title, file: fileOf(t), state: 'pending' });
      results.stats.pending++;
      write();
    });
  });
  code = failures === 0 ? 0 : 1;
} catch (error) {
  results.fatal = `could not run the UI tests: ${error?.stack ?? error}`;
  console.error(results.fatal);
} finally {
  try {
    const fixtures = await import(pathToFileURL(path.join(ROOT, 'test/e2e/support/fixtures.ts')).href);
    await fixtures.closeBrowser();
  } catch (error) {
    console.error(`closing the browser: ${error?.message ?? error}`);
  }
  results.done = true;
  results.finishedAt = new Date().toISOString();
  write();
}
process.exit(code);
