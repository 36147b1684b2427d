/**
 * Remembers which images were already uploaded as Giggle assets, so the same
 * image is not uploaded twice (setting `giggle.frames.upload` = `asset`).
 * An asset belongs to one account on one service, so entries are keyed by
 * `<scope>:<SHA-256 of the bytes>`, where the scope is an HMAC of the base URL
 * and the API key under a per-install salt: another key or base URL never
 * reuses an id it cannot see, and the key is never stored (not even hashed
 * without a salt). Pure: the caller persists the map and the salt.
 */
import { createHash, createHmac } from 'node:crypto';
import type { GiggleError } from './errors';
import { isGiggleError } from './errors';

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

/** Which account on which service an upload belongs to: 64 hex characters, the key not recoverable from it. */
export function assetScope(baseUrl: string, apiKey: string, salt: string): string {
  return createHmac('sha256', salt).update(`${normalizeBaseUrl(baseUrl)}\n${apiKey}`).digest('hex');
}

/** The map key of an image's upload for one scope. */
export function assetCacheKey(scope: string, hash: string): string {
  return `${scope}:${hash}`;
}

/** `https://Giggle.pro/` and `https://giggle.pro` are the same service. */
function normalizeBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl.trim());
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseUrl.trim();
  }
}

/**
 * Giggle refused a submission because it does not know an asset id (expired,
 * deleted, another account's): a clear business refusal in an envelope, so
 * nothing was created and sending again after a fresh upload is safe. Anything
 * whose outcome is unknown is never this.
 */
export function isUnknownAssetRefusal(error: unknown): boolean {
  if (!isGiggleError(error) || error.kind !== 'api' || error.outcomeUnknown) return false;
  const { apiMessage, fromEnvelope } = error as GiggleError & { apiMessage?: string; fromEnvelope?: boolean };
  if (!fromEnvelope || typeof apiMessage !== 'string') return false;
  return /asset/i.test(apiMessage) && /not found|does not exist|doesn't exist|no such|unknown|expired/i.test(apiMessage);
}

/** Reads a stored map defensively: anything malformed is dropped, and so are entries from before scoping (bare hashes). */
export function readAssetCache(stored: unknown): AssetCacheMap {
  const out: AssetCacheMap = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return out;
  for (const [key, entry] of Object.entries(stored as Record<string, unknown>)) {
    if (!/^[0-9a-f]{64}:[0-9a-f]{64}$/.test(key) || !entry || typeof entry !== 'object') continue;
    const { assetId, at } = entry as Record<string, unknown>;
    if (typeof assetId === 'string' && assetId && typeof at === 'number' && Number.isFinite(at)) out[key] = { assetId, at };
  }
  return out;
}

/** A new map with `key → assetId` recorded (or refreshed), capped to the `max` most recent entries. */
export function rememberAsset(map: AssetCacheMap, key: string, assetId: string, now: number, max = MAX_CACHED_ASSETS): AssetCacheMap {
  const entries = Object.entries({ ...map, [key]: { assetId, at: now } });
  entries.sort((a, b) => b[1].at - a[1].at);
  return Object.fromEntries(entries.slice(0, Math.max(0, max)));
}

/** A new map without the entry (e.g. an asset Giggle no longer knows). */
export function forgetAsset(map: AssetCacheMap, key: string): AssetCacheMap {
  const next = { ...map };
  delete next[key];
  return next;
}
