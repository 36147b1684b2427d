// Entry point of the integration tests inside a real VS Code extension host,
// the `@vscode/test-electron` way: VS Code loads this module (compiled to
// out/integration/index.js) as `extensionTestsPath` and calls run().
//
// It runs every compiled test/integration/**/*.test.ts with mocha (TDD and BDD
// interfaces both available: suite/test and describe/it), prints a spec
// report to the extension host's console, and — when GIGGLE_TEST_RESULTS names
// a file — writes each test's outcome there as JSON for the driver
// (scripts/run-integration.mjs), rewriting it after every test so a crash
// part-way still leaves the earlier results. See test/integration/README.md.
import * as fs from 'fs';
import { createRequire } from 'module';
import type Mocha from 'mocha';
import * as path from 'path';
import { pathToFileURL } from 'url';
import * as vscode from 'vscode';
import { resultsRecorder } from '../support/mochaResults';

type MochaModule = typeof Mocha;

/** Mocha 12 is an ES module; Node ≥ 20.19 can require() it, older hosts import() it. */
async function loadMocha(): Promise<MochaModule> {
  // Resolved from this file, i.e. the repository's node_modules.
  const load = createRequire(__filename);
  let loaded: unknown;
  try {
    loaded = load('mocha');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
    loaded = await import(pathToFileURL(load.resolve('mocha')).href);
  }
  // The constructor itself (CommonJS mocha ≤ 11) or an ES module namespace.
  if (typeof loaded === 'function') return loaded as MochaModule;
  return ((loaded as { default?: unknown }).default ?? loaded) as MochaModule;
}

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) out.push(full);
  }
  return out.sort();
}

export async function run(): Promise<void> {
  const host = `VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web UI' : 'desktop'}), Node ${process.version}`;
  const recorder = resultsRecorder(process.env.GIGGLE_TEST_RESULTS, host);

  let Mocha: MochaModule;
  let files: string[];
  try {
    Mocha = await loadMocha();
    files = findTests(__dirname);
    if (files.length === 0) throw new Error(`no *.test.js files under ${__dirname}`);
  } catch (error) {
    recorder.finish(`could not start the tests: ${(error as Error).stack ?? error}`);
    throw error;
  }

  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.GIGGLE_TEST_TIMEOUT_MS || 20_000),
    ...(process.env.GIGGLE_TEST_GREP ? { grep: process.env.GIGGLE_TEST_GREP } : {}),
  });
  // BDD too (describe/it), so suites may use either style.
  (Mocha as unknown as { interfaces: Record<string, (suite: unknown) => void> }).interfaces.bdd(mocha.suite);
  for (const file of files) mocha.addFile(file);

  recorder.write();
  let fatal: string | undefined;
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      recorder.follow(mocha.run((count) => resolve(count)), __dirname);
    } catch (error) {
      reject(error);
    }
  }).catch((error: unknown) => {
    fatal = `mocha crashed: ${(error as Error).stack ?? error}`;
    return -1;
  });

  recorder.finish(fatal);
  if (failures !== 0) throw new Error(failures < 0 ? fatal : `${failures} test(s) failed.`);
}
