import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { assetCacheKey, assetScope, contentHash, forgetAsset, isUnknownAssetRefusal, readAssetCache, rememberAsset } from '../../../src/giggle/assetCache';
import { ApiError, ModerationError, NetworkError } from '../../../src/giggle/errors';

test('the content hash is the hex SHA-256 of the bytes, the same for the same bytes', () => {
  const a = contentHash(new Uint8Array([1, 2, 3]));
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.equal(a, contentHash(Uint8Array.from([1, 2, 3])));
  assert.notEqual(a, contentHash(new Uint8Array([1, 2, 4])));
  assert.equal(contentHash(new Uint8Array(0)), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('remembering records the asset id and keeps only the most recent entries', () => {
  const h = (n: number) => n.toString(16).padStart(64, '0');
  let map = {};
  for (let i = 1; i <= 5; i++) map = rememberAsset(map, h(i), `asset-${i}`, i * 10, 3);
  assert.deepEqual(Object.keys(map).sort(), [h(3), h(4), h(5)]);
  map = rememberAsset(map, h(3), 'asset-3b', 100, 3);
  map = rememberAsset(map, h(6), 'asset-6', 110, 3);
  assert.deepEqual(Object.keys(map).sort(), [h(3), h(5), h(6)]);
  assert.equal((map as Record<string, { assetId: string }>)[h(3)].assetId, 'asset-3b');
  assert.deepEqual(Object.keys(forgetAsset(map, h(5))).sort(), [h(3), h(6)]);
});

test('a stored map is read defensively', () => {
  const good = `${'d'.repeat(64)}:${'a'.repeat(64)}`;
  assert.deepEqual(readAssetCache(undefined), {});
  assert.deepEqual(readAssetCache([1, 2]), {});
  assert.deepEqual(
    readAssetCache({ [good]: { assetId: 'x', at: 1 }, short: { assetId: 'y', at: 1 }, ['b'.repeat(64)]: { assetId: 3, at: 1 }, ['c'.repeat(64)]: null }),
    { [good]: { assetId: 'x', at: 1 } },
  );
});

test('entries saved before uploads were scoped (a bare image hash) are forgotten: they may belong to another key or service', () => {
  const scoped = assetCacheKey('e'.repeat(64), 'a'.repeat(64));
  assert.deepEqual(Object.keys(readAssetCache({ ['a'.repeat(64)]: { assetId: 'old', at: 1 }, [scoped]: { assetId: 'new', at: 2 } })), [scoped]);
});

test('the scope separates accounts and services, keeps the key out, and ignores a trailing slash', () => {
  const key = 'gk-SECRET-KEY-123';
  const salt = 'f'.repeat(64);
  const scope = assetScope('https://giggle.pro', key, salt);
  assert.match(scope, /^[0-9a-f]{64}$/);
  assert.equal(assetScope('https://giggle.pro/', key, salt), scope, 'the same service');
  assert.notEqual(assetScope('https://giggle.pro', 'gk-OTHER-KEY', salt), scope, 'another account');
  assert.notEqual(assetScope('http://127.0.0.1:8787', key, salt), scope, 'another service');
  assert.notEqual(assetScope('https://giggle.pro', key, '0'.repeat(64)), scope, 'salted: another install cannot match it');
  const stored = JSON.stringify(rememberAsset({}, assetCacheKey(scope, contentHash(new Uint8Array([1]))), 'asset-1', 1));
  assert.ok(!stored.includes(key) && !stored.includes('SECRET'), 'the key is not in the stored map');
  for (const plain of ['sha256', 'sha1', 'md5']) {
    assert.ok(!stored.includes(createHash(plain).update(key).digest('hex')), `no unsalted ${plain} of the key either`);
  }
});

test('only a clear "asset unknown" refusal from Giggle counts; nothing whose outcome is unknown ever does', () => {
  const refusal = (apiMessage: string, more: Partial<{ outcomeUnknown: boolean; fromEnvelope: boolean; httpStatus: number }> = {}) =>
    new ApiError('imageToVideo', { code: 40001, apiMessage, outcomeUnknown: false, ...more });
  assert.equal(isUnknownAssetRefusal(refusal('start_frame.asset_id lkllv0yv81 not found')), true);
  assert.equal(isUnknownAssetRefusal(refusal('Asset does not exist')), true);
  assert.equal(isUnknownAssetRefusal(refusal('unknown asset_id')), true);
  assert.equal(isUnknownAssetRefusal(refusal('insufficient credits')), false);
  assert.equal(isUnknownAssetRefusal(refusal('model not found')), false, 'not about an asset');
  assert.equal(isUnknownAssetRefusal(refusal('asset_id x not found', { outcomeUnknown: true })), false, 'outcome unknown');
  assert.equal(isUnknownAssetRefusal(refusal('asset_id x not found', { fromEnvelope: false, httpStatus: 404 })), false, 'a bare HTTP page, not Giggle');
  assert.equal(isUnknownAssetRefusal(new NetworkError('imageToVideo', 'reset', { outcomeUnknown: true })), false);
  assert.equal(isUnknownAssetRefusal(new ModerationError('imageToVideo', 'asset not found')), false);
  assert.equal(isUnknownAssetRefusal(new Error('asset not found')), false);
});
