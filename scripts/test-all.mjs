// `npm test`: every check, in order — lint, type-check, unit tests, build and
// package, integration tests in a real extension host (code-server), the
// integration harness's self-test, UI end-to-end tests (packaged .vsix in
// code-server + Chromium). Prints each stage's result and, last, a line
// `N passed, N failed` (tests where a stage reports them, else the stage
// itself counts as one). Exits non-zero if anything failed.
//
// Options: --skip <stage,...>  (lint, typecheck, unit, package, integration,
//          untrusted, harness, e2e, e2e-zh-cn), --bail (stop at the first failing stage).
// Needs the test host (npm run provision; .ci/run does it); provisions it
// first when it is missing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CACHE, ROOT } from './lib/paths.mjs';

const argv = process.argv.slice(2);
const skipIndex = argv.indexOf('--skip');
const skip = new Set(skipIndex >= 0 ? (argv[skipIndex + 1] ?? '').split(',').map((s) => s.trim()) : []);
const bail = argv.includes('--bail');
const node = process.execPath;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `N passed, N failed` (integration/e2e/our runners) or node:test's `ℹ pass N` / `ℹ fail N`. */
function parseCounts(output) {
  const ours = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
  if (ours) return { passed: Number(ours[1]), failed: Number(ours[2]) };
  const pass = [...output.matchAll(/^ℹ pass (\d+)$/gm)].pop();
  const fail = [...output.matchAll(/^ℹ fail (\d+)$/gm)].pop();
  if (pass || fail) return { passed: Number(pass?.[1] ?? 0), failed: Number(fail?.[1] ?? 0) };
  return null;
}

const stages = [
  { id: 'lint', title: 'Lint (eslint)', cmd: npm, args: ['run', '--silent', 'lint'] },
  { id: 'typecheck', title: 'Type-check (tsc)', cmd: npm, args: ['run', '--silent', 'typecheck'] },
  { id: 'unit', title: 'Unit tests', cmd: node, args: ['scripts/run-unit.mjs'], counts: true },
  { id: 'package', title: 'Build and package (.vsix)', cmd: npm, args: ['run', '--silent', 'package'] },
  { id: 'integration', title: 'Integration tests (extension host)', cmd: node, args: ['scripts/run-integration.mjs', '--no-build'], counts: true, needs: 'package' },
  { id: 'untrusted', title: 'Integration tests (restricted mode)', cmd: node, args: ['scripts/run-integration.mjs', '--no-build', '--untrusted'], counts: true, needs: 'package' },
  { id: 'harness', title: 'Integration harness self-test', cmd: node, args: ['scripts/run-integration.mjs', '--no-build', '--self-test'], needs: 'package' },
  { id: 'e2e', title: 'UI end-to-end tests', cmd: node, args: ['scripts/run-e2e.mjs', '--no-package'], counts: true, needs: 'package' },
  { id: 'e2e-zh-cn', title: 'UI tests in Simplified Chinese (code-server --locale zh-cn)', cmd: node, args: ['scripts/run-e2e.mjs', '--no-package', '--locale', 'zh-cn'], counts: true, needs: 'package' },
];

function run(stage) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(stage.cmd, stage.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ ok: code === 0, code, signal, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const t0 = Date.now();
const needsHost = stages.some((s) => ['integration', 'untrusted', 'harness', 'e2e'].includes(s.id) && !skip.has(s.id));
if (needsHost && !existsSync(path.join(CACHE, 'host.json'))) {
  console.log('The real-VS-Code test host is not provisioned yet: running npm run provision first.');
  const r = spawnSync('bash', [path.join(ROOT, 'scripts/provision-test-host.sh')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('Provisioning failed; see the message above.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}
const summary = [];
let passed = 0;
let failed = 0;
let stop = false;
for (const stage of stages) {
  if (skip.has(stage.id)) {
    summary.push({ stage, status: 'skipped (--skip)' });
    continue;
  }
  const dependency = stage.needs && summary.find((s) => s.stage.id === stage.needs);
  if (stop || (dependency && dependency.status !== 'passed' && !skip.has(stage.needs))) {
    summary.push({ stage, status: 'FAILED (not run: an earlier stage failed)' });
    failed += 1;
    continue;
  }
  console.log(`\n━━━ ${stage.title}: ${[path.basename(stage.cmd), ...stage.args].join(' ')}`);
  const result = await run(stage);
  const counts = stage.counts ? parseCounts(result.output) : null;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    // A crashed runner may report no failures; still count the stage as failed.
    if (!result.ok && counts.failed === 0) failed += 1;
  } else if (result.ok) passed += 1;
  else failed += 1;
  const detail = counts ? ` (${counts.passed} passed, ${counts.failed} failed)` : '';
  summary.push({ stage, status: result.ok ? 'passed' : `FAILED (exit ${result.code ?? result.signal})`, detail, seconds: result.seconds });
  console.log(`━━━ ${stage.title}: ${result.ok ? 'passed' : 'FAILED'}${detail} in ${result.seconds.toFixed(1)}s`);
  if (result.signal === 'SIGINT' || result.signal === 'SIGTERM') stop = true;
  if (!result.ok && bail) stop = true;
}

console.log('\n━━━ Summary');
for (const s of summary) {
  const time = s.seconds !== undefined ? `  ${s.seconds.toFixed(1)}s` : '';
  console.log(`  ${s.status === 'passed' ? '✔' : s.status.startsWith('skipped') ? '-' : '✖'} ${s.stage.title.padEnd(38)} ${s.status}${s.detail ?? ''}${time}`);
}
console.log(`  total ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && summary.some((s) => s.status === 'passed') ? 0 : 1);
