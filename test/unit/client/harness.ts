/**
 * Shared set-up for the client tests: a simulator on loopback (closed by the
 * test that started it), a client pointed at it, and a record of everything
 * the client logged or threw, so every test can also check the key never leaks.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { startSimulator } from '../../../sim/simulator';
import type { Simulator, SimulatorOptions } from '../../../sim/simulator';
import { GiggleClient } from '../../../src/giggle/client';
import type { GiggleClientOptions, RequestLogEntry } from '../../../src/giggle/client';

/** Long enough that a partial mask could still be recognised if redaction failed. */
export const KEY = 'gk-test-5f2c9a7e1b3d4c6a';

export interface Harness {
  sim: Simulator;
  client: GiggleClient;
  log: RequestLogEntry[];
  /** Creates another client on the same simulator. */
  makeClient(overrides?: Partial<GiggleClientOptions>): GiggleClient;
}

export async function harness(
  t: TestContext,
  options: { sim?: SimulatorOptions; client?: Partial<GiggleClientOptions> } = {},
): Promise<Harness> {
  const sim = await startSimulator({ timeScale: 1, apiKeys: [KEY], ...options.sim });
  t.after(() => sim.close());
  const log: RequestLogEntry[] = [];
  const makeClient = (overrides: Partial<GiggleClientOptions> = {}) =>
    new GiggleClient({
      // A trailing slash on purpose: the client must not send `//api`.
      baseUrl: `${sim.url}/`,
      getApiKey: () => KEY,
      onRequest: (entry) => log.push(entry),
      ...options.client,
      ...overrides,
    });
  t.after(() => assertKeyNotIn(log, 'onRequest entries'));
  return { sim, client: makeClient(), log, makeClient };
}

/** Awaits a promise that must reject and returns its error; checks the key is not in it. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, 'rejects with an Error');
    assertKeyNotIn(error, 'error');
    return error as Error & Record<string, unknown>;
  }
  assert.fail('expected the call to reject');
}

/** The key (or any 8-character slice of it) must not appear anywhere in the value. */
export function assertKeyNotIn(value: unknown, what: string): void {
  const text =
    value instanceof Error ? `${value.message}\n${value.stack ?? ''}\n${JSON.stringify({ ...value })}` : JSON.stringify(value);
  for (let i = 0; i + 8 <= KEY.length; i++) {
    assert.ok(!text.includes(KEY.slice(i, i + 8)), `${what} contains part of the API key: ${text}`);
  }
}

/** The only recorded request; fails when there is not exactly one. */
export function onlyRequest(sim: Simulator) {
  assert.equal(sim.requests.length, 1, `expected one request, got ${sim.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  return sim.requests[0];
}
