/**
 * Asset upload (giggle-api.md, "Assets"): presign → PUT the bytes → register.
 * A registered asset id is what frames and MV reference images may name.
 */
import { createHash, randomUUID } from 'node:crypto';
import { conflict, invalid, notFound } from './envelope';
import type { UrlSigner } from './signing';
import { asBody, optionalBoolean, requiredString } from './validate';

export interface Asset {
  assetId: string;
  name: string;
  type: string;
  contentType: string;
  objectKey: string;
  bytes: Buffer;
}

interface PendingObject {
  objectKey: string;
  fileName: string;
  contentType: string;
  bytes?: Buffer;
}

/** The S3-style outcome of a PUT, turned into XML by the router. */
export type UploadOutcome = { ok: true; etag: string } | { ok: false; status: number; code: string; message: string };

export class AssetStore {
  private readonly objects = new Map<string, PendingObject>();
  readonly assets = new Map<string, Asset>();

  constructor(private readonly signer: UrlSigner) {}

  presign(raw: unknown): { object_key: string; signed_url: string } {
    const body = asBody(raw);
    const fileName = requiredString(body, 'file_name');
    const contentType = requiredString(body, 'content_type');
    optionalBoolean(body, 'is_public');
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(contentType)) throw invalid(`content_type ${contentType} is not a MIME type`);
    // The key is URL-safe by construction, so the signed link needs no escaping.
    const safeName = fileName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80) || 'file';
    const objectKey = `uploads/${randomUUID()}/${safeName}`;
    this.objects.set(objectKey, { objectKey, fileName, contentType });
    return { object_key: objectKey, signed_url: this.signer.signUpload(`/upload/${objectKey}`) };
  }

  /** Stores the bytes of a PUT whose signature the router already verified. */
  acceptUpload(objectKey: string, contentType: string | undefined, bytes: Buffer): UploadOutcome {
    const object = this.objects.get(objectKey);
    if (!object) return { ok: false, status: 404, code: 'NoSuchUpload', message: 'The object key was not presigned.' };
    if ((contentType ?? '').split(';')[0].trim().toLowerCase() !== object.contentType.toLowerCase()) {
      // S3 signs the Content-Type, so a mismatch is a signature failure there.
      return {
        ok: false,
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: `Content-Type ${contentType ?? '(none)'} does not match the presigned ${object.contentType}.`,
      };
    }
    object.bytes = bytes;
    return { ok: true, etag: `"${createHash('md5').update(bytes).digest('hex')}"` };
  }

  register(raw: unknown): { asset_id: string; name: string; type: string; file_url: string } {
    const body = asBody(raw);
    const objectKey = requiredString(body, 'object_key');
    const name = typeof body.name === 'string' && body.name ? body.name : undefined;
    const object = this.objects.get(objectKey);
    if (!object) throw notFound(`object_key ${objectKey} not found`);
    if (!object.bytes) throw conflict(`object_key ${objectKey} has not been uploaded`);
    const asset: Asset = {
      assetId: newAssetId(),
      name: name ?? object.fileName,
      type: assetType(object.contentType),
      contentType: object.contentType,
      objectKey,
      bytes: object.bytes,
    };
    this.assets.set(asset.assetId, asset);
    return { asset_id: asset.assetId, name: asset.name, type: asset.type, file_url: this.fileUrl(asset) };
  }

  has(assetId: string): boolean {
    return this.assets.has(assetId);
  }

  fileUrl(asset: Asset): string {
    return this.signer.signMedia(`/media/asset/${asset.assetId}`);
  }

  /** Extension: Giggle no longer knows any registered asset (expired or deleted); returns how many were forgotten. */
  forgetAssets(): number {
    const count = this.assets.size;
    this.assets.clear();
    return count;
  }

  clear(): void {
    this.objects.clear();
    this.assets.clear();
  }
}

function assetType(contentType: string): string {
  const major = contentType.split('/')[0].toLowerCase();
  return major === 'image' || major === 'video' || major === 'audio' ? major : 'file';
}

/** Giggle's asset ids look like `lkllv0yv81`: ten lower-case letters and digits. */
function newAssetId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomUUID().replace(/-/g, '');
  let id = '';
  for (let i = 0; i < 10; i++) id += alphabet[parseInt(bytes.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
  return id;
}
