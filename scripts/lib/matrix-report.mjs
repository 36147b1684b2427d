// Prints the reliability matrices (fault matrix, bad-input matrix, chaos run)
// that the test suites write as JSON while they run, as plain-text tables with
// a `cases N, passed N` line each. The suites live in the extension host or
// the UI-test process; the drivers (run-integration.mjs, run-e2e.mjs) call
// printMatrices() on the folder the suites wrote to, before their own
// `N passed, N failed` line (which stays the last line of the run).
//
// A matrix file: { title, rowHeader?, columns: [name], rows: [{ name, cells: { [column]: { state, note? } } }],
//                  notes?: [text] }, with state 'pass' | 'fail' | 'n/a'. The suites declare every row, and
// the cells that do not apply (state 'n/a', with the reason as note), up front (test/support/matrix.ts):
// a cell with no state never ran, and counts as a case that did not pass.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const MARK = { pass: '✔', fail: '✖', 'n/a': '·', 'not run': '○' };

/** A cell's state; a declared cell without one never ran. */
const stateOf = (row, column) => row.cells?.[column]?.state ?? 'not run';

/** Counts of one matrix: cases (cells that apply, run or not), passed, failed, notRun. */
export function matrixCounts(matrix) {
  const counts = { cases: 0, passed: 0, failed: 0, notRun: 0 };
  for (const row of matrix.rows ?? []) {
    for (const column of matrix.columns ?? []) {
      const state = stateOf(row, column);
      if (state === 'n/a') continue;
      counts.cases += 1;
      if (state === 'pass') counts.passed += 1;
      else if (state === 'not run') counts.notRun += 1;
      else counts.failed += 1;
    }
  }
  return counts;
}

/** Whether a matrix passes: every cell that applies ran and passed. */
export function matrixPassed(counts) {
  return counts.cases > 0 && counts.passed === counts.cases;
}

/** The table as text lines (columns are numbered; a legend maps numbers to names). */
export function formatMatrix(matrix) {
  const columns = matrix.columns ?? [];
  const rows = matrix.rows ?? [];
  const header = matrix.rowHeader ?? '';
  const nameWidth = Math.max(header.length, ...rows.map((r) => r.name.length), 4);
  const keys = columns.map((_, i) => String(i + 1));
  const colWidth = Math.max(2, ...keys.map((k) => k.length));
  const lines = [];
  const counts = matrixCounts(matrix);
  lines.push(
    `${matrix.title}: ${counts.cases} cases, ${counts.passed} passed${counts.failed ? `, ${counts.failed} FAILED` : ''}${counts.notRun ? `, ${counts.notRun} NOT RUN` : ''}`,
  );
  lines.push(`  ${header.padEnd(nameWidth)} │ ${keys.map((k) => k.padStart(colWidth)).join(' ')} │ passed`);
  lines.push(`  ${'─'.repeat(nameWidth)}─┼─${keys.map(() => '─'.repeat(colWidth)).join('─')}─┼───────`);
  for (const row of rows) {
    let applies = 0;
    let ok = 0;
    const marks = columns.map((column) => {
      const state = stateOf(row, column);
      if (state !== 'n/a') applies += 1;
      if (state === 'pass') ok += 1;
      return (MARK[state] ?? '?').padStart(colWidth);
    });
    lines.push(`  ${row.name.padEnd(nameWidth)} │ ${marks.join(' ')} │ ${ok}/${applies}`);
  }
  lines.push(`  columns: ${columns.map((c, i) => `${i + 1} ${c}`).join(' · ')}`);
  lines.push(`  ✔ passed  ✖ failed  ○ not run  · not applicable (declared)`);
  const failures = [];
  const notApplicable = new Map();
  for (const row of rows) {
    for (const column of columns) {
      const cell = row.cells?.[column];
      const state = stateOf(row, column);
      if (state === 'fail') failures.push(`  ✖ ${row.name} × ${column}: ${cell.note ?? '(no detail)'}`);
      else if (state === 'not run') failures.push(`  ○ ${row.name} × ${column}: did not run`);
      else if (state === 'n/a') notApplicable.set(cell.note ?? 'no reason given', (notApplicable.get(cell.note ?? 'no reason given') ?? 0) + 1);
    }
  }
  if (failures.length) lines.push('  failing cells:', ...failures);
  if (notApplicable.size) lines.push(`  not applicable (declared): ${[...notApplicable].map(([why, n]) => `${n} × ${why}`).join('; ')}`);
  for (const note of matrix.notes ?? []) lines.push(`  note: ${note}`);
  return lines;
}

/**
 * Prints every *.json matrix in `dir` (if any) and copies them to `copyTo`.
 * Returns the list of { title, cases, passed, failed, notRun, ok }; a file that
 * cannot be read is listed with ok false, so the driver fails the stage.
 */
export function printMatrices(dir, { copyTo } = {}) {
  if (!dir || !existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const summary = [];
  for (const file of files) {
    let matrix;
    try {
      matrix = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      console.log(`\nmatrix ${file} could not be read: ${error.message}`);
      summary.push({ title: file, cases: 0, passed: 0, failed: 0, notRun: 0, ok: false });
      continue;
    }
    console.log('');
    for (const line of formatMatrix(matrix)) console.log(line);
    const counts = matrixCounts(matrix);
    summary.push({ title: matrix.title, ...counts, ok: matrixPassed(counts) });
    if (copyTo) {
      mkdirSync(copyTo, { recursive: true });
      copyFileSync(path.join(dir, file), path.join(copyTo, file));
    }
  }
  return summary;
}

/**
 * Says which matrices failed the stage (a failed cell, a declared cell that did
 * not run, an unreadable file); returns true when none did. The drivers exit
 * non-zero on false even when every mocha test passed.
 */
export function reportMatrixProblems(summary) {
  const bad = summary.filter((m) => !m.ok);
  for (const m of bad) {
    const why = m.cases === 0 ? 'no cases' : [m.failed && `${m.failed} failed`, m.notRun && `${m.notRun} did not run`].filter(Boolean).join(', ');
    console.log(`Matrix FAILED: ${m.title}: ${why}`);
  }
  return bad.length === 0;
}
