import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  ApiError,
  AuthError,
  MalformedReplyError,
  MissingKeyError,
  ModerationError,
  NetworkError,
  RateLimitError,
} from '../../../src/giggle/errors';
import { GiggleClient } from '../../../src/giggle/client';
import type { RequestLogEntry } from '../../../src/giggle/client';
import { KEY, assertKeyNotIn, harness, onlyRequest, rejection } from './harness';
import { makePng } from '../giggle/imageFixtures';

const T2V = '/api/v1/generation/text-to-video';
const QUERY = '/api/v1/generation/task/query';
const submit = (client: GiggleClient) => client.submitVideo({ prompt: 'a cat' });

// ---- HTTP status faults -----------------------------------------------------

test('401: a wrong key is an AuthError with httpStatus, never re-sent', async (t) => {
  const { sim, makeClient, log } = await harness(t);
  const error = await rejection(submit(makeClient({ getApiKey: () => 'not-the-key-9999' })));
  assert.ok(error instanceof AuthError);
  assert.equal(error.kind, 'auth');
  assert.equal(error.httpStatus, 401);
  assert.equal(error.operation, 'textToVideo');
  assert.equal(error.outcomeUnknown, false);
  assert.equal(error.message, 'Giggle rejected the API key (HTTP 401) while submitting a text-to-video task');
  assert.equal(sim.requests.length, 1);
  assert.deepEqual(log, [{ operation: 'textToVideo', method: 'POST', path: T2V, status: 401, durationMs: log[0].durationMs, errorKind: 'auth' }]);
});

test('403: AuthError with httpStatus 403', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: QUERY }, kind: 'status', status: 403, times: 1 });
  const error = await rejection(client.queryVideoTask('t1'));
  assert.ok(error instanceof AuthError);
  assert.equal(error.httpStatus, 403);
  assert.equal(error.operation, 'queryTask');
});

test('429 with Retry-After: RateLimitError with retryAfterMs, outcome known', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { method: 'POST', path: T2V }, kind: 'status', status: 429, retryAfterSeconds: 2, times: 1 });
  const error = await rejection(submit(client));
  assert.ok(error instanceof RateLimitError);
  assert.equal(error.kind, 'rateLimited');
  assert.equal(error.retryAfterMs, 2000);
  assert.equal(error.httpStatus, 429);
  assert.equal(error.outcomeUnknown, false);
  assert.match(error.message, /retry after 2 s$/);
  assert.equal(sim.tasks.size, 0);
});

test('429 without Retry-After: retryAfterMs is undefined', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: T2V }, kind: 'status', status: 429, times: 1 });
  const error = await rejection(submit(client));
  assert.ok(error instanceof RateLimitError);
  assert.equal(error.retryAfterMs, undefined);
});

for (const status of [500, 502, 503]) {
  test(`${status} on a submission: ApiError with httpStatus, outcome unknown`, async (t) => {
    const { sim, client, log } = await harness(t);
    sim.addFault({ match: { path: T2V }, kind: 'status', status, times: 1 });
    const error = await rejection(submit(client));
    assert.ok(error instanceof ApiError);
    assert.equal(error.kind, 'api');
    assert.equal(error.httpStatus, status);
    assert.equal(error.code, status);
    assert.ok(error.apiMessage.length > 0);
    assert.equal(error.outcomeUnknown, true);
    assert.equal(log[0].status, status);
    assert.equal(log[0].errorKind, 'api');
  });
}

test('other non-2xx replies (404 wrong path, 413 body too large) are ApiErrors with httpStatus, outcome known', async (t) => {
  const { sim, makeClient } = await harness(t, { sim: { maxBodyBytes: 2000 } });
  const wrongBase = await rejection(submit(makeClient({ baseUrl: `${sim.url}/v2` })));
  assert.ok(wrongBase instanceof ApiError);
  assert.equal(wrongBase.httpStatus, 404);
  assert.equal(wrongBase.code, 404);
  assert.equal(wrongBase.outcomeUnknown, false);
  // (The simulator records only /api and /upload requests, so this one is not in sim.requests.)

  const big = makePng(64, 64, 4000).toString('base64');
  const tooLarge = await rejection(makeClient().submitVideo({ prompt: 'p', startFrame: { base64: big } }));
  assert.ok(tooLarge instanceof ApiError);
  assert.equal(tooLarge.httpStatus, 413);
  assert.equal(tooLarge.operation, 'imageToVideo');
  assert.match(tooLarge.apiMessage, /too large/);
  assert.equal(tooLarge.outcomeUnknown, false);
});

test('5xx on a query (GET) is not "outcome unknown": a query has no effect', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: QUERY }, kind: 'status', status: 503, times: 1 });
  const error = await rejection(client.queryVideoTask('t1'));
  assert.ok(error instanceof ApiError);
  assert.equal(error.outcomeUnknown, false);
});

// ---- Envelope faults --------------------------------------------------------

test('apiError: HTTP 200 with a failing envelope code is an ApiError with code and message', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: T2V }, kind: 'apiError', code: 40001, message: 'model is offline', times: 1 });
  const error = await rejection(submit(client));
  assert.ok(error instanceof ApiError);
  assert.equal(error.code, 40001);
  assert.equal(error.apiMessage, 'model is offline');
  assert.equal(error.httpStatus, 200);
  assert.equal(error.outcomeUnknown, false);
  assert.equal(error.message, 'Giggle answered with error code 40001 while submitting a text-to-video task: model is offline');
});

test('apiError with a numeric-string code is read as the number; a non-numeric code is kept', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: T2V }, kind: 'apiError', code: '50010', message: 'busy', times: 1 });
  const numeric = await rejection(submit(client));
  assert.ok(numeric instanceof ApiError);
  assert.equal(numeric.code, 50010);
  sim.addFault({ match: { path: T2V }, kind: 'apiError', code: 'E_BUSY', message: 'busy', times: 1 });
  const word = await rejection(submit(client));
  assert.ok(word instanceof ApiError);
  assert.equal(word.code, 'E_BUSY');
  assert.equal(word.apiMessage, 'busy');
});

test('an envelope code 401 in an HTTP 200 reply is an AuthError too', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: QUERY }, kind: 'apiError', code: 401, message: 'token expired', times: 1 });
  const error = await rejection(client.queryVideoTask('t1'));
  assert.ok(error instanceof AuthError);
  assert.equal(error.message, 'Giggle rejected the API key (code 401) while querying a video task');
});

test('moderation: a failing envelope whose message says "sensitive" is a ModerationError', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: T2V }, kind: 'apiError', code: 40003, message: 'Prompt contains Sensitive words', times: 1 });
  const error = await rejection(submit(client));
  assert.ok(error instanceof ModerationError);
  assert.equal(error.kind, 'moderation');
  assert.equal(error.apiMessage, 'Prompt contains Sensitive words');
  assert.equal(error.code, 40003);
  assert.equal(error.outcomeUnknown, false);
  assert.match(error.message, /content moderation rejected the prompt or image while submitting a text-to-video task/);
});

test('moderation on an MV submission too', async (t) => {
  const { sim, client } = await harness(t);
  const { projectId } = await client.createMvProject({ name: 'n', aspect: '16:9' });
  sim.addFault({ match: { path: '/api/v1/trustee_mode/mv/submit' }, kind: 'apiError', code: 40003, message: 'sensitive lyrics', times: 1 });
  const error = await rejection(
    client.submitMv({ projectId, musicGenerateType: 'custom', aspect: '16:9', lyrics: 'l', style: 's', title: 't', referenceImage: 'abc' }),
  );
  assert.ok(error instanceof ModerationError);
  assert.equal(error.operation, 'submitMv');
});

test('stringCode: code "200" is accepted as success', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: T2V }, kind: 'stringCode', times: 1 });
  const { taskId } = await submit(client);
  assert.ok(sim.tasks.has(taskId));
  sim.addFault({ match: { path: QUERY }, kind: 'stringCode', times: 1 });
  assert.equal((await client.queryVideoTask(taskId)).taskId, taskId);
});

test('malformed: a 200 reply that is not JSON is a MalformedReplyError; outcome unknown for a POST', async (t) => {
  const { sim, client, log } = await harness(t);
  sim.addFault({ match: { path: T2V }, kind: 'malformed', times: 1 });
  const error = await rejection(submit(client));
  assert.ok(error instanceof MalformedReplyError);
  assert.equal(error.kind, 'malformed');
  assert.equal(error.detail, 'reply is not JSON');
  assert.equal(error.outcomeUnknown, true);
  assert.equal(log[0].errorKind, 'malformed');

  sim.addFault({ match: { path: QUERY }, kind: 'malformed', times: 1 });
  const query = await rejection(client.queryVideoTask('t'));
  assert.ok(query instanceof MalformedReplyError);
  assert.equal(query.outcomeUnknown, false);
});

test('missingField: the missing data field is named; a submission whose task_id is lost is outcome unknown', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: T2V }, kind: 'missingField', field: 'task_id', times: 1 });
  const error = await rejection(submit(client));
  assert.ok(error instanceof MalformedReplyError);
  assert.equal(error.detail, 'data.task_id is missing');
  assert.equal(error.message, 'Giggle sent an unexpected reply while submitting a text-to-video task: data.task_id is missing');
  assert.equal(error.outcomeUnknown, true);
  assert.equal(sim.tasks.size, 1, 'the task was created: re-sending would make a second one');

  const { taskId } = await submit(client);
  sim.addFault({ match: { path: QUERY }, kind: 'missingField', field: 'status', times: 1 });
  const query = await rejection(client.queryVideoTask(taskId));
  assert.ok(query instanceof MalformedReplyError);
  assert.equal(query.detail, 'data.status is missing');
  assert.equal(query.outcomeUnknown, false);

  // An optional field going missing is fine.
  sim.addFault({ match: { path: QUERY }, kind: 'missingField', field: 'urls', times: 1 });
  assert.deepEqual((await client.queryVideoTask(taskId)).urls, []);
});

// ---- Network faults ---------------------------------------------------------

test('reset before processing: NetworkError reset; a POST is still outcome unknown (the client cannot tell)', async (t) => {
  const { sim, client, log } = await harness(t);
  sim.addFault({ match: { path: T2V }, kind: 'reset', times: 1 });
  const error = await rejection(submit(client));
  assert.ok(error instanceof NetworkError);
  assert.equal(error.kind, 'network');
  assert.equal(error.cause, 'reset');
  assert.equal(error.outcomeUnknown, true);
  assert.equal(log[0].status, undefined);
  assert.equal(log[0].errorKind, 'network');
});

test('reset after processing: the task exists although the client got no reply, so outcome is unknown', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: T2V }, kind: 'reset', afterProcessing: true, times: 1 });
  const error = await rejection(submit(client));
  assert.ok(error instanceof NetworkError);
  assert.equal(error.cause, 'reset');
  assert.equal(error.outcomeUnknown, true);
  assert.equal(sim.tasks.size, 1);
  assert.equal(onlyRequest(sim).fault, 'reset');
});

test('reset on a query (GET) is not outcome unknown', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: QUERY }, kind: 'reset', times: 1 });
  const error = await rejection(client.queryVideoTask('t'));
  assert.ok(error instanceof NetworkError);
  assert.equal(error.cause, 'reset');
  assert.equal(error.outcomeUnknown, false);
});

test('refused: nothing listening is NetworkError refused, outcome known even for a POST', async (t) => {
  const { sim, makeClient } = await harness(t);
  const url = sim.url;
  await sim.close();
  const error = await rejection(submit(makeClient({ baseUrl: url })));
  assert.ok(error instanceof NetworkError);
  assert.equal(error.cause, 'refused');
  assert.equal(error.outcomeUnknown, false);
  assert.equal(error.message, 'The connection to Giggle was refused while submitting a text-to-video task');
});

test('refused on a port nothing listens on', async () => {
  const port = await freePort();
  const client = new GiggleClient({ baseUrl: `http://127.0.0.1:${port}`, getApiKey: () => KEY });
  const error = await rejection(client.queryVideoTask('t'));
  assert.ok(error instanceof NetworkError);
  assert.equal(error.cause, 'refused');
});

test('timeout: a hung request is aborted after timeoutMs; outcome unknown for a POST only', async (t) => {
  const { sim, makeClient } = await harness(t);
  const client = makeClient({ timeoutMs: 150 });
  sim.addFault({ match: { path: T2V }, kind: 'hang', times: 1 });
  const started = Date.now();
  const error = await rejection(submit(client));
  const elapsed = Date.now() - started;
  assert.ok(error instanceof NetworkError);
  assert.equal(error.cause, 'timeout');
  assert.equal(error.outcomeUnknown, true);
  assert.ok(elapsed >= 140 && elapsed < 3000, `aborted after ${elapsed} ms`);
  assert.match(error.message, /^Giggle did not answer in time \(150 ms\) while submitting a text-to-video task/);

  sim.addFault({ match: { path: QUERY }, kind: 'hang', times: 1 });
  const query = await rejection(client.queryVideoTask('t'));
  assert.ok(query instanceof NetworkError);
  assert.equal(query.cause, 'timeout');
  assert.equal(query.outcomeUnknown, false);
});

test('latency under the timeout is just slow, not an error', async (t) => {
  const { sim, makeClient } = await harness(t);
  sim.addFault({ match: { path: T2V }, kind: 'latency', latencyMs: 100, times: 1 });
  const { taskId } = await submit(makeClient({ timeoutMs: 2000 }));
  assert.ok(sim.tasks.has(taskId));
});

test('DNS failures map to cause "dns" and are outcome known', async () => {
  for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
    const fakeFetch = (async () => {
      throw Object.assign(new Error(`request to https://giggle.invalid/api failed, reason: getaddrinfo ${code}`), { code, errno: code, type: 'system' });
    }) as unknown as ConstructorParameters<typeof GiggleClient>[0]['fetch'];
    const client = new GiggleClient({ baseUrl: 'https://giggle.invalid', getApiKey: () => KEY, fetch: fakeFetch });
    const error = await rejection(submit(client));
    assert.ok(error instanceof NetworkError);
    assert.equal(error.cause, 'dns');
    assert.equal(error.outcomeUnknown, false);
    assert.ok(!error.message.includes('giggle.invalid'), 'the raw fetch message is not copied');
  }
});

// ---- Missing key and secrecy -------------------------------------------------

test('missing key: MissingKeyError and nothing is sent, for every kind of absence', async (t) => {
  const { sim, makeClient, log } = await harness(t);
  const getters = [() => undefined, () => '', () => '   ', async () => undefined, () => { throw new Error('keychain locked'); }];
  for (const getApiKey of getters) {
    const client = makeClient({ getApiKey });
    const error = await rejection(submit(client));
    assert.ok(error instanceof MissingKeyError);
    assert.equal(error.kind, 'missingKey');
    assert.equal(error.outcomeUnknown, false);
    assert.ok((await rejection(client.queryMv('p'))) instanceof MissingKeyError);
    assert.ok((await rejection(client.checkKey())) instanceof MissingKeyError);
    assert.ok((await rejection(client.uploadAsset({ fileName: 'a.png', contentType: 'image/png', bytes: new Uint8Array([1]) }))) instanceof MissingKeyError);
  }
  assert.equal(sim.requests.length, 0);
  assert.equal(log.length, 0);
});

test('a key that cannot be a header value is refused locally without echoing it', async (t) => {
  const { sim, makeClient } = await harness(t);
  const badKey = `${KEY}\n`.replace('5f2c', '5f2ç');
  const error = await rejection(submit(makeClient({ getApiKey: () => badKey })));
  assert.ok(error instanceof MissingKeyError);
  assert.ok(!error.message.includes('5f2ç'));
  assert.equal(sim.requests.length, 0);
});

test('the key never appears in errors or log entries, even when the service echoes it', async (t) => {
  const { sim, client, log } = await harness(t);
  const signed = 'https://cdn.giggle.pro/v/a.mp4?Expires=1&Signature=~secret~sig&Key-Pair-Id=K';
  sim.addFault({ match: { path: T2V }, kind: 'apiError', code: 40001, message: `bad request from key ${KEY}; see ${signed}`, times: 1 });
  sim.addFault({ match: { path: QUERY }, kind: 'status', status: 500, message: `internal error for ${KEY}`, times: 1 });
  const first = await rejection(submit(client));
  assert.ok(first instanceof ApiError);
  assert.equal(first.apiMessage, 'bad request from key gk-t…; see https://cdn.giggle.pro/v/a.mp4…');
  assert.ok(!first.message.includes('secret'));
  const second = await rejection(client.queryVideoTask('t'));
  assert.ok(second instanceof ApiError);
  assert.equal(second.apiMessage, 'internal error for gk-t…');
  // Successful calls log too; none of it may hold the key.
  await submit(client);
  assert.equal(log.length, 3);
  assertKeyNotIn(log, 'log');
  assert.ok(sim.requests.every((r) => r.headers['x-auth'] === KEY), 'the key was really sent');
});

test('a throwing onRequest logger does not break a call', async (t) => {
  const { sim, makeClient } = await harness(t);
  const client = makeClient({
    onRequest: () => {
      throw new Error('logger down');
    },
  });
  const { taskId } = await submit(client);
  assert.ok(sim.tasks.has(taskId));
});

test('log entries carry operation, method, path (with task_id only), status, duration and errorKind', async (t) => {
  const { sim, client, log } = await harness(t);
  const { taskId } = await submit(client);
  sim.addFault({ match: { path: QUERY }, kind: 'status', status: 429, times: 1 });
  await rejection(client.queryVideoTask(taskId));
  const expected: Array<Omit<RequestLogEntry, 'durationMs'>> = [
    { operation: 'textToVideo', method: 'POST', path: T2V, status: 200 },
    { operation: 'queryTask', method: 'GET', path: `${QUERY}?task_id=${taskId}`, status: 429, errorKind: 'rateLimited' },
  ];
  assert.deepEqual(
    log.map(({ durationMs, ...rest }) => {
      assert.equal(typeof durationMs, 'number');
      return rest;
    }),
    expected,
  );
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
