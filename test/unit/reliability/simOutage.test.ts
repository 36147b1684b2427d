// The simulator's outage control (sim/README.md, "HTTP control"): "the
// simulator is down" for the fault matrix and the chaos run. Connections are
// refused while it lasts, open ones are cut, and the state survives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, KEY, simFor } from '../sim/helpers';

async function refused(url: string): Promise<string> {
  try {
    await fetch(url);
  } catch (error) {
    return String((error as { cause?: { code?: string } }).cause?.code ?? error);
  }
  return 'answered';
}

test('POST /__sim/outage refuses connections for the given time, then the same port answers with the state kept', async (t) => {
  const sim = await simFor(t);
  const submitted = await call(sim, 'POST', '/api/v1/generation/text-to-video', { prompt: 'outage', model: 'grok', duration: 6 });
  const taskId = submitted.json.data.task_id as string;
  const res = await fetch(`${sim.url}/__sim/outage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 300 }) });
  assert.deepEqual(await res.json(), { ok: true, downForMs: 300 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(sim.down, true);
  assert.equal(await refused(`${sim.url}/__sim/health`), 'ECONNREFUSED');
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.equal(sim.down, false);
  const query = await call(sim, 'GET', `/api/v1/generation/task/query?task_id=${taskId}`);
  assert.equal(query.json.code, 200, 'the task is still known after the outage');
  assert.equal(sim.requests.filter((r) => r.path === '/api/v1/generation/text-to-video').length, 1, 'the request log is kept');
});

test('an outage cuts requests that are open (a hung request sees its connection reset)', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { path: '/api/v1/generation/task/query' }, kind: 'hang' });
  const hung = fetch(`${sim.url}/api/v1/generation/task/query?task_id=x`, { headers: { 'x-auth': KEY } }).then(
    () => 'answered',
    (error: { cause?: { code?: string } }) => error.cause?.code ?? 'failed',
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  await sim.outage(200);
  assert.match(await hung, /ECONNRESET|UND_ERR_SOCKET|failed/);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(sim.down, false);
});

test('the outage route refuses a missing or absurd duration', async (t) => {
  const sim = await simFor(t);
  for (const body of [{}, { ms: 0 }, { ms: -5 }, { ms: 'long' }, { ms: 10_000_000 }]) {
    const res = await fetch(`${sim.url}/__sim/outage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 400, JSON.stringify(body));
  }
  assert.equal(sim.down, false);
});

test('close() during an outage resolves and the server never comes back', async (t) => {
  const sim = await simFor(t);
  await sim.outage(100);
  await sim.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(await refused(`${sim.url}/__sim/health`), 'ECONNREFUSED');
});
