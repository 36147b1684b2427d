import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DurationModel, MAX_KEYS, MAX_SAMPLES_PER_KEY, MV_AFTER_PAY_KEY, MV_BEFORE_PAY_KEY, VIDEO_PRIOR, mvStepKey,
} from '../../../src/jobs/durationModel';

test('an untrained video model believes the documented 60–300 s: about 5% finish before 60 s, 95% by 300 s', () => {
  const model = new DurationModel();
  assert.ok(Math.abs(model.cdf('grok', 60_000) - 0.05) < 0.01);
  assert.ok(Math.abs(model.cdf('grok', 300_000) - 0.95) < 0.01);
  assert.ok(Math.abs(model.quantile('unknown-model', 0.5) - VIDEO_PRIOR.medianMs) < 2_000);
});

test('MV phases start from priors that together span the 5–40 min total', () => {
  const model = new DurationModel();
  const low = model.quantile(MV_BEFORE_PAY_KEY, 0.05) + model.quantile(MV_AFTER_PAY_KEY, 0.05);
  const high = model.quantile(MV_BEFORE_PAY_KEY, 0.95) + model.quantile(MV_AFTER_PAY_KEY, 0.95);
  assert.ok(low <= 5 * 60_000 && high >= 40 * 60_000, `${low} … ${high}`);
  assert.ok(model.quantile(mvStepKey('shot'), 0.5) > model.quantile(mvStepKey('editor'), 0.5));
});

test('learning moves a model towards the user\'s own jobs and leaves other models alone', () => {
  const model = new DurationModel();
  for (let i = 0; i < 30; i++) model.record('grok-fast', 40_000 + (i % 10) * 2_000);
  const median = model.quantile('grok-fast', 0.5);
  assert.ok(median > 38_000 && median < 60_000, `median ${median}`);
  assert.ok(model.quantile('grok-fast', 0.05) < model.quantile('sora2', 0.05));
  assert.equal(model.quantile('sora2', 0.5), new DurationModel().quantile('sora2', 0.5));
  // The prior keeps a little weight: a slow job is never considered impossible.
  assert.ok(model.cdf('grok-fast', 300_000) < 0.999);
});

test('quantile and cdf are inverse of each other and monotone', () => {
  const model = new DurationModel();
  [90_000, 100_000, 110_000, 400_000].forEach((ms) => model.record('veo31', ms));
  let previous = 0;
  for (const q of [0.002, 0.01, 0.1, 0.5, 0.9, 0.99]) {
    const ms = model.quantile('veo31', q);
    assert.ok(ms > previous);
    assert.ok(Math.abs(model.cdf('veo31', ms) - q) < 0.002, `q=${q}`);
    previous = ms;
  }
  assert.ok(model.distribution('veo31').hazard(100_000) > 0);
});

test('keeps only the last 50 samples per key and refuses implausible durations', () => {
  const model = new DurationModel();
  for (let i = 0; i < 80; i++) model.record('grok', 60_000 + i * 1_000);
  assert.equal(model.samples('grok').length, MAX_SAMPLES_PER_KEY);
  assert.equal(model.samples('grok')[0], 90_000);
  for (const bad of [NaN, Infinity, -5, 0, 500, 7 * 3_600_000]) assert.equal(model.record('kling25', bad), false);
  assert.equal(model.record('', 60_000), false);
  assert.equal(model.record('__proto__', 60_000), false);
  assert.equal(model.samples('kling25').length, 0);
});

test('round-trips through JSON, small enough for globalState', () => {
  const model = new DurationModel();
  for (let k = 0; k < 15; k++) for (let i = 0; i < 60; i++) model.record(`model-${k}`, 123_456 + i * 789);
  const json = JSON.parse(JSON.stringify(model.toJSON()));
  const back = DurationModel.fromJSON(json);
  assert.deepEqual(back.toJSON(), model.toJSON());
  assert.ok(Math.abs(back.quantile('model-3', 0.5) - model.quantile('model-3', 0.5)) < 500);
  assert.ok(JSON.stringify(json).length < 12_000, `${JSON.stringify(json).length} bytes`);
});

test('fromJSON survives garbage and keeps whatever is usable', () => {
  const garbage: unknown[] = [
    undefined, null, 42, 'text', [], [1, 2], { v: 2, samples: { grok: [100] } }, { v: 1 }, { v: 1, samples: 'x' }, { v: 1, samples: [] },
    JSON.parse('{"v":1,"samples":{"__proto__":[100,200],"constructor":"x"}}'),
  ];
  for (const data of garbage) {
    const model = DurationModel.fromJSON(data);
    assert.ok(Number.isFinite(model.quantile('grok', 0.5)));
    assert.equal(model.samples('grok').length, 0);
  }
  const mixed = DurationModel.fromJSON({ v: 1, samples: { grok: [95.5, 'x', null, NaN, -3, 1e12, 120], sora2: 'nope', veo31: [{ a: 1 }] } });
  assert.deepEqual(mixed.samples('grok'), [95_500, 120_000]);
  assert.deepEqual(mixed.keys(), ['grok']);
  const many: Record<string, number[]> = {};
  for (let i = 0; i < 500; i++) many[`k${i}`] = [100];
  assert.ok(DurationModel.fromJSON({ v: 1, samples: many }).keys().length <= MAX_KEYS);
});
