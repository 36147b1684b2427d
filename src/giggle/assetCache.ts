/**
 * Remembers which images were already uploaded as Giggle assets, keyed by the
 * SHA-256 of their bytes, so the same image is not uploaded twice
 * (setting `giggle.frames.upload` = `asset`). Pure: the caller persists the map.
 */
import { createHash } from 'node:crypto';

/** How many uploads are remembered; the oldest are forgotten first. */
export const MAX_CACHED_ASSETS = 200;

export interface CachedAsset {
  assetId: string;
  /** When it was uploaded or last reused (ms since epoch): the oldest go first. */
  at: number;
}

export type AssetCacheMap = Record<string, CachedAsset>;

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a stored map defensively: anything malformed is dropped. */
export function readAssetCache(stored: unknown): AssetCacheMap {
  const out: AssetCacheMap = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return out;
  for (const [hash, entry] of Object.entries(stored as Record<string, unknown>)) {
    if (!/^[0-9a-f]{64}$/.test(hash) || !entry || typeof entry !== 'object') continue;
    const { assetId, at } = entry as Record<string, unknown>;
    if (typeof assetId === 'string' && assetId && typeof at === 'number' && Number.isFinite(at)) out[hash] = { assetId, at };
  }
  return out;
}

/** A new map with `hash → assetId` recorded (or refreshed), capped to the `max` most recent entries. */
export function rememberAsset(map: AssetCacheMap, hash: string, assetId: string, now: number, max = MAX_CACHED_ASSETS): AssetCacheMap {
  const entries = Object.entries({ ...map, [hash]: { assetId, at: now } });
  entries.sort((a, b) => b[1].at - a[1].at);
  return Object.fromEntries(entries.slice(0, Math.max(0, max)));
}

/** A new map without the entry (e.g. an asset Giggle no longer knows). */
export function forgetAsset(map: AssetCacheMap, hash: string): AssetCacheMap {
  const next = { ...map };
  delete next[hash];
  return next;
}
