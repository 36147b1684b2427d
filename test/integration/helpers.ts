// Small helpers for integration suites running inside the extension host.
// The driver (scripts/run-integration.mjs, or runTestElectron.ts) starts the
// Giggle simulator and passes its URL and an accepted key through the
// environment of the VS Code process, which the extension host inherits:
//   GIGGLE_SIM_URL   e.g. http://127.0.0.1:41234   (also in the user setting giggle.apiBaseUrl)
//   GIGGLE_TEST_KEY  an API key the simulator accepts
//   GIGGLE_POLL_TIME_SCALE  how much faster the extension polls (e.g. 0.01)
import * as vscode from 'vscode';
import type { RecordedRequest } from '../../sim/types';

export const EXTENSION_ID = 'giggle-community.giggle-video';

/** The simulator's base URL; throws a clear error when the driver did not start one. */
export function simUrl(): string {
  const url = process.env.GIGGLE_SIM_URL;
  if (!url) throw new Error('GIGGLE_SIM_URL is not set: run the integration tests through scripts/run-integration.mjs (npm run test:integration)');
  return url.replace(/\/+$/, '');
}

/** An API key the simulator accepts. */
export function testKey(): string {
  return process.env.GIGGLE_TEST_KEY || 'sim-test-key';
}

export function hasSimulator(): boolean {
  return Boolean(process.env.GIGGLE_SIM_URL);
}

/** The extension, activated; resolves to the public API object activate() returned. */
export async function activateExtension<T = unknown>(): Promise<T> {
  const ext = vscode.extensions.getExtension<T>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this extension host`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** Same as activateExtension(), under the name tests reach for. */
export const getApi = activateExtension;

// --- The simulator's /__sim/ control routes -------------------------------

/** One request the simulator received (see sim/README.md, RecordedRequest). */
export type SimRequest = RecordedRequest;

/** A fault rule (see sim/README.md, FaultRule). */
export interface SimFault {
  match?: { method?: string; path?: string };
  kind: 'latency' | 'hold' | 'status' | 'apiError' | 'reset' | 'hang' | 'malformed' | 'missingField' | 'stringCode' | 'patchData';
  times?: number;
  [field: string]: unknown;
}

/** Calls one of the simulator's /__sim/ control routes; throws with its answer when it refuses. */
export async function simControl(method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${simUrl()}/__sim/${route}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`simulator ${method} /__sim/${route} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Every API request the simulator has recorded since the last reset, in order. */
export async function simRequests(): Promise<SimRequest[]> {
  return (await simControl('GET', 'requests')) as SimRequest[];
}

/**
 * How many requests could have carried a submission: everything except the status/progress queries
 * that jobs still running from earlier tests keep sending in the background (counting those made
 * "nothing is sent" checks flaky).
 */
export async function sentRequestCount(): Promise<number> {
  return (await simRequests()).filter((r) => !(r.method === 'GET' && /\/(task|mv)\/query$/.test(r.path))).length;
}

/** Adds a fault rule (e.g. `{ match: { path: '/api/v1/generation/*' }, kind: 'status', status: 503, times: 1 }`). */
export async function simFault(rule: SimFault): Promise<void> {
  await simControl('POST', 'faults', rule);
}

export async function simClearFaults(): Promise<void> {
  await simControl('DELETE', 'faults');
}

/** Forgets requests, tasks, projects and faults. */
export async function simReset(): Promise<void> {
  await simControl('POST', 'reset');
}

export async function simHealth(): Promise<boolean> {
  const body = (await simControl('GET', 'health')) as { ok?: boolean } | undefined;
  return body?.ok === true;
}

// --- Waiting ------------------------------------------------------------------

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `predicate` until it returns a truthy value (which is returned) or
 * `timeoutMs` passes (then throws, with `message` and the last error seen).
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutMs = 10_000,
  message = 'condition',
  intervalMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError ? ` (last error: ${(lastError as Error).message ?? lastError})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${why}`);
    }
    await sleep(intervalMs);
  }
}

/** Rejects if `promise` does not settle within `ms` (e.g. a command that unexpectedly prompts). */
export async function within<T>(promise: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(promise),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The rejection of a command that must fail. */
export async function rejection(promise: Thenable<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the command to fail, but it succeeded');
}
