import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLikelyExpired, playableUrl, redactUrl, shareableUrl, signedUrlExpiry } from '../../../src/giggle/signedUrls';

/** CloudFront's URL-safe base64 (`+`→`-`, `=`→`_`, `/`→`~`). */
function cloudFrontBase64(text: string): string {
  return Buffer.from(text).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
}

const EXPIRES = 1_900_000_000;
const POLICY = cloudFrontBase64(
  // This Resource makes the standard base64 contain `+`, `/` and `=`, so all three substitutions matter.
  JSON.stringify({ Statement: [{ Resource: 'https://cdn.giggle.pro/v/*?~>>', Condition: { DateLessThan: { 'AWS:EpochTime': EXPIRES } } }] }),
);
// Deliberately awkward bytes: `~`, `%2F`, `+`, `%20` must all survive untouched.
const SIGNATURE = '~Ab-cD_e~F%2Fg+h%20i';
const DISPOSITION = 'response-content-disposition=attachment%3B%20filename%3Da.mp4';
const BASE = 'https://cdn.giggle.pro/v/a~b.mp4';
const SIGNED = [`Expires=${EXPIRES}`, `Policy=${POLICY}`, `Signature=${SIGNATURE}`, 'Key-Pair-Id=K2ABC'];

const tildeEncoded = (text: string) => text.split('~').join('%7E');

test('playableUrl removes the disposition parameter from the first, middle and last positions', () => {
  const expectedQuery = tildeEncoded(SIGNED.join('&'));
  const first = `${BASE}?${[DISPOSITION, ...SIGNED].join('&')}`;
  const middle = `${BASE}?${[SIGNED[0], SIGNED[1], DISPOSITION, SIGNED[2], SIGNED[3]].join('&')}`;
  const last = `${BASE}?${[...SIGNED, DISPOSITION].join('&')}`;
  for (const url of [first, middle, last]) {
    assert.equal(playableUrl(url), `${BASE}?${expectedQuery}`);
  }
});

test('playableUrl keeps every other byte of the query exactly and writes ~ as %7E', () => {
  const url = `${BASE}?${[...SIGNED, DISPOSITION].join('&')}`;
  const result = playableUrl(url);
  assert.ok(!result.includes('response-content-disposition'));
  assert.ok(!result.slice(result.indexOf('?')).includes('~'));
  assert.ok(result.includes('Signature=%7EAb-cD_e%7EF%2Fg+h%20i&'));
  // Decoding %7E back gives exactly the signed bytes.
  assert.equal(result.slice(result.indexOf('?') + 1).replace(/%7E/g, '~'), SIGNED.join('&'));
  // The path (and its ~) is left as signed.
  assert.ok(result.startsWith(`${BASE}?`));
});

test('playableUrl handles a URL-encoded parameter name, a lone parameter and no query', () => {
  assert.equal(playableUrl(`${BASE}?response-content-disposition=attachment`), BASE);
  assert.equal(playableUrl(`${BASE}?response%2Dcontent%2Ddisposition=attachment&Expires=1`), `${BASE}?Expires=1`);
  assert.equal(playableUrl(BASE), BASE);
  // A parameter that merely contains the name is kept.
  assert.equal(playableUrl(`${BASE}?x-response-content-disposition=1`), `${BASE}?x-response-content-disposition=1`);
});

test('shareableUrl only rewrites ~ as %7E in the query', () => {
  const url = `${BASE}?${[DISPOSITION, ...SIGNED].join('&')}`;
  assert.equal(shareableUrl(url), `${BASE}?${tildeEncoded([DISPOSITION, ...SIGNED].join('&'))}`);
  assert.equal(shareableUrl('https://x.test/a?b=~~'), 'https://x.test/a?b=%7E%7E');
  assert.equal(shareableUrl('https://x.test/~a'), 'https://x.test/~a');
  // Already encoded stays as is (no double encoding).
  assert.equal(shareableUrl('https://x.test/a?b=%7E'), 'https://x.test/a?b=%7E');
});

test('redactUrl keeps origin and path, never the query', () => {
  const url = `${BASE}?${SIGNED.join('&')}`;
  assert.equal(redactUrl(url), 'https://cdn.giggle.pro/v/a~b.mp4…');
  assert.equal(redactUrl('http://127.0.0.1:8787/upload/k/a.png?Expires=1&Signature=abc#frag'), 'http://127.0.0.1:8787/upload/k/a.png…');
  assert.ok(!redactUrl('not a url?Signature=secret').includes('secret'));
});

test('signedUrlExpiry reads Expires, then the CloudFront Policy, then S3 X-Amz-*', () => {
  assert.equal(signedUrlExpiry(`${BASE}?${SIGNED.join('&')}`), EXPIRES * 1000);
  // Policy only (custom-policy links carry no Expires).
  assert.equal(signedUrlExpiry(`${BASE}?Policy=${POLICY}&Signature=x&Key-Pair-Id=K`), EXPIRES * 1000);
  // Policy with its ~ already sent as %7E.
  assert.equal(signedUrlExpiry(`${BASE}?Policy=${tildeEncoded(POLICY)}&Signature=x`), EXPIRES * 1000);
  const stringEpoch = cloudFrontBase64(JSON.stringify({ Statement: [{ Condition: { DateLessThan: { 'AWS:EpochTime': '1700000000' } } }] }));
  assert.equal(signedUrlExpiry(`${BASE}?Policy=${stringEpoch}`), 1_700_000_000_000);
  assert.equal(
    signedUrlExpiry('https://b.s3.amazonaws.com/k?X-Amz-Date=20240102T030405Z&X-Amz-Expires=600&X-Amz-Signature=s'),
    Date.UTC(2024, 0, 2, 3, 4, 5) + 600_000,
  );
});

test('the test policy really contains all three URL-safe characters, so the alphabet mapping is exercised', () => {
  assert.match(POLICY, /-/);
  assert.match(POLICY, /_/);
  assert.match(POLICY, /~/);
});

test('signedUrlExpiry is undefined when the link does not say', () => {
  assert.equal(signedUrlExpiry(BASE), undefined);
  assert.equal(signedUrlExpiry(`${BASE}?Expires=soon`), undefined);
  assert.equal(signedUrlExpiry(`${BASE}?Policy=not-json`), undefined);
  assert.equal(signedUrlExpiry(`${BASE}?Policy=${cloudFrontBase64('{"Statement":[]}')}`), undefined);
});

test('isLikelyExpired uses a 60 s margin by default and is false when expiry is unknown', () => {
  const url = `${BASE}?Expires=${EXPIRES}`;
  const expiryMs = EXPIRES * 1000;
  assert.equal(isLikelyExpired(url, expiryMs - 60_001), false);
  assert.equal(isLikelyExpired(url, expiryMs - 60_000), true);
  assert.equal(isLikelyExpired(url, expiryMs + 1), true);
  assert.equal(isLikelyExpired(url, expiryMs - 1000, 0), false);
  assert.equal(isLikelyExpired(url, expiryMs, 0), true);
  assert.equal(isLikelyExpired(BASE, Number.MAX_SAFE_INTEGER), false);
});
