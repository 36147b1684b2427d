/**
 * The simulator's stand-ins for Giggle's CDN and S3: `/media/...` serves
 * signed video, thumbnail and asset links; `PUT /upload/...` takes presigned
 * uploads. Errors are the XML bodies those services answer with, not
 * envelopes, because that is what a client meets there.
 */
import type { IncomingMessage } from 'node:http';
import type { AssetStore } from './assets';
import { xmlError, type Reply } from './http';
import { bytesReply, mediaFile } from './media';
import type { UrlSigner } from './signing';

export function mediaReply(req: IncomingMessage, url: URL, signer: UrlSigner, assets: AssetStore): Reply {
  if (req.method !== 'GET' && req.method !== 'HEAD') return xmlError(405, 'MethodNotAllowed', 'Only GET and HEAD are allowed.');
  const verdict = signer.verifyMedia(url.pathname, url.searchParams);
  if (verdict === 'expired') return xmlError(403, 'AccessDenied', 'Access denied: the signed URL has expired.');
  if (verdict === 'denied') return xmlError(403, 'AccessDenied', 'Access denied: the signature does not match.');
  const headers: Record<string, string> = {};
  const disposition = url.searchParams.get('response-content-disposition');
  if (disposition) headers['Content-Disposition'] = disposition;

  const [, , kind, name = ''] = url.pathname.split('/');
  if (kind === 'video' && name.endsWith('.mp4')) return bytesReply(req, mediaFile('sample.mp4'), 'video/mp4', headers);
  if (kind === 'thumb' && name.endsWith('.jpg')) return bytesReply(req, mediaFile('thumbnail.jpg'), 'image/jpeg', headers);
  const asset = kind === 'asset' ? assets.assets.get(name) : undefined;
  if (asset) return bytesReply(req, asset.bytes, asset.contentType, headers);
  return xmlError(404, 'NoSuchKey', 'The specified key does not exist.');
}

export function uploadReply(req: IncomingMessage, url: URL, body: Buffer, signer: UrlSigner, assets: AssetStore): Reply {
  if (req.method !== 'PUT') return xmlError(405, 'MethodNotAllowed', 'Presigned upload links only accept PUT.');
  const verdict = signer.verifyUpload(url.pathname, url.searchParams);
  if (verdict === 'expired') return xmlError(403, 'AccessDenied', 'Request has expired');
  if (verdict === 'denied') return xmlError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  const outcome = assets.acceptUpload(url.pathname.slice('/upload/'.length), req.headers['content-type'], body);
  if (!outcome.ok) return xmlError(outcome.status, outcome.code, outcome.message);
  return { status: 200, headers: { ETag: outcome.etag }, body: '' };
}
