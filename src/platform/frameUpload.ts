/**
 * Setting `giggle.frames.upload` = `asset`: a frame read from a file is
 * uploaded through Giggle's asset endpoints (presign → PUT → register) and sent
 * as `{asset_id}` instead of base64. Uploads are remembered in globalState by
 * the SHA-256 of the bytes, scoped to the account and service (see
 * ../giggle/assetCache.ts), so the same file is uploaded once per account;
 * forgetUploads drops them when Giggle no longer knows them. If the user
 * chose `asset` and the upload fails, the submission fails with a clear
 * message: nothing is sent, and there is no silent fallback to base64.
 */
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { assetCacheKey, assetScope, contentHash, forgetAsset, readAssetCache, rememberAsset } from '../giggle/assetCache';
import { detectImageType } from '../giggle/frames';
import { displayPath } from './workspaceImages';
import { settings } from './settings';
import type { UploadServices } from './services';

const CACHE_KEY = 'giggle.uploadedAssets';
/** A random per-install secret: the cache's account scope is an HMAC under it, never the key itself. */
const SALT_KEY = 'giggle.uploadedAssetsSalt';

export class FrameUploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameUploadError';
  }
}

/** An image file's asset id: an earlier upload of the same content, else a new upload. */
export async function uploadImageFile(ctx: UploadServices, uri: vscode.Uri, bytes: Uint8Array, field: string): Promise<string> {
  const contentType = detectImageType(bytes) ?? 'application/octet-stream';
  // The reference image belongs to a music video; every other image field to a video.
  return uploadOnce(ctx, { uri, bytes, contentType, field }, (reason) =>
    field === 'referenceImage'
      ? l10n.t(
          'Uploading {0} to Giggle failed, so the music video was not submitted: {1}. Try again, or set giggle.frames.upload to "base64" to send the image inline.',
          displayPath(uri),
          reason,
        )
      : l10n.t(
          'Uploading {0} to Giggle failed, so the video was not submitted: {1}. Try again, or set giggle.frames.upload to "base64" to send the image inline.',
          displayPath(uri),
          reason,
        ),
  );
}

/** An asset id for these bytes: an earlier upload of the same content (by SHA-256) with this account, else a new one. */
export async function uploadOnce(
  ctx: UploadServices,
  file: { uri: vscode.Uri; bytes: Uint8Array; contentType: string; field: string },
  failure: (reason: string) => string,
): Promise<string> {
  const key = await cacheKey(ctx, file.bytes);
  const cached = readAssetCache(ctx.extension.globalState.get(CACHE_KEY))[key];
  if (cached) {
    ctx.log.info(`${file.field}: ${displayPath(file.uri)} was uploaded before; reusing asset ${cached.assetId}`);
    await remember(ctx, key, cached.assetId);
    return cached.assetId;
  }
  return uploadNew(ctx, { ...file, key }, failure);
}

async function uploadNew(
  ctx: UploadServices,
  file: { uri: vscode.Uri; bytes: Uint8Array; contentType: string; key: string; field: string },
  failure: (reason: string) => string,
): Promise<string> {
  const where = displayPath(file.uri);
  const fileName = file.uri.path.split('/').pop() || 'file';
  let assetId: string;
  try {
    ({ assetId } = await ctx.client().uploadAsset({ fileName, contentType: file.contentType, bytes: file.bytes }));
  } catch (error) {
    ctx.log.warn(`${file.field}: uploading ${where} as a Giggle asset failed: ${(error as Error).message}`);
    throw new FrameUploadError(failure((error as Error).message));
  }
  ctx.log.info(`${file.field}: uploaded ${where} as Giggle asset ${assetId}`);
  await remember(ctx, file.key, assetId);
  return assetId;
}

/** Forgets the uploads of these images (Giggle said it does not know them), so the next upload of them is a new one. */
export async function forgetUploads(ctx: UploadServices, images: readonly Uint8Array[]): Promise<void> {
  let map = readAssetCache(ctx.extension.globalState.get(CACHE_KEY));
  for (const bytes of images) map = forgetAsset(map, await cacheKey(ctx, bytes));
  await ctx.extension.globalState.update(CACHE_KEY, map);
}

/** The image's cache key for the current key and base URL. */
async function cacheKey(ctx: UploadServices, bytes: Uint8Array): Promise<string> {
  let salt = ctx.extension.globalState.get<string>(SALT_KEY);
  if (typeof salt !== 'string' || !/^[0-9a-f]{64}$/.test(salt)) {
    salt = randomBytes(32).toString('hex');
    await ctx.extension.globalState.update(SALT_KEY, salt);
  }
  return assetCacheKey(assetScope(settings.apiBaseUrl(), (await ctx.keys.get()) ?? '', salt), contentHash(bytes));
}

async function remember(ctx: UploadServices, key: string, assetId: string): Promise<void> {
  const map = readAssetCache(ctx.extension.globalState.get(CACHE_KEY));
  await ctx.extension.globalState.update(CACHE_KEY, rememberAsset(map, key, assetId, Date.now()));
}
