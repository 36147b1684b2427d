import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VIDEO_MODELS, findModel, modelsForPicker, DEFAULT_MODEL } from '../../src/giggle/catalogue';

test('the catalogue holds the 13 models of giggle-api.md, each with a default among its durations', () => {
  assert.equal(VIDEO_MODELS.length, 13);
  assert.equal(new Set(VIDEO_MODELS.map((m) => m.id)).size, 13);
  for (const model of VIDEO_MODELS) {
    assert.ok(model.durations.includes(model.defaultDuration), `${model.id} default ${model.defaultDuration}`);
  }
});

test('wan25 defaults to 5 s, not the seed table\'s unusable 0', () => {
  assert.equal(findModel('wan25')?.defaultDuration, 5);
  assert.deepEqual(findModel('wan25')?.durations, [5, 10]);
});

test('durations match the contract for models users pick most', () => {
  assert.deepEqual(findModel('sora2')?.durations, [4, 8, 12]);
  assert.deepEqual(findModel('veo31')?.durations, [4, 6, 8]);
  assert.deepEqual(findModel('minimax23')?.durations, [6]);
  assert.deepEqual(findModel('sora2-pro-fast')?.durations, [10, 15]);
  assert.equal(findModel('nope'), undefined);
});

test('the picker lists the recommended default model first', () => {
  assert.equal(modelsForPicker()[0].id, DEFAULT_MODEL);
  assert.equal(modelsForPicker().length, 13);
});
