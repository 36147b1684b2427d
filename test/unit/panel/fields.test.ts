import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formFieldFor, humanize, sentence, sortIssues } from '../../../src/panel/fields';

test('validator fields map to the form field that shows them', () => {
  assert.equal(formFieldFor('video', 'prompt'), 'prompt');
  assert.equal(formFieldFor('video', 'startFrame.base64'), 'startFrame');
  assert.equal(formFieldFor('video', 'endFrame.url'), 'endFrame');
  assert.equal(formFieldFor('video', 'request'), undefined);
  assert.equal(formFieldFor('mv', 'referenceImageUrl'), 'referenceImage');
  assert.equal(formFieldFor('mv', 'sceneDescription'), 'sceneDescription');
  assert.equal(formFieldFor('mv', 'projectId'), undefined);
  assert.equal(formFieldFor('mv', 'startFrame'), undefined);
  // The song's problems (read by the same code as musicFile, or a bad musicAssetId) show next to "My own song".
  assert.equal(formFieldFor('mv', 'musicFile'), 'song');
  assert.equal(formFieldFor('mv', 'musicAssetId'), 'song');
  assert.equal(formFieldFor('mv', 'projectType'), 'projectType');
  assert.equal(formFieldFor('video', 'musicFile'), undefined);
});

test('issues are sorted per field (first wins), the rest become a general message', () => {
  const sorted = sortIssues('video', [
    { field: 'prompt', message: 'prompt must not be empty' },
    { field: 'prompt', message: 'second' },
    { field: 'startFrame.url', message: 'startFrame.url must be an absolute http or https URL' },
    { field: 'arguments', message: 'something else' },
  ]);
  assert.deepEqual(sorted.issues, [
    { field: 'prompt', message: 'Prompt must not be empty.' },
    { field: 'startFrame', message: 'The URL must be an absolute http or https URL.' },
  ]);
  assert.equal(sorted.general, 'Something else.');
});

test('humanize replaces the technical field name with a label only at the start', () => {
  assert.equal(humanize('sceneDescription', 'sceneDescription must be at most 200 characters (got 201)'), 'Scene description must be at most 200 characters (got 201)');
  assert.equal(humanize('referenceImageUrl', 'referenceImageUrl is not valid base64'), 'The reference image is not valid base64');
  assert.equal(humanize('startFrame', 'sample.png is 12.0 MiB; the limit is 10.0 MiB'), 'sample.png is 12.0 MiB; the limit is 10.0 MiB');
});

test('sentence: capitalised with a full stop; a translated (CJK) message gets a full-width one', () => {
  assert.equal(sentence('prompt must not be empty'), 'Prompt must not be empty.');
  assert.equal(sentence('Done!'), 'Done!');
  assert.equal(sentence('提示词不能为空'), '提示词不能为空。');
  assert.equal(sentence('提示词不能为空。'), '提示词不能为空。');
  assert.equal(sentence('场景描述最多 200 个字符（当前 201）'), '场景描述最多 200 个字符（当前 201）。');
});
