/**
 * One validation per submission: below the submission path, the job step and
 * the client trust a request marked as checked and still check any other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GiggleClient } from '../../../src/giggle/client';
import { markChecked, validateOnce } from '../../../src/giggle/checked';
import { validateVideoRequest } from '../../../src/giggle/validation';
import { InputError } from '../../../src/giggle/errors';
import type { VideoRequest } from '../../../src/giggle/types';
import { apiFrame, frameSource, inlineFrame } from '../../../src/submission/frame';
import { checkVideoSubmission } from '../../../src/submission/video';

/** Not a request anyone could send: an empty prompt. Only a checked mark would let it through. */
const UNSENDABLE = { prompt: '', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' } as VideoRequest;

function recordingClient() {
  const bodies: unknown[] = [];
  const fetch = (async (_url: string, init: { body: string }) => {
    bodies.push(JSON.parse(init.body));
    return new Response(JSON.stringify({ code: 200, msg: 'success', data: { task_id: 'task-1' } }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as ConstructorParameters<typeof GiggleClient>[0]['fetch'];
  return { bodies, client: new GiggleClient({ baseUrl: 'http://127.0.0.1:9', getApiKey: () => 'gk-test-key-123456', fetch }) };
}

test('the client sends a checked request without checking it again, and still refuses an unchecked one', async () => {
  const { bodies, client } = recordingClient();
  await client.submitVideo(markChecked({ ...UNSENDABLE }));
  assert.equal(bodies.length, 1, 'the checked request was sent as is');
  await assert.rejects(client.submitVideo({ ...UNSENDABLE }), InputError);
  assert.equal(bodies.length, 1, 'the unchecked copy was refused before sending');
});

test('a copy of a checked request is not checked: changing a request means checking it again', () => {
  const checked = markChecked({ ...UNSENDABLE });
  assert.equal(JSON.stringify(checked), JSON.stringify(UNSENDABLE), 'the mark leaves the JSON alone');
  assert.ok(validateOnce(checked, validateVideoRequest).ok, 'the checked request passes as is');
  assert.ok(!validateOnce({ ...checked }, validateVideoRequest).ok, 'a spread copy is validated again');
});

test('bytes a script gave are checked with the request; bytes read from a file were checked when read', () => {
  const script = checkVideoSubmission({ prompt: 'p', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p', startFrame: inlineFrame('bm90IGFuIGltYWdl') });
  assert.ok(!script.ok);
  assert.equal(script.issues[0].field, 'startFrame.base64');
  const file = { kind: 'bytes', base64: 'AAAA', byteLength: 3, origin: { kind: 'file', uri: 'file:///a.png' } } as const;
  const fromFile = checkVideoSubmission({ prompt: 'p', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p', startFrame: file });
  assert.ok(fromFile.ok, 'not checked a second time');
  assert.deepEqual(apiFrame(file), { base64: 'AAAA' });
  assert.deepEqual(frameSource(file), { kind: 'file', path: 'file:///a.png', bytes: 3 }, 'the job record names the file, never the bytes');
});
