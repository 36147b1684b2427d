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

type MochaModule = typeof Mocha;

export interface TestOutcome {
  fullTitle: string;
  title: string;
  file?: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: { message: string; stack?: string; actual?: string; expected?: string };
}

export interface ResultsFile {
  done: boolean;
  host: string;
  startedAt: string;
  finishedAt?: string;
  stats: { passes: number; failures: number; pending: number };
  tests: TestOutcome[];
  /** Set when the run could not start or crashed outside a test. */
  fatal?: string;
}

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

function describeError(err: unknown): TestOutcome['error'] {
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; stack?: unknown; actual?: unknown; expected?: unknown; showDiff?: boolean; operator?: string };
    // assert.ok(x, message): "expected: true, actual: undefined" adds nothing to the message.
    if (e.operator === '==' && e.expected === true) e.showDiff = false;
    const show = (v: unknown) => (v === undefined ? undefined : typeof v === 'string' ? v : safeJson(v));
    return {
      message: String(e.message ?? err),
      stack: typeof e.stack === 'string' ? e.stack : undefined,
      actual: e.showDiff === false ? undefined : show(e.actual),
      expected: e.showDiff === false ? undefined : show(e.expected),
    };
  }
  return { message: String(err) };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, null, 2);
  } catch {
    return String(v);
  }
}

export async function run(): Promise<void> {
  const resultsPath = process.env.GIGGLE_TEST_RESULTS;
  const results: ResultsFile = {
    done: false,
    host: '',
    startedAt: new Date().toISOString(),
    stats: { passes: 0, failures: 0, pending: 0 },
    tests: [],
  };
  const write = () => {
    if (!resultsPath) return;
    const tmp = `${resultsPath}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
    fs.renameSync(tmp, resultsPath); // atomic: the driver never reads half a file
  };

  results.host = `VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web UI' : 'desktop'}), Node ${process.version}`;

  let Mocha: MochaModule;
  let files: string[];
  try {
    Mocha = await loadMocha();
    files = findTests(__dirname);
    if (files.length === 0) throw new Error(`no *.test.js files under ${__dirname}`);
  } catch (error) {
    results.fatal = `could not start the tests: ${(error as Error).stack ?? error}`;
    results.done = true;
    write();
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

  write();
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      const runner = mocha.run((count) => resolve(count));
      const fileOf = (r: { file?: string }) => (r.file ? path.relative(__dirname, r.file) : undefined);
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
    } catch (error) {
      reject(error);
    }
  }).catch((error: unknown) => {
    results.fatal = `mocha crashed: ${(error as Error).stack ?? error}`;
    return -1;
  });

  results.done = true;
  results.finishedAt = new Date().toISOString();
  write();
  if (failures !== 0) throw new Error(failures < 0 ? results.fatal : `${failures} test(s) failed.`);
}
