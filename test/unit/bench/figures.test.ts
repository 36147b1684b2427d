import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measuredFigure, requireFigure } from '../../../bench/lib/figures.mjs';

test('a benchmark figure that was never recorded fails, instead of reading as 0 ms and passing the budget', () => {
  // What the activation bench reads: a DOM attribute (null when absent) or a field of the extension's record file.
  for (const raw of [null, undefined, '']) {
    const figure = measuredFigure('open', raw);
    assert.ok(figure instanceof Error, String(raw));
    assert.match(figure.message, /open was not recorded/);
  }
});

test('a panel opened without an invocation time says so, and the bench names the cause', () => {
  const figure = measuredFigure('open (data-open-ms)', 'missing');
  assert.ok(figure instanceof Error);
  assert.match(figure.message, /missing: the extension recorded no invocation time/);
});

test('zero, negative and unparsable figures fail; a real duration passes through', () => {
  for (const raw of ['0', 0, '-3', 'NaN', NaN, 'abc', Infinity]) assert.ok(measuredFigure('x', raw) instanceof Error, String(raw));
  assert.equal(measuredFigure('x', '212'), 212);
  assert.equal(measuredFigure('x', 3.75), 3.75);
  assert.throws(() => requireFigure('run 2', 'activate()', undefined), /^Error: run 2: activate\(\) was not recorded$/);
  assert.equal(requireFigure('run 2', 'activate()', '4.2'), 4.2);
});
