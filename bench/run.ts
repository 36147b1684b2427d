/**
 * `npm run bench`: every benchmark section in turn, one heading each, and a
 * non-zero exit if any section misses its budget. Add a section by appending
 * to SECTIONS; keep each section's own script (`npm run bench:<name>`) too.
 */
import { runPollingBenchmark } from './polling';

interface BenchSection {
  readonly title: string;
  /** Prints its own report; resolves to false when a budget fails. */
  run(): boolean | Promise<boolean>;
}

const SECTIONS: BenchSection[] = [
  { title: 'Polling', run: () => runPollingBenchmark() },
  // Bundle size: to be added (dist/extension.js and the .vsix, against their budgets).
  // Activation: to be added (time from activation event to the first view).
];

async function main(): Promise<void> {
  const failed: string[] = [];
  for (const section of SECTIONS) {
    console.log(`\n## ${section.title}\n`);
    if (!(await section.run())) failed.push(section.title);
  }
  console.log(failed.length ? `\nFAILED: ${failed.join(', ')}` : `\nAll ${SECTIONS.length} section(s) within budget.`);
  process.exitCode = failed.length ? 1 : 0;
}

void main();
