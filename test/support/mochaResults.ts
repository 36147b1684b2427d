// The results file both test drivers read (scripts/run-integration.mjs for the
// extension-host suites, scripts/run-e2e.mjs for the UI specs): every test's
// outcome as JSON, rewritten after each test, atomically, so a crash part-way
// still leaves the earlier results and the driver never reads half a file.
// Used by test/integration/index.ts (bundled into the extension host) and by
// scripts/lib/e2e-mocha.mjs (plain Node with tsx), so it imports neither
// vscode nor mocha's runtime.
import * as fs from 'fs';
import * as path from 'path';
import type Mocha from 'mocha';

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

export interface ResultsRecorder {
  readonly results: ResultsFile;
  /** Writes the file now (no-op without a path). */
  write(): void;
  /** Records each test's outcome as the runner reports it; file paths are shown relative to `root`. */
  follow(runner: Mocha.Runner, root: string): void;
  /** Marks the run finished (with `fatal` when it crashed outside a test) and writes the file. */
  finish(fatal?: string): void;
}

export function resultsRecorder(resultsPath: string | undefined, host: string): ResultsRecorder {
  const results: ResultsFile = { done: false, host, startedAt: new Date().toISOString(), stats: { passes: 0, failures: 0, pending: 0 }, tests: [] };
  const write = () => {
    if (!resultsPath) return;
    const tmp = `${resultsPath}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
    fs.renameSync(tmp, resultsPath);
  };
  const add = (outcome: TestOutcome, counter: keyof ResultsFile['stats']) => {
    results.tests.push(outcome);
    results.stats[counter]++;
    write();
  };
  return {
    results,
    write,
    follow(runner, root) {
      const base = (t: Mocha.Test) => ({ fullTitle: t.fullTitle(), title: t.title, file: t.file ? path.relative(root, t.file) : undefined });
      runner.on('pass', (t) => add({ ...base(t), state: 'passed', durationMs: t.duration }, 'passes'));
      runner.on('fail', (t, err) => add({ ...base(t as Mocha.Test), state: 'failed', durationMs: t.duration, error: describeError(err) }, 'failures'));
      runner.on('pending', (t) => add({ ...base(t), state: 'pending' }, 'pending'));
    },
    finish(fatal) {
      if (fatal !== undefined) results.fatal = fatal;
      results.done = true;
      results.finishedAt = new Date().toISOString();
      write();
    },
  };
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
