import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, AuthError, InputError } from '../../../src/giggle/errors';
import { makePng } from '../giggle/imageFixtures';
import { KEY, harness, onlyRequest, rejection } from './harness';

/** Simulated generation takes 60-180 s (×10 for [slow]); jumping 20 minutes ends any task. */
const ENOUGH_MS = 20 * 60_000;

test('submitVideo without frames POSTs text-to-video with exactly the contract fields', async (t) => {
  const { sim, client, log } = await harness(t);
  const result = await client.submitVideo({ prompt: ' a red fox ', model: 'sora2', duration: 8, aspectRatio: '9:16', resolution: '1080p' });

  const request = onlyRequest(sim);
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/api/v1/generation/text-to-video');
  assert.equal(request.headers['x-auth'], KEY);
  assert.match(request.headers['content-type'], /^application\/json/);
  assert.deepEqual(request.body, { prompt: 'a red fox', model: 'sora2', duration: 8, aspect_ratio: '9:16', resolution: '1080p' });
  assert.deepEqual(result, { taskId: [...sim.tasks.keys()][0], operation: 'textToVideo' });
  assert.match(result.taskId, /^[0-9a-f-]{36}$/);
  assert.equal(log.length, 1);
  assert.equal(log[0].operation, 'textToVideo');
  assert.equal(log[0].method, 'POST');
  assert.equal(log[0].path, '/api/v1/generation/text-to-video');
  assert.equal(log[0].status, 200);
  assert.equal(log[0].errorKind, undefined);
  assert.ok(log[0].durationMs >= 0);
});

test('submitVideo fills defaults before sending', async (t) => {
  const { sim, client } = await harness(t);
  await client.submitVideo({ prompt: 'p' });
  assert.deepEqual(onlyRequest(sim).body, { prompt: 'p', model: 'grok', duration: 6, aspect_ratio: '16:9', resolution: '720p' });
});

test('submitVideo with a frame POSTs image-to-video with start_frame / end_frame as given', async (t) => {
  const { sim, client } = await harness(t);
  const png = makePng(4, 4).toString('base64');
  const result = await client.submitVideo({
    prompt: 'zoom in',
    model: 'kling25',
    duration: 10,
    aspectRatio: '1:1',
    resolution: '480p',
    startFrame: { base64: png },
    endFrame: { url: 'https://example.com/end.png' },
  });
  const request = onlyRequest(sim);
  assert.equal(request.path, '/api/v1/generation/image-to-video');
  assert.equal(request.method, 'POST');
  assert.equal(request.headers['x-auth'], KEY);
  assert.deepEqual(request.body, {
    prompt: 'zoom in',
    model: 'kling25',
    duration: 10,
    aspect_ratio: '1:1',
    resolution: '480p',
    start_frame: { base64: png },
    end_frame: { url: 'https://example.com/end.png' },
  });
  assert.equal(result.operation, 'imageToVideo');
  assert.equal(sim.tasks.get(result.taskId)?.kind, 'image-to-video');
});

test('submitVideo with only an end frame is image-to-video too', async (t) => {
  const { sim, client } = await harness(t);
  const result = await client.submitVideo({ prompt: 'p', endFrame: { url: 'https://example.com/e.png' } });
  assert.equal(result.operation, 'imageToVideo');
  const body = onlyRequest(sim).body as Record<string, unknown>;
  assert.deepEqual(body.end_frame, { url: 'https://example.com/e.png' });
  assert.equal('start_frame' in body, false);
});

test('invalid input is refused with InputError and nothing is sent', async (t) => {
  const { sim, client, log } = await harness(t);
  const error = await rejection(client.submitVideo({ prompt: '', model: 'grok', duration: 7 }));
  assert.ok(error instanceof InputError);
  assert.deepEqual(
    error.issues.map((issue) => issue.field),
    ['prompt', 'duration'],
  );
  assert.equal(error.operation, 'textToVideo');
  assert.equal(error.outcomeUnknown, false);
  const imageError = await rejection(client.submitVideo({ prompt: 'p', startFrame: { base64: 'data:image/png;base64,AAAA' } }));
  assert.ok(imageError instanceof InputError);
  assert.equal(imageError.issues[0].field, 'startFrame.base64');
  await rejection(client.submitVideo(null));
  assert.equal(sim.requests.length, 0);
  assert.equal(log.length, 0);
});

test('queryVideoTask GETs task/query?task_id and follows the task to completed with signed URLs', async (t) => {
  const { sim, client, log } = await harness(t);
  const { taskId } = await client.submitVideo({ prompt: 'a cat' });
  const first = await client.queryVideoTask(taskId);
  assert.deepEqual(first, { taskId, status: 'pending', urls: [] });

  const query = sim.requests[1];
  assert.equal(query.method, 'GET');
  assert.equal(query.path, '/api/v1/generation/task/query');
  assert.deepEqual(query.query, { task_id: taskId });
  assert.equal(query.headers['x-auth'], KEY);
  assert.equal(query.rawBody, '');
  assert.equal(log[1].path, `/api/v1/generation/task/query?task_id=${taskId}`);

  sim.advance(ENOUGH_MS);
  const done = await client.queryVideoTask(taskId);
  assert.equal(done.status, 'completed');
  assert.equal(done.taskId, taskId);
  assert.equal(done.urls.length, 1);
  assert.match(done.urls[0], /^http:\/\/127\.0\.0\.1:\d+\/media\/video\/.+\.mp4\?.*Signature=/);
  assert.equal(done.errorMessage, undefined);
  assert.equal(done.moderated, undefined);
});

test('queryVideoTask reports failures, folds "error" into failed, and flags moderation', async (t) => {
  const { sim, client } = await harness(t);
  const failed = await client.submitVideo({ prompt: 'x [fail]' });
  const errored = await client.submitVideo({ prompt: 'x [error]' });
  const sensitive = await client.submitVideo({ prompt: 'x [sensitive]' });
  sim.advance(ENOUGH_MS);

  const failedState = await client.queryVideoTask(failed.taskId);
  assert.equal(failedState.status, 'failed');
  assert.match(failedState.errorMessage ?? '', /generation failed/i);
  assert.equal(failedState.moderated, false);

  const erroredState = await client.queryVideoTask(errored.taskId);
  assert.equal(erroredState.status, 'failed');

  const moderated = await client.queryVideoTask(sensitive.taskId);
  assert.equal(moderated.status, 'failed');
  assert.equal(moderated.moderated, true);
  assert.match(moderated.errorMessage ?? '', /sensitive/);
  assert.deepEqual(moderated.urls, []);
});

test('queryVideoTask for an unknown task is an ApiError with the envelope code and message', async (t) => {
  const { client } = await harness(t);
  const error = await rejection(client.queryVideoTask('nope'));
  assert.ok(error instanceof ApiError);
  assert.equal(error.code, 404);
  assert.equal(error.apiMessage, 'task nope not found');
  assert.equal(error.operation, 'queryTask');
  assert.equal(error.outcomeUnknown, false);
  assert.match(error.message, /^Giggle answered with error code 404 while querying a video task: task nope not found$/);
});

test('queryVideoTask refuses an empty id without sending', async (t) => {
  const { sim, client } = await harness(t);
  assert.ok((await rejection(client.queryVideoTask(''))) instanceof InputError);
  assert.equal(sim.requests.length, 0);
});

test('checkKey makes one cheap GET with the all-zero task id and resolves on a "not found" envelope', async (t) => {
  const { sim, client, log } = await harness(t);
  await client.checkKey();
  const request = onlyRequest(sim);
  assert.equal(request.method, 'GET');
  assert.equal(request.path, '/api/v1/generation/task/query');
  assert.deepEqual(request.query, { task_id: '00000000-0000-0000-0000-000000000000' });
  assert.equal(request.headers['x-auth'], KEY);
  assert.equal(log[0].errorKind, 'api');
});

test('checkKey rejects a wrong key with AuthError', async (t) => {
  const { sim, makeClient } = await harness(t);
  const error = await rejection(makeClient({ getApiKey: () => 'wrong-key-123456' }).checkKey());
  assert.ok(error instanceof AuthError);
  assert.equal(error.httpStatus, 401);
  assert.equal(error.kind, 'auth');
  assert.equal(sim.requests[0].headers['x-auth'], 'wrong-key-123456');
  assert.ok(!error.message.includes('wrong-key-123456'));
});

test('checkKey does not mistake a 5xx for an accepted key', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: '/api/v1/generation/task/query' }, kind: 'status', status: 503, times: 1 });
  const error = await rejection(client.checkKey());
  assert.ok(error instanceof ApiError);
  assert.equal(error.httpStatus, 503);
});

test('the base URL works without a trailing slash too', async (t) => {
  const { sim, makeClient } = await harness(t);
  await makeClient({ baseUrl: sim.url }).submitVideo({ prompt: 'p' });
  assert.equal(onlyRequest(sim).path, '/api/v1/generation/text-to-video');
});

test('the key is read on every request, so a key changed meanwhile is used', async (t) => {
  const { sim, makeClient } = await harness(t);
  let key: string | undefined = KEY;
  const client = makeClient({ getApiKey: async () => key });
  await client.submitVideo({ prompt: 'p' });
  key = 'other-key-000000';
  await rejection(client.queryVideoTask('x'));
  assert.equal(sim.requests[1].headers['x-auth'], 'other-key-000000');
});
