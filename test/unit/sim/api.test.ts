import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, PNG_BASE64, call, get, post, simFor } from './helpers';

const T2V = '/api/v1/generation/text-to-video';
const I2V = '/api/v1/generation/image-to-video';

test('every /api route needs a known x-auth key: HTTP 401 with a 401 envelope', async (t) => {
  const sim = await simFor(t);
  for (const [method, path] of [
    ['POST', T2V],
    ['GET', '/api/v1/generation/task/query?task_id=x'],
    ['POST', '/api/v1/trustee_mode/mv/pay'],
    ['GET', '/api/v1/nope'],
  ] as const) {
    const missing = await call(sim, method, path, method === 'POST' ? {} : undefined, null);
    assert.equal(missing.status, 401, path);
    assert.equal(missing.json.code, 401);
    assert.match(missing.json.msg, /x-auth/);
    const wrong = await call(sim, method, path, method === 'POST' ? {} : undefined, 'wrong-key');
    assert.equal(wrong.status, 401);
    assert.deepEqual([wrong.json.code, wrong.json.msg], [401, 'invalid API key']);
  }
});

test('a success is the envelope {code: 200 (a number), msg: "success", uuid, data}', async (t) => {
  const sim = await simFor(t);
  const { status, json, headers } = await post(sim, T2V, { prompt: 'a cat', model: 'grok', duration: 6 });
  assert.equal(status, 200);
  assert.match(headers.get('content-type') ?? '', /application\/json/);
  assert.equal(json.code, 200);
  assert.equal(json.msg, 'success');
  assert.match(json.uuid, /^[0-9a-f-]{36}$/);
  assert.match(json.data.task_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the default key is sim-demo-key', async (t) => {
  const sim = await simFor(t, { apiKeys: undefined });
  assert.equal((await call(sim, 'GET', '/api/v1/generation/task/query?task_id=x', undefined, 'sim-demo-key')).status, 200);
  assert.equal((await call(sim, 'GET', '/api/v1/generation/task/query?task_id=x', undefined, KEY)).status, 401);
});

test('video bodies are validated like the real API: HTTP 200, code 40001, a specific msg', async (t) => {
  const sim = await simFor(t);
  const base = { prompt: 'a cat', model: 'grok', duration: 6 };
  const cases: [string, Record<string, unknown>, RegExp | string][] = [
    [T2V, { ...base, model: 'grok9' }, 'model grok9 is not supported'],
    [T2V, { ...base, duration: 7 }, 'duration 7 is not supported by model grok (allowed: 6, 10)'],
    [T2V, { ...base, model: 'wan25', duration: 0 }, 'duration 0 is not supported by model wan25 (allowed: 5, 10)'],
    [T2V, { ...base, duration: '6' }, 'duration must be a number'],
    [T2V, { ...base, aspect_ratio: '21:9' }, /aspect_ratio 21:9 is not supported/],
    [T2V, { ...base, resolution: '4k' }, /resolution 4k is not supported \(allowed: 480p, 720p, 1080p\)/],
    [T2V, { model: 'grok', duration: 6 }, 'prompt is required'],
    [I2V, base, 'image-to-video needs start_frame or end_frame'],
    [I2V, { ...base, start_frame: {} }, /exactly one of asset_id, url, base64/],
    [I2V, { ...base, start_frame: { url: 'https://x/a.jpg', base64: PNG_BASE64 } }, /start_frame must have exactly one/],
    [I2V, { ...base, end_frame: { path: '/tmp/a.png' } }, /end_frame must have exactly one/],
    [I2V, { ...base, start_frame: { url: 'file:///tmp/a.png' } }, 'start_frame.url must be an http(s) URL'],
    [I2V, { ...base, start_frame: { base64: `data:image/png;base64,${PNG_BASE64}` } }, /without a data: prefix/],
    [I2V, { ...base, start_frame: { base64: 'aGVsbG8gd29ybGQ=' } }, /not a supported image/],
    [I2V, { ...base, start_frame: { asset_id: 'lkllv0yv81' } }, 'start_frame.asset_id lkllv0yv81 not found'],
  ];
  for (const [path, body, msg] of cases) {
    const { status, json } = await post(sim, path, body);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(json.code, 40001, JSON.stringify(body));
    if (typeof msg === 'string') assert.equal(json.msg, msg);
    else assert.match(json.msg, msg);
  }
  assert.equal(sim.tasks.size, 0);
});

test('valid image-to-video bodies with url, base64 and two frames are accepted; defaults apply', async (t) => {
  const sim = await simFor(t);
  const base = { prompt: 'turns around', model: 'veo31', duration: 8 };
  for (const frames of [
    { start_frame: { url: 'https://example.com/a.jpg' } },
    { end_frame: { base64: PNG_BASE64 } },
    { start_frame: { base64: PNG_BASE64 }, end_frame: { url: 'https://example.com/b.jpg' } },
  ]) {
    const { json } = await post(sim, I2V, { ...base, ...frames });
    assert.equal(json.code, 200, json.msg);
    const task = sim.tasks.get(json.data.task_id);
    assert.equal(task?.kind, 'image-to-video');
    assert.equal(task?.aspectRatio, '16:9');
    assert.equal(task?.resolution, '720p');
  }
});

test('unknown task or project ids answer a 404 envelope with HTTP 200, never 401', async (t) => {
  const sim = await simFor(t);
  const task = await get(sim, '/api/v1/generation/task/query?task_id=00000000-0000-4000-8000-000000000000');
  assert.equal(task.status, 200);
  assert.equal(task.json.code, 404);
  assert.match(task.json.msg, /not found/);
  const mv = await get(sim, '/api/v1/trustee_mode/mv/query?project_id=nope');
  assert.deepEqual([mv.status, mv.json.code], [200, 404]);
  const missing = await get(sim, '/api/v1/generation/task/query');
  assert.deepEqual([missing.json.code, missing.json.msg], [40001, 'task_id is required']);
});

test('unknown routes, wrong methods, non-JSON bodies and oversized bodies are refused', async (t) => {
  const sim = await simFor(t, { maxBodyBytes: 1024 });
  const unknown = await get(sim, '/api/v1/nope');
  assert.deepEqual([unknown.status, unknown.json.code], [404, 404]);
  const wrongMethod = await get(sim, '/api/v1/generation/text-to-video');
  assert.equal(wrongMethod.status, 405);
  const text = await fetch(sim.url + T2V, { method: 'POST', headers: { 'x-auth': KEY }, body: '{"prompt":"x"}' });
  assert.equal(text.status, 415);
  const broken = await fetch(sim.url + T2V, { method: 'POST', headers: { 'x-auth': KEY, 'content-type': 'application/json' }, body: '{"prompt":' });
  assert.equal(broken.status, 400);
  assert.equal(((await broken.json()) as { code: number }).code, 400);
  const big = await post(sim, T2V, { prompt: 'x'.repeat(2000), model: 'grok', duration: 6 });
  assert.equal(big.status, 413);
  assert.equal(big.json.code, 413);
});

test('JSON bodies up to about 15 MB are accepted by default (base64 frames)', async (t) => {
  const sim = await simFor(t);
  const padding = 'A'.repeat(14 * 1024 * 1024);
  const ok = await post(sim, I2V, { prompt: 'p', model: 'grok', duration: 6, start_frame: { base64: PNG_BASE64 }, note: padding });
  assert.equal(ok.json.code, 200, ok.json.msg);
  const tooBig = await post(sim, I2V, { prompt: 'p', model: 'grok', duration: 6, start_frame: { base64: PNG_BASE64 }, note: padding + padding });
  assert.equal(tooBig.status, 413);
  assert.equal(tooBig.json.code, 413);
});

test('model-price answers a deterministic price per model and duration', async (t) => {
  const sim = await simFor(t);
  const price = (body: Record<string, unknown>) => post(sim, '/api/v1/payment/model-price', body);
  const a = await price({ model: 'sora2', generate_type: 'VideoService.Img2Video', duration: 8 });
  assert.equal(a.json.code, 200);
  assert.equal(typeof a.json.data.price, 'number');
  assert.ok(a.json.data.price > 0);
  const again = await price({ model: 'sora2', generate_type: 'VideoService.Img2Video', duration: 8 });
  assert.equal(again.json.data.price, a.json.data.price);
  const shorter = await price({ model: 'sora2', generate_type: 'VideoService.Img2Video', duration: 4 });
  assert.equal(shorter.json.data.price * 2, a.json.data.price);
  const unknown = await price({ model: 'nope', generate_type: 'VideoService.Img2Video', duration: 8 });
  assert.deepEqual([unknown.status, unknown.json.code, unknown.json.msg], [200, 40001, 'model nope is not supported']);
  const badDuration = await price({ model: 'sora2', generate_type: 'VideoService.Img2Video', duration: 5 });
  assert.equal(badDuration.json.code, 40001);
});
