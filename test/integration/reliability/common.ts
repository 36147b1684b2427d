// Shared pieces of the reliability suites (fault matrix, bad-input matrix,
// secrets, trust): the extension's API, the simulator's extra control routes,
// waiting for jobs, and the matrix tables the drivers print.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GiggleApi } from '../../../src/publicApi';
import type { Job } from '../../../src/jobs/jobTypes';
import { activateExtension, rejection, simControl, simRequests, simUrl, sleep, testKey, waitFor } from '../helpers';
import type { SimRequest } from '../helpers';

export async function api(): Promise<GiggleApi> {
  const giggle = await activateExtension<GiggleApi>();
  await giggle.ready;
  return giggle;
}

/** The recognizable fake key the driver makes the simulator accept (falls back to the ordinary test key). */
export function secretKey(): string {
  return process.env.GIGGLE_TEST_SECRET_KEY || testKey();
}

/** Sets the API key through the command, as a user would; fails if the simulator refuses it. */
export async function useKey(key: string): Promise<void> {
  assert.strictEqual(await vscode.commands.executeCommand('giggle.setApiKey', key), true, 'the simulator accepts the key');
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('giggle').update(key, value, vscode.ConfigurationTarget.Global);
}

/** A short unique marker for prompts and names, so a test can find its own requests. */
let counter = 0;
export function marker(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

// --- The simulator's other control routes ---------------------------------------

export interface SimState {
  now: number;
  tasks: { taskId: string; prompt: string }[];
  projects: { projectId: string; name: string; payStatus: string; submission?: unknown }[];
  pays: { projectId: string; accepted: boolean }[];
}

export async function simState(): Promise<SimState> {
  return (await simControl('GET', 'state')) as SimState;
}

/** Takes the simulator down for `ms` (connections refused; state kept); resolves once it refuses connections. */
export async function simDown(ms: number): Promise<void> {
  await simControl('POST', 'outage', { ms });
  await waitFor(async () => !(await simAnswers()), 2000, 'the simulator to go down', 10);
}

export async function simAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`${simUrl()}/__sim/health`);
    return res.ok;
  } catch {
    return false;
  }
}

export async function waitSimUp(timeoutMs = 10_000): Promise<void> {
  await waitFor(() => simAnswers(), timeoutMs, 'the simulator to answer again', 25);
}

/** Requests to `path` (and method) whose JSON body satisfies `match`. */
export async function requestsTo(method: string, apiPath: string, match: (body: Record<string, unknown>) => boolean = () => true): Promise<SimRequest[]> {
  return (await simRequests()).filter(
    (r) => r.method === method && r.path === apiPath && match((r.body ?? {}) as Record<string, unknown>),
  );
}

// --- Jobs -------------------------------------------------------------------------

export async function waitForJob<T extends Job = Job>(
  giggle: GiggleApi,
  jobId: string,
  predicate: (job: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  let last: T | undefined;
  try {
    return (await waitFor(
      () => {
        last = giggle.getJob(jobId) as T | undefined;
        return last && predicate(last) ? last : undefined;
      },
      timeoutMs,
      what,
      25,
    )) as T;
  } catch (error) {
    const seen = last ? `phase ${last.phase}${last.fault ? `, fault "${last.fault}"` : ''}${last.lastError ? `, lastError "${last.lastError.message}"` : ''}` : 'not in the list';
    throw new Error(`${(error as Error).message}; last seen: ${seen}`);
  }
}


export { rejection, sleep };

// --- Matrices ------------------------------------------------------------------------

export type CellState = 'pass' | 'fail' | 'n/a';

interface Cell {
  state: CellState;
  note?: string;
}

/**
 * One table the drivers print (scripts/lib/matrix-report.mjs): rows × columns
 * of pass/fail/n-a cells, written to $GIGGLE_TEST_RESULTS/../matrices/<file>.json
 * after every change, so a crash part-way still leaves the cells run so far.
 */
export class Matrix {
  private readonly rows = new Map<string, Record<string, Cell>>();
  readonly notes: string[] = [];

  constructor(
    readonly file: string,
    readonly title: string,
    readonly rowHeader: string,
    readonly columns: readonly string[],
  ) {}

  set(row: string, column: string, state: CellState, note?: string): void {
    if (!this.columns.includes(column)) throw new Error(`unknown matrix column ${column}`);
    const cells = this.rows.get(row) ?? {};
    cells[column] = note === undefined ? { state } : { state, note };
    this.rows.set(row, cells);
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

  failures(row?: string): string[] {
    const out: string[] = [];
    for (const [name, cells] of this.rows) {
      if (row !== undefined && name !== row) continue;
      for (const [column, cell] of Object.entries(cells)) if (cell.state === 'fail') out.push(`${name} × ${column}: ${cell.note}`);
    }
    return out;
  }

  counts(): { cases: number; passed: number } {
    let cases = 0;
    let passed = 0;
    for (const cells of this.rows.values()) {
      for (const cell of Object.values(cells)) {
        if (cell.state === 'n/a') continue;
        cases += 1;
        if (cell.state === 'pass') passed += 1;
      }
    }
    return { cases, passed };
  }

  /** Fails the calling test when a cell of `row` failed, listing them. */
  assertRow(row: string): void {
    const failed = this.failures(row);
    assert.strictEqual(failed.length, 0, `${failed.length} case(s) failed:\n${failed.join('\n')}`);
  }

  write(): void {
    const results = process.env.GIGGLE_TEST_RESULTS;
    if (!results) return;
    const dir = path.join(path.dirname(results), 'matrices');
    fs.mkdirSync(dir, { recursive: true });
    const rows = [...this.rows].map(([name, cells]) => ({ name, cells }));
    const body = { title: this.title, rowHeader: this.rowHeader, columns: this.columns, rows, notes: this.notes };
    const file = path.join(dir, this.file);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(body, null, 2));
    fs.renameSync(`${file}.tmp`, file);
  }
}

/** Asserts that `text` matches every pattern, naming the first that does not. */
export function assertMentions(text: string, patterns: RegExp[], what: string): void {
  for (const pattern of patterns) {
    assert.ok(pattern.test(text), `${what} should match ${pattern}: "${text}"`);
  }
}
