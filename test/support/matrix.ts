// One table the test drivers print (scripts/lib/matrix-report.mjs): the fault
// and bad-input matrices (extension host) and the chaos run (UI tests) write
// one each. Rows, columns and the cells that do not apply are declared up
// front, so a cell that never ran (a row whose setup threw, a loop that
// stopped early, a test that was left out) is written as "not run" and fails
// the stage, instead of vanishing from the count. No `vscode` here: the UI
// tests run in plain Node.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

export type CellState = 'pass' | 'fail' | 'n/a';

interface Cell {
  state: CellState;
  note?: string;
}

export interface MatrixPlan {
  /** The JSON file's name in the drivers' matrices folder. */
  file: string;
  title: string;
  rowHeader: string;
  columns: readonly string[];
  rows: readonly string[];
  /** The cells that genuinely do not apply, each with the reason (printed with the table). */
  notApplicable?: readonly { row: string; column: string; why: string }[];
}

export class Matrix {
  private readonly cells = new Map<string, Record<string, Cell>>();
  readonly notes: string[] = [];
  private started = false;

  /** `dir()` is the folder the driver prints from; undefined writes nothing (run outside a driver). */
  constructor(
    readonly plan: MatrixPlan,
    private readonly dir: () => string | undefined,
  ) {
    for (const row of plan.rows) this.cells.set(row, {});
    if (this.cells.size !== plan.rows.length) throw new Error(`${plan.file}: a row is declared twice`);
    for (const { row, column, why } of plan.notApplicable ?? []) {
      this.check(row, column);
      this.cells.get(row)![column] = { state: 'n/a', note: why };
    }
  }

  get columns(): readonly string[] {
    return this.plan.columns;
  }

  /**
   * Writes the table with every declared cell "not run". Called when the suite starts (not when the
   * file is loaded), so a run whose --grep leaves the suite out writes no table at all.
   */
  start(): void {
    this.started = true;
    this.write();
  }

  /** Records the outcome of a declared cell; a cell declared not applicable cannot be run. */
  set(row: string, column: string, state: 'pass' | 'fail', note?: string): void {
    this.check(row, column);
    const cells = this.cells.get(row)!;
    if (cells[column]?.state === 'n/a') throw new Error(`${row} × ${column} is declared not applicable`);
    cells[column] = note === undefined ? { state } : { state, note };
    this.write();
  }

  /** Runs one case: passes unless `run` throws (the error becomes the cell's note). */
  async cell(row: string, column: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
      this.set(row, column, 'pass');
    } catch (error) {
      this.set(row, column, 'fail', ((error as Error).message ?? String(error)).split('\n')[0].slice(0, 400));
    }
  }

  applies(row: string, column: string): boolean {
    this.check(row, column);
    return this.cells.get(row)![column]?.state !== 'n/a';
  }

  /** Failed cells, and (with `notRun`) declared cells that have no outcome yet, as `row × column: why`. */
  failures(row?: string, { notRun = false } = {}): string[] {
    const out: string[] = [];
    for (const [name, cells] of this.cells) {
      if (row !== undefined && name !== row) continue;
      for (const column of this.plan.columns) {
        const cell = cells[column];
        if (cell?.state === 'fail') out.push(`${name} × ${column}: ${cell.note}`);
        else if (!cell && notRun) out.push(`${name} × ${column}: not run`);
      }
    }
    return out;
  }

  /** cases = every cell that applies (run or not); notRun = those without an outcome. */
  counts(): { cases: number; passed: number; failed: number; notRun: number } {
    let cases = 0;
    let passed = 0;
    let failed = 0;
    for (const cells of this.cells.values()) {
      for (const column of this.plan.columns) {
        const state = cells[column]?.state;
        if (state === 'n/a') continue;
        cases += 1;
        if (state === 'pass') passed += 1;
        if (state === 'fail') failed += 1;
      }
    }
    return { cases, passed, failed, notRun: cases - passed - failed };
  }

  /** Fails the calling test when a cell of `row` failed or did not run, listing them. */
  assertRow(row: string): void {
    const failed = this.failures(row, { notRun: true });
    assert.strictEqual(failed.length, 0, `${failed.length} case(s) failed or did not run:\n${failed.join('\n')}`);
  }

  write(): void {
    const dir = this.dir();
    if (!dir || !this.started) return;
    fs.mkdirSync(dir, { recursive: true });
    const { title, rowHeader, columns } = this.plan;
    const rows = [...this.cells].map(([name, cells]) => ({ name, cells }));
    const body = { title, rowHeader, columns, rows, notes: this.notes };
    const file = path.join(dir, this.plan.file);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(body, null, 2));
    fs.renameSync(`${file}.tmp`, file);
  }

  private check(row: string, column: string): void {
    if (!this.cells.has(row)) throw new Error(`${this.plan.file}: undeclared row "${row}"`);
    if (!this.plan.columns.includes(column)) throw new Error(`${this.plan.file}: unknown column "${column}"`);
  }
}
