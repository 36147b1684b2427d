/**
 * A prompt file's problems, each where the user would look for it: syntax
 * (no front matter, not closed, bad YAML, a key given twice), then the
 * submission's own rules placed on the key or value they concern, with the
 * quick fixes that are obvious; and what a clean file would submit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameFromImageBytes } from '../../../src/giggle/frames';
import { checkPromptFile } from '../../../src/promptFile/check';
import type { PromptFileEnv } from '../../../src/promptFile/check';
import { parsePromptFile } from '../../../src/promptFile/parse';
import type { SongFile } from '../../../src/platform/songFile';
import { makePng } from '../giggle/imageFixtures';

const PNG = new Uint8Array(makePng(4, 3));

function env(files: Record<string, Uint8Array> = { 'frames/first.png': PNG }): PromptFileEnv & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    fileName: 'opening.giggle.md',
    defaults: { model: 'grok', aspectRatio: '16:9', resolution: '720p', mvAspect: '16:9' },
    readImage: async (path, field) => {
      reads.push(path);
      const bytes = files[path];
      if (!bytes) return { ok: false, issues: [{ field, message: `Could not read ${path}: not found` }] };
      const checked = frameFromImageBytes(bytes);
      if (!checked.ok) return { ok: false, issues: checked.issues.map((issue) => ({ field, message: `${path}: ${issue.message}` })) };
      return { ok: true, value: { kind: 'bytes', base64: checked.value.base64, byteLength: bytes.byteLength, origin: { kind: 'file', uri: `file:///work/${path}` } } };
    },
    readSong: async (path) => {
      reads.push(path);
      return { ok: true, value: { uri: { toString: () => `file:///work/${path}` }, bytes: new Uint8Array([0xff, 0xfb]), contentType: 'audio/mpeg' } as unknown as SongFile };
    },
  };
}

const check = (text: string, environment = env()) => checkPromptFile(parsePromptFile(text), environment);
const lines = (...all: string[]) => all.join('\n');

test('a clean video file submits exactly its fields, the body as the prompt, its frame read once', async () => {
  const environment = env();
  const result = await check(
    lines('---', 'model: kling25', 'duration: 5', 'aspectRatio: "9:16"', 'resolution: 1080p', 'startFrame: frames/first.png', 'endFrame: asset:abc_123', '---', '', 'A paper boat sails.', ''),
    environment,
  );
  assert.deepEqual(result.issues, []);
  assert.equal(result.submission?.kind, 'video');
  const value = result.submission!.value as unknown as Record<string, unknown>;
  assert.equal(value.prompt, 'A paper boat sails.');
  assert.equal(value.model, 'kling25');
  assert.equal(value.duration, 5);
  assert.equal(value.aspectRatio, '9:16');
  assert.equal(value.resolution, '1080p');
  assert.equal((value.startFrame as { kind: string }).kind, 'bytes');
  assert.deepEqual(value.endFrame, { kind: 'asset', assetId: 'abc_123' });
  assert.deepEqual(environment.reads, ['frames/first.png']);
});

test('missing keys take the user defaults, as the scripted command does', async () => {
  const result = await check(lines('---', '---', 'Just a prompt'));
  assert.deepEqual(result.issues, []);
  const value = result.submission!.value as unknown as Record<string, unknown>;
  assert.deepEqual([value.model, value.duration, value.aspectRatio, value.resolution], ['grok', undefined, '16:9', '720p']);
});

test('a duration the model does not allow: on the value, with the allowed ones, and the nearest as the quick fix', async () => {
  const result = await check(lines('---', 'model: grok', 'duration: 7', '---', 'A boat'));
  assert.equal(result.submission, undefined, 'nothing to submit');
  assert.equal(result.issues.length, 1);
  const [issue] = result.issues;
  assert.deepEqual(issue.range, { start: { line: 2, character: 10 }, end: { line: 2, character: 11 } });
  assert.match(issue.message, /6, 10/);
  assert.equal(issue.fixes?.[0].newText, '6');
  assert.match(issue.fixes![0].title, /nearest/);
});

test('a misspelt model offers the closest ids; an aspect ratio out of range offers the allowed ones, quoted', async () => {
  const result = await check(lines('---', 'model: klin25', 'aspectRatio: 2:1', '---', 'A boat'));
  const model = result.issues.find((issue) => issue.field === 'model')!;
  assert.equal(model.fixes?.[0].newText, 'kling25');
  assert.deepEqual(model.range.start, { line: 1, character: 7 });
  const aspect = result.issues.find((issue) => issue.field === 'aspectRatio')!;
  assert.ok(aspect.fixes?.some((fix) => fix.newText === '"16:9"'));
  assert.deepEqual(aspect.range.start, { line: 2, character: 13 });
});

test('an empty prompt is placed on the front matter; an over-long one on the body', async () => {
  const empty = await check(lines('---', 'model: grok', '---', '   '));
  assert.equal(empty.issues[0].field, 'body');
  assert.equal(empty.issues[0].range.start.line, 0);
  const long = await check(lines('---', '---', 'x'.repeat(5000)));
  assert.equal(long.issues[0].field, 'body');
  assert.equal(long.issues[0].range.start.line, 2);
});

test('a frame file that is missing or not an image is an error on its value', async () => {
  const result = await check(lines('---', 'startFrame: frames/none.png', 'endFrame: notes.png', '---', 'A boat'), env({ 'notes.png': new TextEncoder().encode('hello') }));
  assert.deepEqual(result.issues.map((issue) => [issue.field, issue.range.start.line]), [['startFrame', 1], ['endFrame', 2]]);
  assert.match(result.issues[0].message, /frames\/none\.png/);
});

test('syntax: no front matter, one not closed, bad YAML and a key given twice are each named', async () => {
  assert.match((await check('Just a prompt')).issues[0].message, /front matter/);
  assert.match((await check(lines('---', 'model: grok', 'A boat'))).issues[0].message, /not closed/);
  const yaml = await check(lines('---', 'model: [grok', '---', 'A boat'));
  assert.equal(yaml.issues[0].severity, 'error');
  const twice = await check(lines('---', 'model: grok', 'model: sora2', '---', 'A boat'));
  assert.equal(twice.issues.length, 1);
  assert.equal(twice.issues[0].range.start.line, 2);
  assert.equal(twice.submission, undefined);
});

test('an unknown key is a warning that lists the keys, and does not stop Generate', async () => {
  const result = await check(lines('---', 'modle: grok', '---', 'A boat'));
  assert.equal(result.issues.length, 1);
  assert.equal(result.issues[0].severity, 'warning');
  assert.match(result.issues[0].message, /model, duration/);
  assert.ok(result.submission);
});

test('a music video: named after the file, the body as the prompt, the reference image read once', async () => {
  const environment = env();
  const result = await check(lines('---', 'kind: musicVideo', 'aspectRatio: "9:16"', 'reference: frames/first.png', 'sceneDescription: a beach', '---', 'A summer song'), environment);
  assert.deepEqual(result.issues, []);
  assert.equal(result.submission?.kind, 'musicVideo');
  const { fields, reference } = result.submission!.value as { fields: Record<string, unknown>; reference: { kind: string } };
  assert.deepEqual(fields, { name: 'opening', aspect: '9:16', musicGenerateType: 'prompt', prompt: 'A summer song', sceneDescription: 'a beach' });
  assert.equal(reference.kind, 'bytes');
  assert.deepEqual(environment.reads, ['frames/first.png']);
});

test('a music video in custom mode takes the body as lyrics and needs its style and title, named on the header', async () => {
  const result = await check(lines('---', 'kind: musicVideo', 'musicGenerateType: custom', 'reference: asset:img1', '---', 'La la la'));
  assert.deepEqual(result.issues.map((issue) => issue.field).sort(), ['style', 'title']);
  assert.ok(result.issues.every((issue) => issue.range.start.line === 0));
});

test('a music video with its own song: music means upload mode; a song with another mode is refused on "music"', async () => {
  const environment = env();
  const own = await check(lines('---', 'kind: musicVideo', 'music: songs/mine.mp3', 'reference: https://example.com/cover.png', '---', ''), environment);
  assert.deepEqual(own.issues, []);
  assert.equal((own.submission!.value as { fields: Record<string, unknown> }).fields.musicGenerateType, 'upload');
  assert.deepEqual(environment.reads, ['songs/mine.mp3']);
  const wrong = await check(lines('---', 'kind: musicVideo', 'musicGenerateType: prompt', 'music: songs/mine.mp3', 'reference: asset:x', '---', 'a song'));
  assert.equal(wrong.issues[0].field, 'music');
  assert.equal(wrong.issues[0].range.start.line, 3);
});

test('a missing reference image is named once, on the header, and a bad kind offers the two kinds', async () => {
  const missing = await check(lines('---', 'kind: musicVideo', '---', 'a song'));
  assert.equal(missing.issues.length, 1);
  assert.equal(missing.issues[0].field, 'reference');
  const kind = await check(lines('---', 'kind: film', '---', 'x'));
  assert.deepEqual(kind.issues[0].fixes?.map((fix) => fix.newText), ['video', 'musicVideo']);
});
