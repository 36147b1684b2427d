import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from '../../../sim/simulator';
import { KEY, call, get, post, queryTask, simFor, textToVideo } from './helpers';

const T2V = '/api/v1/generation/text-to-video';
const BODY = { prompt: 'a cat', model: 'grok', duration: 6 };

test('latency delays the real reply', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { path: T2V }, kind: 'latency', latencyMs: 300, times: 1 });
  const started = Date.now();
  const slow = await post(sim, T2V, BODY);
  assert.ok(Date.now() - started >= 290);
  assert.equal(slow.json.code, 200);
  assert.equal(sim.requests[0].fault, 'latency');
  const started2 = Date.now();
  await post(sim, T2V, BODY);
  assert.ok(Date.now() - started2 < 290, 'times: 1 is used up');
});

test('hold keeps a request in flight until the faults are cleared, then answers it for real', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { path: T2V }, kind: 'hold', times: 1 });
  let answered = false;
  const held = post(sim, T2V, BODY).then((reply) => ((answered = true), reply));
  for (const deadline = Date.now() + 5_000; sim.requests.length === 0; await new Promise((r) => setTimeout(r, 10))) {
    assert.ok(Date.now() < deadline, 'the request arrived');
  }
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(answered, false, 'still held');
  assert.equal(sim.tasks.size, 0, 'nothing happened yet');
  sim.clearFaults();
  const reply = await held;
  assert.equal(reply.json.code, 200);
  assert.equal(sim.tasks.size, 1);
  assert.equal(sim.requests[0].fault, 'hold');
});

test('releasing only the holds lets held requests go on and keeps the other faults', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { method: 'GET', path: '/api/v1/generation/task/query' }, kind: 'hold' });
  sim.addFault({ match: { method: 'POST', path: T2V }, kind: 'status', status: 503 });
  const held = get(sim, '/api/v1/generation/task/query?task_id=x');
  for (const deadline = Date.now() + 5_000; sim.requests.length === 0; await new Promise((r) => setTimeout(r, 10))) {
    assert.ok(Date.now() < deadline, 'the request arrived');
  }
  sim.clearFaults('hold');
  assert.equal((await held).status, 200, 'the held query is answered');
  assert.equal((await get(sim, '/api/v1/generation/task/query?task_id=x')).status, 200, 'and the next is not held');
  assert.equal((await post(sim, T2V, BODY)).status, 503, 'the other fault stays');
});

test('status answers that HTTP status with an envelope, Retry-After when asked, `times` times', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { method: 'POST', path: T2V }, kind: 'status', status: 429, retryAfterSeconds: 2, times: 1 });
  const limited = await post(sim, T2V, BODY);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '2');
  assert.equal(limited.json.code, 429);
  assert.ok(limited.json.msg);
  assert.equal(sim.tasks.size, 0, 'a refused submission creates nothing');
  assert.equal((await post(sim, T2V, BODY)).status, 200);

  sim.addFault({ match: { path: '/api/*' }, kind: 'status', status: 503, message: 'maintenance' });
  const down = await get(sim, '/api/v1/generation/task/query?task_id=x');
  assert.deepEqual([down.status, down.json.code, down.json.msg], [503, 503, 'maintenance']);
  sim.clearFaults();
  assert.equal((await get(sim, '/api/v1/generation/task/query?task_id=x')).status, 200);
});

test('method and path must both match', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { method: 'GET', path: T2V }, kind: 'status', status: 500 });
  sim.addFault({ match: { path: '/api/v1/trustee_mode/*' }, kind: 'status', status: 502 });
  assert.equal((await post(sim, T2V, BODY)).status, 200);
  assert.equal((await get(sim, '/api/v1/trustee_mode/mv/query?project_id=x')).status, 502);
  assert.equal((await get(sim, '/api/v1/generation/task/query?task_id=x')).status, 200);
});

test('apiError answers HTTP 200 with a non-200 code (number or string)', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { path: T2V }, kind: 'apiError', code: 50001, message: 'insufficient credits', times: 1 });
  sim.addFault({ match: { path: T2V }, kind: 'apiError', code: '40003', message: 'quota', times: 1 });
  const first = await post(sim, T2V, BODY);
  assert.deepEqual([first.status, first.json.code, first.json.msg], [200, 50001, 'insufficient credits']);
  const second = await post(sim, T2V, BODY);
  assert.deepEqual([second.json.code, second.json.msg], ['40003', 'quota']);
  assert.equal(sim.tasks.size, 0);
});

test('reset drops the connection; with afterProcessing the request took effect first', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { path: T2V }, kind: 'reset', times: 1 });
  await assert.rejects(post(sim, T2V, BODY));
  assert.equal(sim.tasks.size, 0);
  sim.addFault({ match: { path: T2V }, kind: 'reset', afterProcessing: true, times: 1 });
  await assert.rejects(post(sim, T2V, BODY));
  assert.equal(sim.tasks.size, 1, 'the task exists though the client saw a reset');
  assert.deepEqual(sim.requests.map((request) => request.fault), ['reset', 'reset']);
});

test('hang never answers; close() still finishes and the client sees the socket die', async () => {
  const sim = await startSimulator({ apiKeys: [KEY] });
  sim.addFault({ match: { path: T2V }, kind: 'hang' });
  const pending = post(sim, T2V, BODY);
  const outcome = pending.then(() => 'answered', () => 'failed');
  const early = await Promise.race([outcome, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 150))]);
  assert.equal(early, 'still waiting');
  assert.equal(sim.requests.length, 1);
  const started = Date.now();
  await sim.close();
  assert.ok(Date.now() - started < 1000);
  assert.equal(await outcome, 'failed');
});

test('close() also ends a pending latency and idle keep-alive connections', async () => {
  const sim = await startSimulator({ apiKeys: [KEY] });
  await get(sim, '/api/v1/generation/task/query?task_id=x'); // leaves a keep-alive socket
  sim.addFault({ kind: 'latency', latencyMs: 60_000 });
  const slow = get(sim, '/api/v1/generation/task/query?task_id=x').then(() => 'answered', () => 'failed');
  await new Promise((resolve) => setTimeout(resolve, 50));
  await sim.close();
  assert.equal(await slow, 'failed');
  await sim.close(); // idempotent
});

test('malformed answers HTTP 200 with a body that is not JSON', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { path: T2V }, kind: 'malformed', times: 1 });
  const res = await fetch(sim.url + T2V, { method: 'POST', headers: { 'x-auth': KEY, 'content-type': 'application/json' }, body: JSON.stringify(BODY) });
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.throws(() => JSON.parse(text));
});

test('missingField removes that data field from the real reply; stringCode sends code "200"', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { path: T2V }, kind: 'missingField', field: 'task_id', times: 1 });
  const missing = await post(sim, T2V, BODY);
  assert.equal(missing.json.code, 200);
  assert.equal('task_id' in missing.json.data, false);
  assert.equal(sim.tasks.size, 1, 'the real work still happened');

  sim.addFault({ match: { path: '/api/v1/generation/task/query' }, kind: 'stringCode', times: 1 });
  const taskId = await textToVideo(sim, 'x');
  const stringy = await queryTask(sim, taskId);
  assert.equal(stringy.code, '200');
  assert.equal(stringy.data.task_id, taskId);
  assert.equal((await queryTask(sim, taskId)).code, 200);
});

test('patchData merges fields into the real reply\'s data (a hostile or odd reply, such as a link in err_msg or a vscode: URL)', async (t) => {
  const sim = await simFor(t);
  const taskId = await textToVideo(sim, 'patched');
  const fields = { status: 'completed', urls: ['vscode://giggle-community.giggle-video/x'], err_msg: '[run](command:giggle.clearApiKey)' };
  sim.addFault({ match: { path: '/api/v1/generation/task/query' }, kind: 'patchData', data: fields, times: 1 });
  const patched = await queryTask(sim, taskId);
  assert.equal(patched.code, 200);
  assert.deepEqual({ status: patched.data.status, urls: patched.data.urls, err_msg: patched.data.err_msg }, fields);
  assert.equal(patched.data.task_id, taskId, 'the other fields are the real ones');
  assert.equal(sim.requests.at(-1)?.fault, 'patchData');
  assert.notEqual((await queryTask(sim, taskId)).data.status, 'completed', 'times: 1 is used up; the task itself is unchanged');
  assert.throws(() => sim.addFault({ kind: 'patchData' }), /data/);
  // @ts-expect-error: data must be an object, as might arrive over HTTP
  assert.throws(() => sim.addFault({ kind: 'patchData', data: ['x'] }), /data/);
});

test('faults apply before auth, so a latency or status fault hits every caller', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ kind: 'status', status: 500, times: 1 });
  assert.equal((await call(sim, 'GET', '/api/v1/generation/task/query?task_id=x', undefined, null)).status, 500);
  assert.equal((await call(sim, 'GET', '/api/v1/generation/task/query?task_id=x', undefined, null)).status, 401);
});

test('invalid fault rules are refused loudly', async (t) => {
  const sim = await simFor(t);
  // @ts-expect-error: a typo in the kind, as might arrive over HTTP
  assert.throws(() => sim.addFault({ kind: 'timeout' }), /fault kind/);
  assert.throws(() => sim.addFault({ kind: 'status' }), /HTTP status/);
  assert.throws(() => sim.addFault({ kind: 'missingField' }), /field/);
  assert.throws(() => sim.addFault({ kind: 'hang', times: 0 }), /times/);
});

test('requests are recorded in order with query, lower-case headers and parsed body; control and media are not', async (t) => {
  const sim = await simFor(t);
  const taskId = await textToVideo(sim, 'recorded');
  await fetch(`${sim.url}/__sim/health`);
  sim.advance(200_000);
  const [link] = (await queryTask(sim, taskId)).data.urls as string[];
  await (await fetch(link)).arrayBuffer();

  assert.equal(sim.requests.length, 2);
  const [submit, query] = sim.requests;
  assert.deepEqual([submit.seq < query.seq, submit.method, submit.path], [true, 'POST', T2V]);
  assert.equal(submit.headers['x-auth'], KEY);
  assert.equal(submit.headers['content-type'], 'application/json');
  assert.deepEqual(submit.body, { prompt: 'recorded', model: 'grok', duration: 6 });
  assert.equal(submit.rawBody, JSON.stringify(submit.body));
  assert.equal(typeof submit.time, 'number');
  assert.deepEqual([query.method, query.path, query.query], ['GET', '/api/v1/generation/task/query', { task_id: taskId }]);
  assert.equal(query.body, undefined);
  assert.equal(sim.mediaRequests.length, 1);
  assert.equal(sim.mediaRequests[0].status, 200);

  const held = sim.requests;
  sim.reset();
  assert.equal(held.length, 0, 'reset clears in place');
  assert.equal(sim.tasks.size, 0);
  assert.equal((await queryTask(sim, taskId)).code, 404);
  assert.equal(held.length, 1);
});

test('HTTP control: health, requests, faults, reset, advance, state', async (t) => {
  const sim = await simFor(t);
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(sim.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as never };
  };
  assert.deepEqual((await control('GET', '/__sim/health')).json, { ok: true });
  assert.equal((await control('POST', '/__sim/faults', { match: { path: T2V }, kind: 'status', status: 500, times: 1 })).status, 200);
  assert.equal((await control('POST', '/__sim/faults', { kind: 'nonsense' })).status, 400);
  assert.equal(sim.faults.length, 1);
  assert.equal((await post(sim, T2V, BODY)).status, 500);
  const taskId = await textToVideo(sim, 'x');
  const recorded = (await control('GET', '/__sim/requests')).json as { path: string }[];
  assert.deepEqual(recorded.map((request) => request.path), [T2V, T2V]);

  await control('POST', '/__sim/faults', { kind: 'status', status: 503 });
  assert.equal((await control('DELETE', '/__sim/faults')).status, 200);
  assert.equal(sim.faults.length, 0);

  const before = sim.now();
  const advanced = (await control('POST', '/__sim/advance', { ms: 200_000 })).json as { now: number };
  assert.equal(advanced.now, before + 200_000);
  assert.equal((await queryTask(sim, taskId)).data.status, 'completed');
  const state = (await control('GET', '/__sim/state')).json as { tasks: { taskId: string }[] };
  assert.equal(state.tasks[0].taskId, taskId);

  assert.equal((await control('POST', '/__sim/reset')).status, 200);
  assert.equal(sim.requests.length, 0);
  assert.equal(sim.tasks.size, 0);
});

test('faults can target /media links too (a CDN hiccup), recorded in mediaRequests only', async (t) => {
  const sim = await simFor(t);
  const taskId = await textToVideo(sim, 'cdn');
  sim.advance(200_000);
  const [link] = (await queryTask(sim, taskId)).data.urls as string[];
  sim.addFault({ match: { path: '/media/*' }, kind: 'status', status: 503, times: 1 });
  assert.equal((await fetch(link)).status, 503);
  const res = await fetch(link, { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.ok(Number(res.headers.get('content-length')) > 0);
  assert.deepEqual(sim.mediaRequests.map((request) => request.status), [503, 200]);
  assert.equal(sim.requests.length, 2);
});
