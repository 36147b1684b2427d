// The matrix tables the test drivers print (test/support/matrix.ts writes them,
// scripts/lib/matrix-report.mjs counts and prints them): a declared cell that
// never ran must be printed and counted as "not run" and fail the stage, not
// vanish from the count as "not applicable".
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Matrix } from '../support/matrix';

const report = () => import('../../scripts/lib/matrix-report.mjs');

function plan() {
  return {
    file: 'm.json',
    title: 'M',
    rowHeader: 'row',
    columns: ['a', 'b'],
    rows: ['one', 'two', 'setup throws'],
    notApplicable: [{ row: 'two', column: 'b', why: 'b has no envelope' }],
  };
}

function withDir(run: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'matrix-'));
    try {
      await run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** Runs printMatrices/reportMatrixProblems with console.log captured. */
async function printed(dir: string): Promise<{ lines: string[]; ok: boolean }> {
  const { printMatrices, reportMatrixProblems } = await report();
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(' '));
  try {
    return { ok: reportMatrixProblems(printMatrices(dir)), lines };
  } finally {
    console.log = log;
  }
}

test('cells that never ran are written, printed and counted as "not run", and fail the stage', withDir(async (dir) => {
  const matrix = new Matrix(plan(), () => dir);
  matrix.start();
  matrix.set('one', 'a', 'pass');
  matrix.set('one', 'b', 'pass');
  matrix.set('two', 'a', 'pass');
  // Row "setup throws" never gets a cell.
  assert.deepEqual(matrix.counts(), { cases: 5, passed: 3, failed: 0, notRun: 2 });
  const { lines, ok } = await printed(dir);
  assert.equal(ok, false);
  assert.ok(lines.includes('M: 5 cases, 3 passed, 2 NOT RUN'), lines.join('\n'));
  assert.ok(lines.some((l) => /setup throws .*│ +○ +○ │ 0\/2/.test(l)), lines.join('\n'));
  assert.ok(lines.includes('  ○ setup throws × a: did not run'));
  assert.ok(lines.includes('Matrix FAILED: M: 2 did not run'));
  assert.ok(lines.includes('  not applicable (declared): 1 × b has no envelope'));
  assert.throws(() => matrix.assertRow('setup throws'), /2 case\(s\) failed or did not run/);
}));

test('a matrix whose every cell that applies passed passes the stage', withDir(async (dir) => {
  const matrix = new Matrix(plan(), () => dir);
  matrix.start();
  for (const row of ['one', 'setup throws']) for (const column of ['a', 'b']) matrix.set(row, column, 'pass');
  matrix.set('two', 'a', 'pass');
  const { lines, ok } = await printed(dir);
  assert.equal(ok, true, lines.join('\n'));
  assert.ok(lines.includes('M: 5 cases, 5 passed'));
}));

test('a failed cell fails the stage; an unreadable matrix file fails it too', withDir(async (dir) => {
  const matrix = new Matrix(plan(), () => dir);
  matrix.start();
  for (const row of ['one', 'setup throws']) for (const column of ['a', 'b']) matrix.set(row, column, 'pass');
  await matrix.cell('two', 'a', async () => assert.fail('boom'));
  let result = await printed(dir);
  assert.equal(result.ok, false);
  assert.ok(result.lines.includes('Matrix FAILED: M: 1 failed'));
  writeFileSync(path.join(dir, 'm.json'), '{"title":');
  result = await printed(dir);
  assert.equal(result.ok, false);
}));

test('not-applicable cells are declared up front only; undeclared rows and columns are refused', withDir(async (dir) => {
  const matrix = new Matrix(plan(), () => dir);
  assert.throws(() => matrix.set('two', 'b', 'pass'), /declared not applicable/);
  assert.throws(() => matrix.set('three', 'a', 'pass'), /undeclared row "three"/);
  assert.throws(() => matrix.set('one', 'c', 'pass'), /unknown column "c"/);
  assert.equal(matrix.applies('two', 'b'), false);
  assert.equal(matrix.applies('two', 'a'), true);
}));

test('nothing is written until the suite starts (a run whose grep leaves it out prints no table)', withDir(async (dir) => {
  const matrix = new Matrix(plan(), () => dir);
  assert.deepEqual((await printed(dir)).lines, []);
  matrix.start();
  const written = JSON.parse(readFileSync(path.join(dir, 'm.json'), 'utf8')) as { rows: { name: string }[] };
  assert.deepEqual(written.rows.map((r) => r.name), ['one', 'two', 'setup throws']);
}));
