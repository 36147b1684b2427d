import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentHash, forgetAsset, readAssetCache, rememberAsset } from '../../../src/giggle/assetCache';

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
  const good = 'a'.repeat(64);
  assert.deepEqual(readAssetCache(undefined), {});
  assert.deepEqual(readAssetCache([1, 2]), {});
  assert.deepEqual(
    readAssetCache({ [good]: { assetId: 'x', at: 1 }, short: { assetId: 'y', at: 1 }, ['b'.repeat(64)]: { assetId: 3, at: 1 }, ['c'.repeat(64)]: null }),
    { [good]: { assetId: 'x', at: 1 } },
  );
});
