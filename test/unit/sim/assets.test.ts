import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../sim/simulator';
import { MV_PROMPT_BODY, PNG_BASE64, createMv, post, simFor } from './helpers';

const PNG = Buffer.from(PNG_BASE64, 'base64');

async function presign(sim: Simulator, fileName = 'cat photo.png', contentType = 'image/png') {
  const { json } = await post(sim, '/api/v1/asset/get-presigned-url', { file_name: fileName, content_type: contentType, is_public: true });
  assert.equal(json.code, 200, json.msg);
  return json.data as { object_key: string; signed_url: string };
}

test('presign → PUT → register yields an asset id usable as a frame and as an MV reference image', async (t) => {
  const sim = await simFor(t);
  const { object_key, signed_url } = await presign(sim);
  assert.ok(signed_url.startsWith(`${sim.url}/upload/${object_key}?`));
  assert.match(signed_url, /Signature=/);

  const put = await fetch(signed_url, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: PNG });
  assert.equal(put.status, 200);
  assert.ok(put.headers.get('etag'));

  const registered = await post(sim, '/api/v1/asset/register', { object_key, name: 'cat' });
  assert.equal(registered.json.code, 200);
  const { asset_id, name, type, file_url } = registered.json.data;
  assert.match(asset_id, /^[a-z0-9]{10}$/);
  assert.deepEqual([name, type], ['cat', 'image']);
  const file = await fetch(file_url);
  assert.equal(file.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), PNG);

  const video = await post(sim, '/api/v1/generation/image-to-video', {
    prompt: 'p', model: 'grok', duration: 6, start_frame: { asset_id },
  });
  assert.equal(video.json.code, 200, video.json.msg);
  const projectId = await createMv(sim);
  const { reference_image_url: _omit, ...body } = MV_PROMPT_BODY;
  const mv = await post(sim, '/api/v1/trustee_mode/mv/submit', { project_id: projectId, ...body, reference_image: asset_id });
  assert.equal(mv.json.code, 200, mv.json.msg);

  // The upload is recorded (binary body: size, not text); x-auth is not needed there.
  const upload = sim.requests.find((request) => request.method === 'PUT');
  assert.ok(upload);
  assert.equal(upload.size, PNG.length);
  assert.equal(upload.rawBody, '');
});

test('uploads check the Content-Type and the signature; register needs an uploaded object', async (t) => {
  const sim = await simFor(t);
  const { object_key, signed_url } = await presign(sim);
  const wrongType = await fetch(signed_url, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: PNG });
  assert.equal(wrongType.status, 403);
  assert.match(await wrongType.text(), /SignatureDoesNotMatch/);
  const tampered = await fetch(signed_url.replace(/Signature=.{4}/, 'Signature=AAAA'), {
    method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: PNG,
  });
  assert.equal(tampered.status, 403);
  const notUploaded = await post(sim, '/api/v1/asset/register', { object_key, name: 'x' });
  assert.equal(notUploaded.json.code, 40009);
  assert.match(notUploaded.json.msg, /not been uploaded/);
  const unknown = await post(sim, '/api/v1/asset/register', { object_key: 'uploads/nope', name: 'x' });
  assert.equal(unknown.json.code, 404);
  const badPresign = await post(sim, '/api/v1/asset/get-presigned-url', { file_name: 'a.png' });
  assert.deepEqual([badPresign.json.code, badPresign.json.msg], [40001, 'content_type is required']);
});

test('presigned upload links expire', async (t) => {
  const sim = await simFor(t, { signedUrlTtlMs: 10_000 });
  const { signed_url } = await presign(sim);
  sim.advance(11_000);
  const res = await fetch(signed_url, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: PNG });
  assert.equal(res.status, 403);
  assert.match(await res.text(), /expired/);
});

test('POST /__sim/forget-assets: Giggle no longer knows the asset, and the submission naming it is refused, creating nothing', async (t) => {
  const sim = await simFor(t);
  const { object_key, signed_url } = await presign(sim);
  await fetch(signed_url, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: PNG });
  const { asset_id } = (await post(sim, '/api/v1/asset/register', { object_key, name: 'cat' })).json.data as { asset_id: string };

  const control = await fetch(`${sim.url}/__sim/forget-assets`, { method: 'POST' });
  assert.deepEqual(await control.json(), { ok: true, forgotten: 1 });

  const tasksBefore = sim.tasks.size;
  const video = await post(sim, '/api/v1/generation/image-to-video', { prompt: 'p', model: 'grok', duration: 6, start_frame: { asset_id } });
  assert.equal(video.json.code, 40001);
  assert.equal(video.json.msg, `start_frame.asset_id ${asset_id} not found`);
  assert.equal(sim.tasks.size, tasksBefore, 'no task was created');
});

test('upload mode needs music_asset_id to name a registered audio asset', async (t) => {
  const sim = await simFor(t);
  const register = async (fileName: string, contentType: string, bytes: Buffer) => {
    const { object_key, signed_url } = await presign(sim, fileName, contentType);
    await fetch(signed_url, { method: 'PUT', headers: { 'Content-Type': contentType }, body: bytes });
    return (await post(sim, '/api/v1/asset/register', { object_key })).json.data.asset_id as string;
  };
  const song = await register('song.mp3', 'audio/mpeg', Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00'));
  const image = await register('cat.png', 'image/png', PNG);
  const { prompt: _p, vocal_gender: _g, instrumental: _i, ...common } = MV_PROMPT_BODY as Record<string, unknown>;
  const submit = async (music: unknown) =>
    (await post(sim, '/api/v1/trustee_mode/mv/submit', { project_id: await createMv(sim), ...common, music_generate_type: 'upload', music_asset_id: music })).json;
  assert.equal((await submit(song)).code, 200);
  assert.match((await submit(image)).msg, /is image, not audio/);
  assert.match((await submit('nope123456')).msg, /not found/);
  assert.match((await submit(undefined)).msg, /music_asset_id/);
});
