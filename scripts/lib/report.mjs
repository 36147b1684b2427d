// Prints a mocha-like report of a results file written by
// test/integration/index.ts run() (or the e2e runner) and returns the counts.
// The last line is always `N passed, N failed` (CI reads it).
const indent = (text, pad) => String(text).split('\n').map((l) => pad + l).join('\n');

export function printReport(results, { title = 'Tests', listTests = true, summaryPrefix = '' } = {}) {
  const tests = results?.tests ?? [];
  const passed = tests.filter((t) => t.state === 'passed').length;
  let failed = tests.filter((t) => t.state === 'failed').length;
  const pending = tests.filter((t) => t.state === 'pending').length;
  console.log(`\n${title}`);
  for (const t of listTests ? tests : []) {
    const mark = t.state === 'passed' ? '  ✔' : t.state === 'failed' ? '  ✖' : '  -';
    const ms = t.durationMs !== undefined && t.durationMs > 100 ? ` (${t.durationMs} ms)` : '';
    console.log(`${mark} ${t.fullTitle}${ms}`);
  }
  const failures = tests.filter((t) => t.state === 'failed');
  if (failures.length) {
    console.log('\nFailures:');
    failures.forEach((t, i) => {
      console.log(`\n  ${i + 1}) ${t.fullTitle}${t.file ? `  [${t.file}]` : ''}`);
      console.log(indent(t.error?.message ?? '(no message)', '     '));
      if ((t.error?.expected !== undefined || t.error?.actual !== undefined) && !String(t.error?.message).includes('\n')) {
        console.log(indent(`expected: ${t.error.expected}\nactual:   ${t.error.actual}`, '     '));
      }
      const stack = (t.error?.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 4).join('\n');
      if (stack) console.log(indent(stack.trim(), '     '));
    });
  }
  if (results?.fatal) {
    console.log(`\nFatal: ${results.fatal}`);
    failed += 1;
  }
  if (!results?.done) failed = Math.max(failed, 1);
  console.log(`\n${pending ? `${pending} pending\n` : ''}${summaryPrefix}${passed} passed, ${failed} failed`);
  return { passed, failed, pending };
}
