// Prints the reliability matrices (fault matrix, bad-input matrix, chaos run)
// that the test suites write as JSON while they run, as plain-text tables with
// a `cases N, passed N` line each. The suites live in the extension host or
// the UI-test process; the drivers (run-integration.mjs, run-e2e.mjs) call
// printMatrices() on the folder the suites wrote to, before their own
// `N passed, N failed` line (which stays the last line of the run).
//
// A matrix file: { title, rowHeader?, columns: [name], rows: [{ name, cells: { [column]: { state, note? } } }],
//                  notes?: [text] }, with state 'pass' | 'fail' | 'n/a'.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const MARK = { pass: '✔', fail: '✖', 'n/a': '·' };

/** Counts of one matrix: cases (cells that apply), passed, failed. */
export function matrixCounts(matrix) {
  let cases = 0;
  let passed = 0;
  for (const row of matrix.rows ?? []) {
    for (const column of matrix.columns ?? []) {
      const state = row.cells?.[column]?.state;
      if (!state || state === 'n/a') continue;
      cases += 1;
      if (state === 'pass') passed += 1;
    }
  }
  return { cases, passed, failed: cases - passed };
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
  lines.push(`${matrix.title}: ${counts.cases} cases, ${counts.passed} passed${counts.failed ? `, ${counts.failed} FAILED` : ''}`);
  lines.push(`  ${header.padEnd(nameWidth)} │ ${keys.map((k) => k.padStart(colWidth)).join(' ')} │ passed`);
  lines.push(`  ${'─'.repeat(nameWidth)}─┼─${keys.map(() => '─'.repeat(colWidth)).join('─')}─┼───────`);
  for (const row of rows) {
    let applies = 0;
    let ok = 0;
    const marks = columns.map((column) => {
      const state = row.cells?.[column]?.state ?? 'n/a';
      if (state !== 'n/a') applies += 1;
      if (state === 'pass') ok += 1;
      return (MARK[state] ?? '?').padStart(colWidth);
    });
    lines.push(`  ${row.name.padEnd(nameWidth)} │ ${marks.join(' ')} │ ${ok}/${applies}`);
  }
  lines.push(`  columns: ${columns.map((c, i) => `${i + 1} ${c}`).join(' · ')}`);
  lines.push(`  ✔ passed  ✖ failed  · not applicable`);
  const failures = [];
  for (const row of rows) {
    for (const column of columns) {
      const cell = row.cells?.[column];
      if (cell?.state === 'fail') failures.push(`  ✖ ${row.name} × ${column}: ${cell.note ?? '(no detail)'}`);
    }
  }
  if (failures.length) lines.push('  failing cells:', ...failures);
  for (const note of matrix.notes ?? []) lines.push(`  note: ${note}`);
  return lines;
}

/**
 * Prints every *.json matrix in `dir` (if any) and copies them to `copyTo`.
 * Returns the list of { title, cases, passed, failed }.
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
      console.log(`\n(matrix ${file} could not be read: ${error.message})`);
      continue;
    }
    console.log('');
    for (const line of formatMatrix(matrix)) console.log(line);
    summary.push({ title: matrix.title, ...matrixCounts(matrix) });
    if (copyTo) {
      mkdirSync(copyTo, { recursive: true });
      copyFileSync(path.join(dir, file), path.join(copyTo, file));
    }
  }
  return summary;
}
