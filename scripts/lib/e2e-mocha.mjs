// Child process of scripts/run-e2e.mjs (started with `node --import tsx`):
// runs the UI test files given as arguments with mocha (BDD, spec reporter),
// writes per-test results to $GIGGLE_E2E_RESULTS (the integration tests'
// recorder, test/support/mochaResults.ts, loaded through tsx), and always
// closes the shared browser.
import Mocha from 'mocha';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.mjs';

/** A TypeScript module of the repository, through tsx (compiled as CommonJS: its exports are the namespace's default). */
async function loadTs(relativePath) {
  const namespace = await import(pathToFileURL(path.join(ROOT, relativePath)).href);
  return namespace.default ?? namespace;
}

const { resultsRecorder } = await loadTs('test/support/mochaResults.ts');
const files = process.argv.slice(2);
const recorder = resultsRecorder(process.env.GIGGLE_E2E_RESULTS, 'code-server + Chromium (playwright-core)');

const mocha = new Mocha({
  ui: 'bdd',
  reporter: 'spec',
  timeout: Number(process.env.GIGGLE_E2E_TEST_TIMEOUT_MS || 60_000),
  ...(process.env.GIGGLE_TEST_GREP ? { grep: process.env.GIGGLE_TEST_GREP } : {}),
});
for (const file of files) mocha.addFile(file);

let code = 1;
let fatal;
try {
  await mocha.loadFilesAsync();
  const failures = await new Promise((resolve) => recorder.follow(mocha.run(resolve), ROOT));
  code = failures === 0 ? 0 : 1;
} catch (error) {
  fatal = `could not run the UI tests: ${error?.stack ?? error}`;
  console.error(fatal);
} finally {
  try {
    await (await loadTs('test/e2e/support/fixtures.ts')).closeBrowser();
  } catch (error) {
    console.error(`closing the browser: ${error?.message ?? error}`);
  }
  recorder.finish(fatal);
}
process.exit(code);
