/**
 * Setting `giggle.frames.upload` = `asset`: a frame read from a file is
 * uploaded through Giggle's asset endpoints (presign → PUT → register) and sent
 * as `{asset_id}` instead of base64. Uploads are remembered by the SHA-256 of
 * the bytes in globalState, so the same image is uploaded once. If the user
 * chose `asset` and the upload fails, the submission fails with a clear
 * message: nothing is sent, and there is no silent fallback to base64.
 */
import * as l10n from '@vscode/l10n';
import type { GiggleContext } from '../context';
import { contentHash, readAssetCache, rememberAsset } from '../giggle/assetCache';
import { detectImageType } from '../giggle/frames';
import { displayPath } from './workspaceImages';
import type { ResolvedFrame } from './workspaceImages';

const CACHE_KEY = 'giggle.uploadedAssets';

export class FrameUploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameUploadError';
  }
}

/** Returns the frame unchanged unless it comes from a file; then uploads it (or reuses an earlier upload). */
export async function uploadFileFrame(ctx: GiggleContext, resolved: ResolvedFrame | undefined, field: string): Promise<ResolvedFrame | undefined> {
  if (!resolved?.uri || !('base64' in resolved.frame)) return resolved;
  const bytes = new Uint8Array(Buffer.from(resolved.frame.base64, 'base64'));
  const hash = contentHash(bytes);
  const where = displayPath(resolved.uri);
  const cached = readAssetCache(ctx.extension.globalState.get(CACHE_KEY))[hash];
  if (cached) {
    ctx.log.info(`${field}: ${where} was uploaded before; reusing asset ${cached.assetId}`);
    await remember(ctx, hash, cached.assetId);
    return { ...resolved, frame: { asset_id: cached.assetId } };
  }
  const contentType = detectImageType(bytes) ?? 'application/octet-stream';
  const fileName = resolved.uri.path.split('/').pop() || 'frame';
  let assetId: string;
  try {
    ({ assetId } = await ctx.client().uploadAsset({ fileName, contentType, bytes }));
  } catch (error) {
    ctx.log.warn(`${field}: uploading ${where} as a Giggle asset failed: ${(error as Error).message}`);
    throw new FrameUploadError(
      l10n.t(
        'Uploading {0} to Giggle failed, so the video was not submitted: {1}. Try again, or set giggle.frames.upload to "base64" to send the image inline.',
        where,
        (error as Error).message,
      ),
    );
  }
  ctx.log.info(`${field}: uploaded ${where} as Giggle asset ${assetId}`);
  await remember(ctx, hash, assetId);
  return { ...resolved, frame: { asset_id: assetId } };
}

async function remember(ctx: GiggleContext, hash: string, assetId: string): Promise<void> {
  const map = readAssetCache(ctx.extension.globalState.get(CACHE_KEY));
  await ctx.extension.globalState.update(CACHE_KEY, rememberAsset(map, hash, assetId, Date.now()));
}
