/**
 * How the client reads envelopes Giggle's own scripts disagree about
 * (src/giggle/envelopeCode.ts), against the simulator producing each one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, AuthError } from '../../../src/giggle/errors';
import { readCode, refusesKey } from '../../../src/giggle/envelopeCode';
import { KEY, harness, rejection } from './harness';

const QUERY = '/api/v1/generation/task/query';
const PAY = '/api/v1/trustee_mode/mv/pay';

test('readCode: numbers and numeric strings decide; any other string is unrecognised', () => {
  for (const code of [200, '200', 0, ' 0 ']) assert.equal(readCode(code), 'success', String(code));
  for (const code of [40001, '404', -1, 500]) assert.equal(readCode(code), 'failure', String(code));
  for (const code of ['success', 'OK', 'E_FAIL', '']) assert.equal(readCode(code), 'unrecognised', String(code));
});

test('refusesKey: 401/403 or text saying the key is invalid (English or Chinese), not other business errors', () => {
  for (const [code, text] of [[401, ''], ['403', ''], [40100, 'Invalid API key'], [10001, 'api key expired'], [1, 'Unauthorized'], [50001, 'API Key 无效']] as const) {
    assert.ok(refusesKey(code, text), `${code} ${text}`);
  }
  for (const [code, text] of [[404, 'task not found'], [40001, 'duration 7 is not supported'], [50013, 'task queue is full']] as const) {
    assert.ok(!refusesKey(code, text), `${code} ${text}`);
  }
});

test('a query answered with a non-numeric string code is read by its data (as trustee_api.py does); text in message', async (t) => {
  const { sim, client } = await harness(t);
  const { taskId } = await client.submitVideo({ prompt: 'codes', model: 'grok' });
  sim.addFault({ match: { path: QUERY }, kind: 'stringCode', code: 'success', textField: 'message', times: 1 });
  const state = await client.queryVideoTask(taskId);
  assert.equal(state.taskId, taskId);
  assert.ok(['pending', 'processing'].includes(state.status));
});

test('a pay call answered with a non-numeric string code is "outcome unknown", never success or a plain refusal', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: PAY }, kind: 'apiError', code: 'E_PAY', message: 'order pending', textField: 'message' });
  const error = await rejection(client.payMv('p123'));
  assert.ok(error instanceof ApiError);
  assert.equal(error.outcomeUnknown, true);
  assert.match(error.message, /order pending/, 'the text from `message` is shown');
});

test('checkKey: an invalid key answered as HTTP 200 is a refusal; a 500 or a 5xx code proves nothing', async (t) => {
  const { sim, makeClient, client } = await harness(t);
  sim.setInvalidKeyReply({ status: 200, code: 40100, message: 'Invalid API key' });
  const refused = await rejection(makeClient({ getApiKey: () => `not-${KEY}` }).checkKey());
  assert.ok(refused instanceof AuthError, `${refused.name}: ${refused.message}`);

  sim.addFault({ match: { path: QUERY }, kind: 'status', status: 500, times: 1 });
  assert.ok((await rejection(client.checkKey())) instanceof ApiError);
  sim.addFault({ match: { path: QUERY }, kind: 'apiError', code: 500, message: 'internal error', times: 1 });
  assert.ok((await rejection(client.checkKey())) instanceof ApiError);
  sim.addFault({ match: { path: QUERY }, kind: 'apiError', code: 'ERR', message: 'odd', times: 1 });
  assert.ok((await rejection(client.checkKey())) instanceof ApiError);
  await client.checkKey(); // "task not found" (404 in the envelope): the service looked, so it took the key
});
