// Shared pieces of the reliability suites (fault matrix, bad-input matrix,
// secrets, trust): the extension's API, the simulator's extra control routes,
// waiting for jobs, and the matrix tables the drivers print.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GiggleApi } from '../../../src/publicApi';
import type { Job } from '../../../src/jobs/jobTypes';
import { activateExtension, rejection, simControl, simRequests, simUrl, sleep, testKey, waitFor } from '../helpers';
import type { SimRequest } from '../helpers';
import { Matrix } from '../../support/matrix';
import type { MatrixPlan } from '../../support/matrix';

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

/**
 * A table the integration driver prints (test/support/matrix.ts), written to
 * $GIGGLE_TEST_RESULTS/../matrices/<file>.json after every change, so a crash
 * part-way still leaves the cells run so far (and the rest "not run").
 */
export function integrationMatrix(plan: MatrixPlan): Matrix {
  return new Matrix(plan, () => {
    const results = process.env.GIGGLE_TEST_RESULTS;
    return results ? path.join(path.dirname(results), 'matrices') : undefined;
  });
}

/** Asserts that `text` matches every pattern, naming the first that does not. */
export function assertMentions(text: string, patterns: RegExp[], what: string): void {
  for (const pattern of patterns) {
    assert.ok(pattern.test(text), `${what} should match ${pattern}: "${text}"`);
  }
}
