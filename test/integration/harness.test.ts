// Checks the harness itself (scripts/run-integration.mjs --self-test): one
// test passes and one fails on purpose, and the driver must report exactly
// that, with the failing test's name and message. Defined only in that mode.
import * as assert from 'assert';

if (process.env.GIGGLE_HARNESS_SELF_TEST === '1') {
  suite('harness self-test', () => {
    test('passes', () => {
      assert.strictEqual(1 + 1, 2);
    });
    test('fails on purpose', () => {
      assert.strictEqual(41, 42, 'expected failure 41 !== 42');
    });
  });
}
