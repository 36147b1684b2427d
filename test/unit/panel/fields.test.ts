import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formFieldFor, panelMessage, sentence, sortIssues } from '../../../src/panel/fields';
import { validateFrame } from '../../../src/giggle/frames';
import { validateMvSubmit, validateVideoRequest } from '../../../src/giggle/validation';
import type { FieldIssue, Validated } from '../../../src/giggle/validation';

/** The validators' own issues, as the panel receives them. */
function issuesOf<T>(result: Validated<T>): FieldIssue[] {
  return result.ok ? [] : result.issues;
}

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
    ...issuesOf(validateVideoRequest({ prompt: ' ' })),
    { field: 'prompt', message: 'second' },
    ...validateFrame({ url: 'example.com/a.png' }, 'startFrame'),
    { field: 'arguments', message: 'something else' },
  ]);
  assert.deepEqual(sorted.issues, [
    { field: 'prompt', message: 'Prompt must not be empty.' },
    { field: 'startFrame', message: 'The URL must be an absolute http or https URL.' },
  ]);
  assert.equal(sorted.general, 'Something else.');
});

test('the panel names a field by its label where the validators name its key; other messages keep their words', () => {
  const scene = issuesOf(validateMvSubmit({ projectId: 'p', musicGenerateType: 'prompt', prompt: 'p', aspect: '16:9', referenceImage: 'a1', sceneDescription: 'x'.repeat(201) }));
  assert.equal(scene.length, 1, JSON.stringify(scene));
  assert.equal(scene[0].message, 'sceneDescription must be at most 200 characters (got 201)');
  assert.equal(panelMessage(scene[0]), 'Scene description must be at most 200 characters (got 201)');
  const base64 = issuesOf(validateMvSubmit({ projectId: 'p', musicGenerateType: 'prompt', prompt: 'p', aspect: '16:9', referenceImageUrl: 'QUJDRA*=' }));
  assert.match(panelMessage(base64[0]), /^The reference image is not valid base64/);
  // Rules worded with the key inside the sentence read like the rest next to the field.
  const model = issuesOf(validateVideoRequest({ prompt: 'p', model: 'nope' }));
  assert.match(model[0].message, /^model must be one of /);
  assert.match(panelMessage(model[0]), /^Model must be one of .* \(got "nope"\)$/);
  const duration = issuesOf(validateVideoRequest({ prompt: 'p', model: 'grok', duration: 7 }));
  assert.match(panelMessage(duration[0]), /^Duration must be one of [\d, ]+ seconds for grok \(got 7\)$/);
  // A dropped image's problem names the file, and an issue without a rule is shown as it was written.
  assert.equal(panelMessage({ field: 'startFrame', message: 'sample.png is 12.0 MiB; the limit is 10.0 MiB' }), 'sample.png is 12.0 MiB; the limit is 10.0 MiB');
});

test('sentence: capitalised with a full stop; a translated (CJK) message gets a full-width one', () => {
  assert.equal(sentence('prompt must not be empty'), 'Prompt must not be empty.');
  assert.equal(sentence('Done!'), 'Done!');
  assert.equal(sentence('提示词不能为空'), '提示词不能为空。');
  assert.equal(sentence('提示词不能为空。'), '提示词不能为空。');
  assert.equal(sentence('场景描述最多 200 个字符（当前 201）'), '场景描述最多 200 个字符（当前 201）。');
});
