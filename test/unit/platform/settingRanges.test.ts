/**
 * Numeric settings are clamped to the range package.json documents: VS Code
 * only warns about an out-of-range or mistyped value in settings.json and
 * still hands it to the extension. Unclamped, a timeout above Node's timer
 * limit (or a string) fired after 1 ms and made every submission "outcome
 * unknown", and a history size of 0 or "abc" pruned the wrong jobs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SETTING_RANGES, clampSetting } from '../../../src/platform/settingRanges';
import type { NumberRange } from '../../../src/platform/settingRanges';

const timeout = SETTING_RANGES.requestTimeoutSeconds;
const maxJobs = SETTING_RANGES['history.maxJobs'];

test('a request timeout beyond Node\'s timer limit, or not a number, becomes a usable timeout', () => {
  // 2^31 ms is where setTimeout gives up and fires after 1 ms.
  assert.equal(clampSetting(3_000_000, timeout), 300);
  assert.equal(clampSetting(2 ** 31, timeout), 300);
  assert.ok(clampSetting(1e12, timeout) * 1000 < 2 ** 31 - 1);
  assert.equal(clampSetting('30', timeout), 30, 'a number typed as a string in settings.json');
  assert.equal(clampSetting('soon', timeout), 30);
  assert.equal(clampSetting(null, timeout), 30);
  assert.equal(clampSetting(Number.NaN, timeout), 30);
  assert.equal(clampSetting(Number.POSITIVE_INFINITY, timeout), 30);
  assert.equal(clampSetting(1, timeout), 5);
  assert.equal(clampSetting(-10, timeout), 5);
  assert.equal(clampSetting(45.5, timeout), 45.5);
});

test('a lower floor (the integration tests\' 1 s) lowers only the minimum', () => {
  assert.equal(clampSetting(1, timeout, { minimum: 1 }), 1);
  assert.equal(clampSetting(0.2, timeout, { minimum: 1 }), 1);
  assert.equal(clampSetting(9_999, timeout, { minimum: 1 }), 300);
});

test('a history size of 0, negative, fractional or not a number keeps a sensible number of jobs', () => {
  assert.equal(clampSetting(0, maxJobs), 10);
  assert.equal(clampSetting(-5, maxJobs), 10);
  assert.equal(clampSetting('lots', maxJobs), 200);
  assert.equal(clampSetting(undefined, maxJobs), 200);
  assert.equal(clampSetting(123.7, maxJobs), 123);
  assert.equal(clampSetting(1e9, maxJobs), 5000);
  assert.equal(clampSetting(500, maxJobs), 500);
});

test('package.json documents the same minimum, maximum and default as the clamp', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
  const props = manifest.contributes.configuration.properties;
  for (const [key, range] of Object.entries(SETTING_RANGES) as [string, NumberRange][]) {
    const prop = props[`giggle.${key}`];
    assert.ok(prop, `giggle.${key} is contributed`);
    assert.deepEqual(
      { minimum: prop.minimum, maximum: prop.maximum, default: prop.default, type: prop.type },
      { minimum: range.minimum, maximum: range.maximum, default: range.default, type: range.integer ? 'integer' : 'number' },
      `giggle.${key}`,
    );
  }
});

test('the README\'s settings table states each range', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  for (const [key, range] of Object.entries(SETTING_RANGES)) {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`giggle.${key}\``));
    assert.ok(row, `README has a row for giggle.${key}`);
    assert.match(row, new RegExp(`${range.minimum.toLocaleString('en-US')}\\s*(–|to)\\s*${range.maximum.toLocaleString('en-US')}`), row);
  }
});
