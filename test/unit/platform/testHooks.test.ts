import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandInvokedAt, runWithInvocationTime, testTimeoutFloorSeconds } from '../../../src/platform/testHooks';

test('the invocation clock is readable only during a command\'s synchronous start, even when it throws', () => {
  assert.equal(commandInvokedAt(), undefined);
  assert.equal(runWithInvocationTime(1234, () => commandInvokedAt()), 1234);
  // A panel opened later (not by this command) must not time itself from a stale arrival.
  assert.equal(commandInvokedAt(), undefined);
  assert.throws(() => runWithInvocationTime(5678, () => {
    throw new Error('handler failed');
  }));
  assert.equal(commandInvokedAt(), undefined);
});

test('the request-timeout floor is lowered only by the test driver\'s variable, and only below the minimum', () => {
  const saved = process.env.GIGGLE_TEST_TIMEOUT_FLOOR_SECONDS;
  try {
    delete process.env.GIGGLE_TEST_TIMEOUT_FLOOR_SECONDS;
    assert.equal(testTimeoutFloorSeconds(5), 5);
    process.env.GIGGLE_TEST_TIMEOUT_FLOOR_SECONDS = '1';
    assert.equal(testTimeoutFloorSeconds(5), 1);
    for (const ignored of ['0', '-1', '7', 'soon', '']) {
      process.env.GIGGLE_TEST_TIMEOUT_FLOOR_SECONDS = ignored;
      assert.equal(testTimeoutFloorSeconds(5), 5, ignored);
    }
  } finally {
    if (saved === undefined) delete process.env.GIGGLE_TEST_TIMEOUT_FLOOR_SECONDS;
    else process.env.GIGGLE_TEST_TIMEOUT_FLOOR_SECONDS = saved;
  }
});
