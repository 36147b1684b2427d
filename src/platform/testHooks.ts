/**
 * The only production code that exists for tests and benchmarks, in one place
 * so that it is easy to find, to audit and to keep inert for users. Each hook
 * is switched on by the test driver or the benchmark, never by a user:
 *
 * - `recordBenchFigure`: with GIGGLE_BENCH_ACTIVATION=<file> in the extension
 *   host's environment (bench/activation.mjs), appends `<name> <milliseconds>`
 *   lines (activate()'s duration, the features bundle's load). Unset, it costs
 *   one environment lookup.
 * - The invocation clock: when the command being run reached the extension
 *   (the core's stub, before the features bundle loaded), for the one latency
 *   budgeted from the user's side, giggle.openGenerator → interactive form
 *   (≤ 400 ms, BENCHMARKS.md; the webview shows it as `data-open-ms`). Set
 *   around the synchronous start of a command only (commands/all.ts), so
 *   nothing outside a command's own first step reads a stale value. Only the
 *   features bundle sets and reads it (the core bundle's copy of this module
 *   never holds a time).
 * - `testTimeoutFloorSeconds`: GIGGLE_TEST_TIMEOUT_FLOOR_SECONDS (a number
 *   below the 5-s minimum, e.g. 1) lowers the floor of
 *   giggle.requestTimeoutSeconds, so the integration suites can set it to 1
 *   and a hung request costs a second instead of 30. scripts/run-integration.mjs
 *   sets it; without it a value below 5 in settings.json is raised to 5.
 */
import { appendFileSync } from 'node:fs';

export function recordBenchFigure(name: string, started: number): void {
  const file = process.env.GIGGLE_BENCH_ACTIVATION;
  if (!file) return;
  try {
    appendFileSync(file, `${name} ${(performance.now() - started).toFixed(3)}\n`);
  } catch {
    // A benchmark aid must never break the extension.
  }
}

let invokedAt: number | undefined;

/** Runs a command's synchronous start with its arrival time readable through commandInvokedAt(). */
export function runWithInvocationTime<T>(arrivedAt: number, start: () => T): T {
  invokedAt = arrivedAt;
  try {
    return start();
  } finally {
    invokedAt = undefined;
  }
}

/** The current command's arrival time, if called during its synchronous start. */
export function commandInvokedAt(): number | undefined {
  return invokedAt;
}

/** The smallest request timeout allowed: `minimum` (the setting's own), or the test driver's lower floor. */
export function testTimeoutFloorSeconds(minimum: number): number {
  const floor = Number(process.env.GIGGLE_TEST_TIMEOUT_FLOOR_SECONDS);
  return Number.isFinite(floor) && floor > 0 && floor < minimum ? floor : minimum;
}
