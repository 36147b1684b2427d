import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/v4-mini';
import { MAX_DROPPED_BASE64, MAX_SHORT_TEXT, hostMessageSchema, parseWebviewMessage, webviewMessageSchema } from '../../../src/shared/protocol';

const goodVideo = {
  type: 'submitVideo',
  requestId: 'req-1',
  prompt: 'a cat surfing',
  model: 'grok',
  duration: 6,
  aspectRatio: '16:9',
  resolution: '720p',
  startFrame: { kind: 'file', uri: 'file:///work/sample.png' },
  endFrame: { kind: 'url', url: 'https://example.com/a.png' },
};

const goodMv = {
  type: 'submitMusicVideo',
  requestId: 'req-2',
  name: 'Song',
  aspect: '16:9',
  musicGenerateType: 'custom',
  lyrics: 'la la',
  style: 'pop',
  title: 'T',
  sceneDescription: '',
  subtitleEnabled: false,
  referenceImage: { kind: 'dropped', token: '3b241101-e2bb-4255-8caf-4136c566a962' },
};

test('every well-formed message is accepted', () => {
  const messages = [
    { type: 'ready' },
    { type: 'pickImage', field: 'startFrame', source: 'workspace' },
    { type: 'pickImage', field: 'referenceImage', source: 'dialog' },
    { type: 'dropUris', field: 'endFrame', uris: ['file:///a/b.png'] },
    { type: 'dropFile', field: 'startFrame', name: 'x.png', base64: 'iVBORw0KGgo=' },
    goodVideo,
    { ...goodVideo, startFrame: undefined, endFrame: { kind: 'missing' } },
    { ...goodVideo, startFrame: { kind: 'asset', assetId: 'abc' } },
    goodMv,
    { ...goodMv, musicGenerateType: 'prompt', prompt: 'p', vocalGender: 'auto', instrumental: true, lyrics: undefined },
    { type: 'revealJob', jobId: 'b7d5c3d0-1111-2222-3333-444455556666' },
    { type: 'priceRequest', requestId: 'a1b2c3d4e5f6a1b2c3d4e5f6', model: 'grok', duration: 6, withFrames: false },
    { type: 'priceRequest', requestId: 'p-2', model: 'veo31', duration: 8, withFrames: true },
  ];
  for (const message of messages) {
    const parsed = parseWebviewMessage(message);
    assert.equal(parsed.ok, true, `${JSON.stringify(message).slice(0, 80)}: ${parsed.ok ? '' : parsed.reason}`);
  }
});

test('unknown, untyped and non-object messages are refused', () => {
  for (const raw of [undefined, null, 42, 'ready', [], {}, { type: 'deleteEverything' }, { type: 7 }]) {
    assert.equal(parseWebviewMessage(raw).ok, false, JSON.stringify(raw));
  }
});

test('malformed messages of known types are refused', () => {
  const bad: unknown[] = [
    { type: 'ready', extra: 1 },
    { type: 'pickImage', field: 'elsewhere', source: 'workspace' },
    { type: 'pickImage', field: 'startFrame', source: 'network' },
    { type: 'dropUris', field: 'startFrame', uris: [] },
    { type: 'dropUris', field: 'startFrame', uris: 'file:///a.png' },
    { type: 'dropFile', field: 'startFrame', name: 'x.png', base64: 'A'.repeat(MAX_DROPPED_BASE64 + 4) },
    { ...goodVideo, duration: '6' },
    { ...goodVideo, duration: Number.NaN },
    { ...goodVideo, prompt: 12 },
    { ...goodVideo, requestId: '../../etc' },
    { ...goodVideo, startFrame: { kind: 'file', uri: 'file:///a.png', base64: 'AAAA' } },
    { ...goodVideo, startFrame: { kind: 'shell', command: 'rm' } },
    { ...goodVideo, apiKey: 'leak' },
    { ...goodMv, musicGenerateType: 'remix' },
    { ...goodMv, projectType: 'aimv-60' },
    { ...goodMv, musicGenerateType: 'upload', song: { kind: 'path', path: '/etc/passwd' } },
    { ...goodMv, referenceImage: undefined },
    { ...goodMv, subtitleEnabled: 'yes' },
    { type: 'revealJob', jobId: 'a b' },
    { type: 'priceRequest', model: 'grok', duration: 6, withFrames: false },
    { type: 'priceRequest', requestId: 'p 1', model: 'grok', duration: 6, withFrames: false },
    { type: 'priceRequest', requestId: 'p1', model: 'grok', duration: '6', withFrames: false },
    { type: 'priceRequest', requestId: 'p1', model: 'grok', duration: Number.POSITIVE_INFINITY, withFrames: false },
    { type: 'priceRequest', requestId: 'p1', model: 'grok', duration: 6, withFrames: 'yes' },
    { type: 'priceRequest', requestId: 'p1', model: 'grok', duration: 6 },
    { type: 'priceRequest', requestId: 'p1', model: 'x'.repeat(MAX_SHORT_TEXT + 1), duration: 6, withFrames: false },
    { type: 'priceRequest', requestId: 'p1', model: 'grok', duration: 6, withFrames: false, generateType: 'VideoService.Img2Video' },
    { type: 'priceRequest', requestId: 'p1', model: 'grok', duration: 6, withFrames: false, apiKey: 'leak' },
  ];
  for (const raw of bad) assert.equal(parseWebviewMessage(raw).ok, false, JSON.stringify(raw).slice(0, 120));
});

test('the reason for a refusal names type, path and issue code, never the values', () => {
  const secretPrompt = 'my very private prompt';
  const parsed = parseWebviewMessage({ ...goodVideo, duration: secretPrompt, model: { nested: secretPrompt } });
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.match(parsed.reason, /"submitVideo" message/);
  assert.match(parsed.reason, /duration: invalid_type/);
  assert.doesNotMatch(parsed.reason, /private/);

  const unknown = parseWebviewMessage({ type: `x${secretPrompt}`, payload: secretPrompt });
  assert.equal(unknown.ok, false);
  if (!unknown.ok) {
    assert.equal(unknown.reason, 'message of an unknown type');
    assert.doesNotMatch(unknown.reason, /private/);
  }
});

test('the schema lists one entry per message type', () => {
  const types = webviewMessageSchema.options.map((option) => option.shape.type.value);
  assert.equal(new Set(types).size, types.length);
  assert.deepEqual([...types].sort(), ['dropFile', 'dropUris', 'pickImage', 'pickSong', 'priceRequest', 'ready', 'revealJob', 'submitMusicVideo', 'submitVideo']);
});

test('a price answer carries the request it answers and the credits, or no credits when the price is unknown', () => {
  const ok = (message: unknown) => z.safeParse(hostMessageSchema, message).success;
  assert.equal(ok({ type: 'price', requestId: 'p1', credits: 60 }), true);
  assert.equal(ok({ type: 'price', requestId: 'p1', credits: 12.5 }), true);
  assert.equal(ok({ type: 'price', requestId: 'p1' }), true, 'unknown');
  assert.equal(ok({ type: 'price', credits: 60 }), false, 'no requestId');
  assert.equal(ok({ type: 'price', requestId: 'p1', credits: '60' }), false);
  assert.equal(ok({ type: 'price', requestId: '../x', credits: 60 }), false);
});
