import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/giggle/redact';

const KEY = 'gk_live_7f3a9c2b1e0d';

test('redactSecrets masks every occurrence of a secret, keeping at most 4 characters', () => {
  const out = redactSecrets(`key=${KEY}; again ${KEY}.`, [KEY]);
  assert.equal(out, 'key=gk_l…; again gk_l….');
  assert.ok(!out.includes(KEY));
});

test('short secrets keep at most a quarter of their characters', () => {
  assert.equal(redactSecrets('x test-key y', ['test-key']), 'x te… y');
  assert.equal(redactSecrets('abc', ['abc']), '…');
});

test('several secrets, overlapping ones masked whole, empty ones ignored', () => {
  const out = redactSecrets('AAAABBBB and AAAA', ['AAAA', 'AAAABBBB', '']);
  assert.equal(out, 'AA… and A…');
});

test('signed URLs are shortened to origin and path', () => {
  const cf = 'https://cdn.giggle.pro/v/a.mp4?Expires=1&Policy=eyJ~&Signature=~abc&Key-Pair-Id=K2';
  const s3 = 'http://127.0.0.1:9/upload/k.png?X-Amz-Date=1&X-Amz-Signature=deadbeef';
  const keyPairOnly = 'https://x.test/p?Key-Pair-Id=K2';
  const out = redactSecrets(`fetch ${cf} failed; put "${s3}" failed; ${keyPairOnly}`, []);
  assert.equal(
    out,
    'fetch https://cdn.giggle.pro/v/a.mp4… failed; put "http://127.0.0.1:9/upload/k.png…" failed; https://x.test/p…',
  );
});

test('ordinary URLs and text are left alone', () => {
  const text = 'see https://giggle.pro/docs?page=2 and http://example.com/a?b=Signature (not a parameter)';
  assert.equal(redactSecrets(text, []), text);
});

test('a key inside a signed URL is gone after redaction', () => {
  const out = redactSecrets(`https://x.test/a?Signature=1&k=${KEY}`, [KEY]);
  assert.equal(out, 'https://x.test/a…');
});
