/**
 * `npm run bench`: every benchmark section in turn, one heading each, and a
 * non-zero exit if any section misses its budget. Add a section by appending
 * to SECTIONS; keep each section's own script (`npm run bench:<name>`) too.
 *
 * `--no-host` skips the sections that start code-server (activation), e.g.
 * while another code-server run is going on.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runBundleBenchmark } from './bundle';
import { runPollingBenchmark } from './polling';
import { runPromptDiagnosticsBenchmark } from './promptDiagnostics';
import { runRestoreBenchmark } from './restore';
import { runWindowsBenchmark } from './windows';

interface BenchSection {
  readonly title: string;
  /** Prints its own report; resolves to false when a budget fails. */
  run(): boolean | Promise<boolean>;
}

const noHost = process.argv.includes('--no-host');

const SECTIONS: BenchSection[] = [
  { title: 'Polling', run: () => runPollingBenchmark() },
  { title: 'Bundle size (minified build)', run: () => runBundleBenchmark({ build: true }) },
  { title: 'Job history restore (1,000 jobs)', run: () => runRestoreBenchmark() },
  { title: 'Several windows (status requests, show delay)', run: () => runWindowsBenchmark() },
  { title: 'Prompt file diagnostics (2,000 characters)', run: () => runPromptDiagnosticsBenchmark() },
  ...(noHost
    ? []
    : [
        {
          title: 'Activation in the extension host (code-server)',
          run: () => spawnSync(process.execPath, [path.join(__dirname, 'activation.mjs')], { stdio: 'inherit' }).status === 0,
        },
      ]),
];

async function main(): Promise<void> {
  const failed: string[] = [];
  for (const section of SECTIONS) {
    console.log(`\n## ${section.title}\n`);
    if (!(await section.run())) failed.push(section.title);
  }
  if (noHost) console.log('\n(--no-host: activation in the extension host not measured)');
  console.log(failed.length ? `\nFAILED: ${failed.join(', ')}` : `\nAll ${SECTIONS.length} section(s) within budget.`);
  process.exitCode = failed.length ? 1 : 0;
}

void main();
