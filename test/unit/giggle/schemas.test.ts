import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCode } from '../../../src/giggle/envelopeCode';
import {
  createProjectDataSchema,
  envelopeSchema,
  envelopeText,
  mvProjectDataSchema,
  normalizeCode,
  normalizeVideoStatus,
  parseReply,
  payDataSchema,
  presignDataSchema,
  priceDataSchema,
  registerDataSchema,
  submitVideoDataSchema,
  videoTaskDataSchema,
} from '../../../src/giggle/schemas';

test('envelope: code as a number or a numeric string; msg or message', () => {
  const numeric = parseReply(envelopeSchema, { code: 200, msg: 'success', uuid: 'u', data: { a: 1 } }, '');
  assert.ok(numeric.ok);
  assert.equal(numeric.value.code, 200);
  const text = parseReply(envelopeSchema, { code: '200', message: 'ok', data: null }, '');
  assert.ok(text.ok);
  assert.equal(normalizeCode(text.value.code), 200);
  assert.equal(envelopeText(text.value), 'ok');
  assert.equal(envelopeText({ msg: 'from msg', message: 'from message' }), 'from msg');
  assert.equal(envelopeText({ msg: '', message: 'fallback' }), 'fallback');
  assert.equal(envelopeText({}), '');
});

test('envelope: success is 200 or 0, as number or string', () => {
  for (const code of [200, '200', 0, '0', ' 200 ']) assert.equal(readCode(code) === 'success', true, String(code));
  for (const code of [201, '40001', 500, '404', -1]) assert.equal(readCode(code) === 'success', false, String(code));
  assert.equal(normalizeCode('40001'), 40001);
  assert.equal(normalizeCode('E_BAD'), 'E_BAD');
});

test('envelope: a missing or non-text code is named', () => {
  assert.deepEqual(parseReply(envelopeSchema, { msg: 'x', data: {} }, ''), { ok: false, detail: 'code is missing' });
  assert.deepEqual(parseReply(envelopeSchema, { code: true, data: {} }, ''), {
    ok: false,
    detail: 'code is invalid (expected a number or a numeric string)',
  });
  assert.equal(parseReply(envelopeSchema, { code: '', data: {} }, '').ok, false);
  // An undocumented non-numeric code is kept (and is not a success code).
  const word = parseReply(envelopeSchema, { code: 'E_BUSY', msg: 'busy' }, '');
  assert.ok(word.ok);
  assert.equal(readCode(word.value.code) === 'success', false);
  assert.deepEqual(parseReply(envelopeSchema, [1, 2], ''), { ok: false, detail: 'reply should be a object, not array' });
});

test('envelope: unknown extra fields are kept, not rejected', () => {
  const result = parseReply(envelopeSchema, { code: 200, msg: 's', data: {}, trace_id: 't', extra: { nested: true } }, '');
  assert.ok(result.ok);
  assert.equal((result.value as Record<string, unknown>).trace_id, 't');
});

test('submit data: task_id required and named when missing', () => {
  assert.deepEqual(parseReply(submitVideoDataSchema, { task_id: 'abc', queue: 3 }, 'data'), { ok: true, value: { taskId: 'abc' } });
  assert.deepEqual(parseReply(submitVideoDataSchema, {}, 'data'), { ok: false, detail: 'data.task_id is missing' });
  assert.deepEqual(parseReply(submitVideoDataSchema, { task_id: null }, 'data'), { ok: false, detail: 'data.task_id is null' });
  assert.deepEqual(parseReply(submitVideoDataSchema, null, 'data'), { ok: false, detail: 'data is null' });
  assert.equal(parseReply(submitVideoDataSchema, { task_id: '' }, 'data').ok, false);
});

test('video status: the four documented values, error folded into failed, unknown read as processing', () => {
  assert.equal(normalizeVideoStatus('pending'), 'pending');
  assert.equal(normalizeVideoStatus('processing'), 'processing');
  assert.equal(normalizeVideoStatus('completed'), 'completed');
  assert.equal(normalizeVideoStatus('failed'), 'failed');
  assert.equal(normalizeVideoStatus('error'), 'failed');
  assert.equal(normalizeVideoStatus('COMPLETED'), 'completed');
  assert.equal(normalizeVideoStatus('queued'), 'processing');
  assert.equal(normalizeVideoStatus(''), 'processing');
});

test('video task data: urls, err_msg and moderation; nulls tolerated', () => {
  assert.deepEqual(parseReply(videoTaskDataSchema, { task_id: 't', status: 'completed', urls: ['https://a', ''], err_msg: '', model: 'grok' }, 'data'), {
    ok: true,
    value: { taskId: 't', status: 'completed', urls: ['https://a'] },
  });
  assert.deepEqual(parseReply(videoTaskDataSchema, { status: 'error', urls: null, err_msg: 'Prompt has SENSITIVE words' }, 'data'), {
    ok: true,
    value: { taskId: undefined, status: 'failed', urls: [], errorMessage: 'Prompt has SENSITIVE words', moderated: true },
  });
  assert.deepEqual(parseReply(videoTaskDataSchema, { status: 'failed', err_msg: 'no output' }, 'data'), {
    ok: true,
    value: { taskId: undefined, status: 'failed', urls: [], errorMessage: 'no output', moderated: false },
  });
  assert.deepEqual(parseReply(videoTaskDataSchema, { task_id: 't' }, 'data'), { ok: false, detail: 'data.status is missing' });
  assert.deepEqual(parseReply(videoTaskDataSchema, { status: 'completed', urls: 'https://a' }, 'data'), {
    ok: false,
    detail: 'data.urls should be a list, not string',
  });
});

const MV_REPLY = {
  project_id: 'p1',
  name: 'song',
  status: 'processing',
  current_step: 'shot',
  completed_steps: 'music-generate, storyboard,',
  pay_status: 'paid',
  err_msg: null,
  shot_count: '6',
  steps: [
    { step: 'music-generate', status: 'completed', error: '', sub_steps: [{ step: 'lyrics', status: 'completed', error: null, eta: 1 }] },
    { step: 'shot', status: 'processing', sub_steps: null },
  ],
  video_asset: { asset_id: 'v1', download_url: '', signed_url: 'https://s', thumbnail_url: null, duration: 30, codec: 'h264' },
  future_field: { anything: true },
};

test('mv project data: maps steps, sub-steps, completed_steps and video_asset; lenient with nulls', () => {
  assert.deepEqual(parseReply(mvProjectDataSchema, MV_REPLY, 'data'), {
    ok: true,
    value: {
      projectId: 'p1',
      status: 'processing',
      currentStep: 'shot',
      completedSteps: ['music-generate', 'storyboard'],
      payStatus: 'paid',
      shotCount: 6,
      steps: [
        { step: 'music-generate', status: 'completed', subSteps: [{ step: 'lyrics', status: 'completed' }] },
        { step: 'shot', status: 'processing', subSteps: [] },
      ],
      videoAsset: { assetId: 'v1', signedUrl: 'https://s', duration: 30 },
    },
  });
});

test('mv project data: an all-empty video_asset means no video yet; failures keep err_msg', () => {
  const result = parseReply(
    mvProjectDataSchema,
    {
      project_id: 'p1',
      status: 'failed',
      completed_steps: '',
      err_msg: 'storyboard failed',
      steps: [{ step: 'storyboard', status: 'failed', error: 'boom', sub_steps: [{ step: 'script', status: 'failed', error: 'boom' }] }],
      video_asset: { asset_id: '', download_url: '', signed_url: '', thumbnail_url: '', duration: 0 },
    },
    'data',
  );
  assert.deepEqual(result, {
    ok: true,
    value: {
      projectId: 'p1',
      status: 'failed',
      completedSteps: [],
      errorMessage: 'storyboard failed',
      steps: [{ step: 'storyboard', status: 'failed', error: 'boom', subSteps: [{ step: 'script', status: 'failed', error: 'boom' }] }],
    },
  });
});

test('mv project data: a list of completed steps is accepted; missing status and bad nested fields are named', () => {
  const list = parseReply(mvProjectDataSchema, { status: 'completed', completed_steps: ['a', 'b'] }, 'data');
  assert.ok(list.ok);
  assert.deepEqual(list.value.completedSteps, ['a', 'b']);
  assert.deepEqual(parseReply(mvProjectDataSchema, { project_id: 'p' }, 'data'), { ok: false, detail: 'data.status is missing' });
  assert.deepEqual(parseReply(mvProjectDataSchema, { status: 'x', steps: [{ step: 's', sub_steps: 'none' }] }, 'data'), {
    ok: false,
    detail: 'data.steps[0].sub_steps should be a list, not string',
  });
  assert.deepEqual(parseReply(mvProjectDataSchema, { status: 'x', video_asset: { duration: 'long' } }, 'data'), {
    ok: false,
    detail: 'data.video_asset.duration is invalid (expected a number)',
  });
});

test('create, pay, presign, register and price data', () => {
  assert.deepEqual(parseReply(createProjectDataSchema, { project_id: 'p9' }, 'data'), { ok: true, value: { projectId: 'p9' } });
  assert.deepEqual(parseReply(createProjectDataSchema, { id: 'p9' }, 'data'), { ok: false, detail: 'data.project_id is missing' });
  assert.deepEqual(parseReply(payDataSchema, { order_id: 'o1', price: 580 }, 'data'), { ok: true, value: { orderId: 'o1', price: 580 } });
  assert.deepEqual(parseReply(payDataSchema, { order_id: 77, price: null }, 'data'), { ok: true, value: { orderId: '77' } });
  assert.deepEqual(parseReply(payDataSchema, { price: 1 }, 'data'), { ok: false, detail: 'data.order_id is missing' });
  assert.deepEqual(parseReply(presignDataSchema, { object_key: 'k', signed_url: 'https://s' }, 'data'), {
    ok: true,
    value: { objectKey: 'k', signedUrl: 'https://s' },
  });
  assert.deepEqual(parseReply(presignDataSchema, { object_key: 'k' }, 'data'), { ok: false, detail: 'data.signed_url is missing' });
  assert.deepEqual(parseReply(registerDataSchema, { asset_id: 'a1', name: 'n', type: 'image', file_url: 'https://f' }, 'data'), {
    ok: true,
    value: { assetId: 'a1', name: 'n', type: 'image', fileUrl: 'https://f' },
  });
  assert.deepEqual(parseReply(registerDataSchema, { name: 'n' }, 'data'), { ok: false, detail: 'data.asset_id is missing' });
  assert.deepEqual(parseReply(priceDataSchema, { price: '12.5' }, 'data'), { ok: true, value: 12.5 });
  assert.deepEqual(parseReply(priceDataSchema, {}, 'data'), { ok: false, detail: 'data.price is missing' });
});
