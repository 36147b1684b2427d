/**
 * Benchmark hook (bench/activation.mjs): with GIGGLE_BENCH_ACTIVATION=<file>
 * in the extension host's environment, appends `<name> <milliseconds>` lines
 * (activate()'s duration, the features bundle's load). Unset (always, for
 * users), it costs one environment lookup.
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
