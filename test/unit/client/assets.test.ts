import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, InputError, MalformedReplyError } from '../../../src/giggle/errors';
import { creditsPerSecond } from '../../../sim/pricing';
import { makePng } from '../giggle/imageFixtures';
import { KEY, harness, rejection } from './harness';

const PNG = makePng(8, 8);

test('uploadAsset: presign, PUT to the signed URL without x-auth, register; the asset works as a frame', async (t) => {
  const { sim, client, log } = await harness(t);
  const asset = await client.uploadAsset({ fileName: 'cat photo.png', contentType: 'image/png', bytes: PNG });

  assert.equal(sim.requests.length, 3);
  const [presign, put, register] = sim.requests;
  assert.equal(presign.method, 'POST');
  assert.equal(presign.path, '/api/v1/asset/get-presigned-url');
  assert.equal(presign.headers['x-auth'], KEY);
  assert.match(presign.headers['content-type'], /^application\/json/);
  assert.deepEqual(presign.body, { file_name: 'cat photo.png', content_type: 'image/png', is_public: true });

  assert.equal(put.method, 'PUT');
  assert.match(put.path, /^\/upload\/uploads\/.+\/cat_photo\.png$/);
  assert.equal(put.headers['content-type'], 'image/png');
  assert.equal(put.headers['x-auth'], undefined, 'the API key must not go to the storage URL');
  assert.equal(put.size, PNG.length);
  assert.ok(put.query.Signature, 'the signed query reached the server');

  assert.equal(register.method, 'POST');
  assert.equal(register.path, '/api/v1/asset/register');
  assert.equal(register.headers['x-auth'], KEY);
  const objectKey = put.path.slice('/upload/'.length);
  assert.deepEqual(register.body, { object_key: objectKey, name: 'cat photo.png' });

  assert.equal(asset.name, 'cat photo.png');
  assert.equal(asset.type, 'image');
  assert.match(asset.fileUrl ?? '', /Signature=/);
  assert.deepEqual(sim.assets.get(asset.assetId)?.bytes, PNG);

  assert.deepEqual(
    log.map((e) => [e.operation, e.method, e.status]),
    [
      ['presignAsset', 'POST', 200],
      ['uploadAsset', 'PUT', 200],
      ['registerAsset', 'POST', 200],
    ],
  );
  // The PUT is logged by path only: its query is a credential.
  assert.equal(log[1].path, put.path);

  const { taskId } = await client.submitVideo({ prompt: 'p', startFrame: { asset_id: asset.assetId } });
  assert.deepEqual(sim.tasks.get(taskId)?.startFrame, { asset_id: asset.assetId });
});

test('uploadAsset: a storage refusal (403) is an ApiError, not an AuthError, and nothing is registered', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { method: 'PUT', path: '/upload/*' }, kind: 'status', status: 403, times: 1 });
  const error = await rejection(client.uploadAsset({ fileName: 'a.png', contentType: 'image/png', bytes: PNG }));
  assert.ok(error instanceof ApiError);
  assert.equal(error.kind, 'api');
  assert.equal(error.operation, 'uploadAsset');
  assert.equal(error.httpStatus, 403);
  assert.equal(error.code, 403);
  assert.ok(!error.message.includes('Signature'), 'no signed URL in the message');
  assert.deepEqual(sim.requests.map((r) => r.path.split('/')[1] === 'upload' ? 'PUT upload' : r.path), ['/api/v1/asset/get-presigned-url', 'PUT upload']);
});

test('uploadAsset: a presign reply without signed_url is a MalformedReplyError naming the field', async (t) => {
  const { sim, client } = await harness(t);
  sim.addFault({ match: { path: '/api/v1/asset/get-presigned-url' }, kind: 'missingField', field: 'signed_url', times: 1 });
  const error = await rejection(client.uploadAsset({ fileName: 'a.png', contentType: 'image/png', bytes: PNG }));
  assert.ok(error instanceof MalformedReplyError);
  assert.equal(error.detail, 'data.signed_url is missing');
  assert.equal(error.operation, 'presignAsset');
  assert.equal(sim.requests.length, 1);
});

test('uploadAsset: an upload link that is not https (file:, vscode:, plain http elsewhere) gets no image', async (t) => {
  const { sim, client } = await harness(t);
  for (const url of ['file:///tmp/giggle-upload.png', 'vscode://giggle-community.giggle-video/x', 'http://storage.example/u?Signature=s']) {
    sim.addFault({ match: { path: '/api/v1/asset/get-presigned-url' }, kind: 'patchData', data: { signed_url: url }, times: 1 });
    const before = sim.requests.length;
    const error = await rejection(client.uploadAsset({ fileName: 'a.png', contentType: 'image/png', bytes: PNG }));
    assert.ok(error instanceof MalformedReplyError, url);
    assert.equal(error.detail, 'data.signed_url is not an https URL');
    assert.ok(!error.message.includes('Signature'), 'the link is not in the message');
    assert.equal(sim.requests.length, before + 1, 'only the presign call: nothing was PUT');
  }
});

test('uploadAsset validates its input before sending', async (t) => {
  const { sim, client } = await harness(t);
  const error = await rejection(client.uploadAsset({ fileName: ' ', contentType: 'png', bytes: new Uint8Array() }));
  assert.ok(error instanceof InputError);
  assert.deepEqual(error.issues.map((i) => i.field), ['fileName', 'contentType', 'bytes']);
  assert.equal(sim.requests.length, 0);
});

test('getModelPrice POSTs {model, generate_type, duration} and returns the credits', async (t) => {
  const { sim, client } = await harness(t);
  const price = await client.getModelPrice({ model: 'veo31', generateType: 'VideoService.Img2Video', duration: 8 });
  assert.equal(price, creditsPerSecond('veo31') * 8);
  const [request] = sim.requests;
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/api/v1/payment/model-price');
  assert.equal(request.headers['x-auth'], KEY);
  assert.deepEqual(request.body, { model: 'veo31', generate_type: 'VideoService.Img2Video', duration: 8 });
});

test('getModelPrice turns every failure into undefined (price unknown never blocks)', async (t) => {
  const { sim, client, makeClient } = await harness(t, { client: { timeoutMs: 300 } });
  assert.equal(await client.getModelPrice({ model: 'nope', generateType: 'VideoService.Txt2Video', duration: 6 }), undefined);
  sim.addFault({ match: { path: '/api/v1/payment/model-price' }, kind: 'status', status: 500, times: 1 });
  assert.equal(await client.getModelPrice({ model: 'grok', generateType: 'VideoService.Txt2Video', duration: 6 }), undefined);
  sim.addFault({ match: { path: '/api/v1/payment/model-price' }, kind: 'hang', times: 1 });
  assert.equal(await client.getModelPrice({ model: 'grok', generateType: 'VideoService.Txt2Video', duration: 6 }), undefined);
  const sent = sim.requests.length;
  assert.equal(await makeClient({ getApiKey: () => undefined }).getModelPrice({ model: 'grok', generateType: 'x', duration: 6 }), undefined);
  assert.equal(sim.requests.length, sent, 'a missing key sends nothing');
});
