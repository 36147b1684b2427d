/**
 * Start/end frames for image-to-video: building one from image bytes, and
 * validating one given as data.
 */
import * as l10n from '@vscode/l10n';
import { detectImageType, imageInfo, truncationProblem } from './images';
import type { FieldIssue, Validated } from './issues';
import { fieldName } from './fieldNames';

export { detectImageType, imageInfo } from './images';
export type { ImageInfo, ImageMime } from './images';

/**
 * Giggle documents no frame size limit. 10 MiB is our own ceiling: it covers
 * any reasonable still (a 4K PNG is typically 5-8 MiB) while keeping the
 * base64 JSON body (about 13.4 MiB) within what HTTP APIs commonly accept.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Asset ids seen so far are UUID-like; this allows any reasonable id while refusing spaces, slashes and URLs. */
export const ASSET_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

const FRAME_KEYS = ['asset_id', 'url', 'base64'] as const;

export function frameFromImageBytes(bytes: Uint8Array, field = 'image'): Validated<{ base64: string }> {
  const issues = imageBytesIssues(bytes, field);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') } };
}

/** Problems with image bytes meant as a frame: empty, too large, not a supported image, or cut short. */
export function imageBytesIssues(bytes: Uint8Array, field: string): FieldIssue[] {
  if (bytes.length === 0) return [{ field, message: l10n.t('{0} is empty', fieldName(field)) }];
  if (bytes.length > MAX_IMAGE_BYTES) return [{ field, message: tooLargeMessage(fieldName(field), bytes.length) }];
  const mime = detectImageType(bytes);
  if (!mime) {
    return [{ field, message: notAnImageMessage(field, bytes) }];
  }
  const truncated = truncationProblem(bytes, mime);
  if (truncated) return [{ field, message: l10n.t('{0} looks truncated: {1}', fieldName(field), truncated) }];
  const info = imageInfo(bytes);
  if (info && (info.width === 0 || info.height === 0)) {
    return [{ field, message: l10n.t('{0} has a zero width or height', fieldName(field)) }];
  }
  return [];
}

/** Checks a frame object: exactly one of asset_id / url / base64, each well formed. */
export function validateFrame(frame: unknown, field: string): FieldIssue[] {
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
    return [{ field, message: l10n.t('{0} must be an object with exactly one of asset_id, url or base64 (got {1})', fieldName(field), describeType(frame)) }];
  }
  const record = frame as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((key) => !(FRAME_KEYS as readonly string[]).includes(key) && record[key] !== undefined);
  if (unknownKeys.length > 0) {
    const keys = unknownKeys.map((k) => `"${k}"`).join(', ');
    return [{ field, message: l10n.t('{0} has unknown key {1}; use exactly one of asset_id, url or base64', fieldName(field), keys) }];
  }
  const present = FRAME_KEYS.filter((key) => record[key] !== undefined);
  if (present.length !== 1) {
    const message =
      present.length === 0
        ? l10n.t('{0} must have exactly one of asset_id, url or base64 (got none)', fieldName(field))
        : l10n.t('{0} must have exactly one of asset_id, url or base64 (got {1})', fieldName(field), listOf(present, (list, k) => l10n.t('{0} and {1}', list, k)));
    return [{ field, message }];
  }
  const key = present[0];
  const value = record[key];
  const path = `${field}.${key}`;
  if (typeof value !== 'string') return [{ field: path, message: l10n.t('{0} must be a string (got {1})', fieldName(path), describeType(value)) }];
  switch (key) {
    case 'asset_id':
      return ASSET_ID_PATTERN.test(value)
        ? []
        : [{ field: path, message: l10n.t('{0} must be 1 to 128 letters, digits, "_" or "-"', fieldName(path)) }];
    case 'url':
      return httpUrlIssues(value, path, ['http:', 'https:']);
    case 'base64':
      return base64ImageIssues(value, path);
  }
}

/** An absolute URL with one of the given protocols. */
export function httpUrlIssues(value: string, field: string, protocols: readonly string[]): FieldIssue[] {
  const allowed = listOf(protocols.map((p) => p.replace(':', '')), (list, p) => l10n.t('{0} or {1}', list, p));
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return [{ field, message: l10n.t('{0} must be an absolute {1} URL', fieldName(field), allowed) }];
  }
  if (!protocols.includes(parsed.protocol)) {
    return [{ field, message: l10n.t('{0} must be an {1} URL (got {2})', fieldName(field), allowed, parsed.protocol.replace(':', '')) }];
  }
  return [];
}

/** Raw base64 (no `data:` prefix, standard alphabet, padded) that decodes to a supported, complete image. */
export function base64ImageIssues(value: string, field: string): FieldIssue[] {
  if (/^data:/i.test(value)) {
    const prefix = value.slice(0, Math.min(value.indexOf(',') + 1 || 40, 40));
    return [{ field, message: l10n.t('{0} must be raw base64 without a "data:" prefix; remove "{1}"', fieldName(field), prefix) }];
  }
  if (value.length === 0) return [{ field, message: l10n.t('{0} is empty', fieldName(field)) }];
  const bad = value.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) {
    const char = value[bad];
    const message = /\s/.test(char)
      ? l10n.t('{0} is not valid base64: whitespace or a line break at position {1} (allowed: A-Z a-z 0-9 + / and = padding)', fieldName(field), bad)
      : l10n.t('{0} is not valid base64: "{1}" at position {2} (allowed: A-Z a-z 0-9 + / and = padding)', fieldName(field), char, bad);
    return [{ field, message }];
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
    return [{ field, message: l10n.t('{0} is not valid base64: its length must be a multiple of 4 with "=" padding only at the end', fieldName(field)) }];
  }
  // Estimate before decoding so a huge string is refused without allocating it twice.
  const decodedLength = (value.length / 4) * 3 - (value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0);
  if (decodedLength > MAX_IMAGE_BYTES) {
    return [{ field, message: l10n.t('{0} decodes to {1}', fieldName(field), sizeOverLimit(decodedLength)) }];
  }
  return imageBytesIssues(Buffer.from(value, 'base64'), field);
}

/** The kind of a rejected value, as shown in "(got …)": localized nouns; null, NaN and other JS types by their own names. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return l10n.t('an array');
  if (typeof value === 'string') return l10n.t('a string');
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : l10n.t('a number');
  if (typeof value === 'object') return l10n.t('an object');
  return typeof value;
}

/** "a and b and c" (or "or"): the items joined pairwise, so each language words the conjunction itself. */
function listOf(items: readonly string[], join: (list: string, item: string) => string): string {
  return items.slice(1).reduce(join, items[0] ?? '');
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/**
 * "10.5 MiB; the limit is 10.0 MiB". A size just over the limit would read
 * as equal to it in MiB, so it is given in bytes then: "10,485,761 bytes; the
 * limit is 10,485,760 bytes (10.0 MiB)".
 */
/** "<subject> is 10.5 MiB; the limit is 10.0 MiB": an image (a field, or a file by name) over the frame limit. */
export function tooLargeMessage(subject: string, bytes: number): string {
  return l10n.t({ message: '{0} is {1}', args: [subject, sizeOverLimit(bytes)], comment: ['a field or file name, then its size over the limit, e.g. "10.5 MiB; the limit is 10.0 MiB"'] });
}

export function sizeOverLimit(bytes: number, limit = MAX_IMAGE_BYTES): string {
  if (mib(bytes) !== mib(limit)) return l10n.t('{0} MiB; the limit is {1} MiB', mib(bytes), mib(limit));
  const grouped = (n: number) => n.toLocaleString('en-US');
  return l10n.t('{0} bytes; the limit is {1} bytes ({2} MiB)', grouped(bytes), grouped(limit), mib(limit));
}

/** "… is not a PNG, JPEG, WebP or GIF image", saying what it is instead when that is recognisable. */
function notAnImageMessage(field: string, bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return l10n.t('{0} is not a PNG, JPEG, WebP or GIF image (it is a PDF document)', fieldName(field));
  if (head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80)) {
    return l10n.t('{0} is not a PNG, JPEG, WebP or GIF image (it looks like text)', fieldName(field));
  }
  return l10n.t('{0} is not a PNG, JPEG, WebP or GIF image', fieldName(field));
}
