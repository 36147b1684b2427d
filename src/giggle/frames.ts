/**
 * Start/end frames for image-to-video: building one from image bytes, and
 * validating one given as data. Issues carry their rule; issues.ts words them.
 */
import * as l10n from '@vscode/l10n';
import { detectImageType, imageInfo, truncationProblem } from './images';
import { MAX_IMAGE_BYTES, ruleIssue } from './issues';
import type { FieldIssue, IssueRule, Validated } from './issues';
import { fieldName } from './fieldNames';

export { detectImageType, imageInfo } from './images';
export type { ImageInfo, ImageMime } from './images';
export { MAX_IMAGE_BYTES, tooLargeMessage } from './issues';

/** Asset ids seen so far are UUID-like; this allows any reasonable id while refusing spaces, slashes and URLs. */
export const ASSET_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

const FRAME_KEYS = ['asset_id', 'url', 'base64'] as const;

/** One issue, worded for scripted callers (fields named by their keys). */
function issue(field: string, detail: IssueRule): FieldIssue[] {
  return [ruleIssue(field, detail, fieldName)];
}

export function frameFromImageBytes(bytes: Uint8Array, field = 'image'): Validated<{ base64: string }> {
  const issues = imageBytesIssues(bytes, field);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') } };
}

/** Problems with image bytes meant as a frame: empty, too large, not a supported image, or cut short. */
export function imageBytesIssues(bytes: Uint8Array, field: string): FieldIssue[] {
  if (bytes.length === 0) return issue(field, { rule: 'imageEmpty' });
  if (bytes.length > MAX_IMAGE_BYTES) return issue(field, { rule: 'imageTooLarge', bytes: bytes.length });
  const mime = detectImageType(bytes);
  if (!mime) return issue(field, { rule: 'notAnImage', looksLike: whatItLooksLike(bytes) });
  const truncated = truncationProblem(bytes, mime);
  if (truncated) return issue(field, { rule: 'imageTruncated', reason: truncated });
  const info = imageInfo(bytes);
  if (info && (info.width === 0 || info.height === 0)) return issue(field, { rule: 'imageZeroSize' });
  return [];
}

/** Checks a frame object: exactly one of asset_id / url / base64, each well formed. */
export function validateFrame(frame: unknown, field: string): FieldIssue[] {
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
    return issue(field, { rule: 'frameNotObject', got: describeType(frame) });
  }
  const record = frame as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((key) => !(FRAME_KEYS as readonly string[]).includes(key) && record[key] !== undefined);
  if (unknownKeys.length > 0) {
    return issue(field, { rule: 'frameUnknownKey', keys: unknownKeys.map((k) => `"${k}"`).join(', ') });
  }
  const present = FRAME_KEYS.filter((key) => record[key] !== undefined);
  if (present.length !== 1) return issue(field, { rule: 'frameKeyCount', present });
  const key = present[0];
  const value = record[key];
  const path = `${field}.${key}`;
  if (typeof value !== 'string') return issue(path, { rule: 'notString', got: describeType(value) });
  switch (key) {
    case 'asset_id':
      return ASSET_ID_PATTERN.test(value) ? [] : issue(path, { rule: 'assetId' });
    case 'url':
      return httpUrlIssues(value, path, ['http:', 'https:']);
    case 'base64':
      return base64ImageIssues(value, path);
  }
}

/** An absolute URL with one of the given protocols. */
export function httpUrlIssues(value: string, field: string, protocols: readonly string[]): FieldIssue[] {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return issue(field, { rule: 'urlNotAbsolute', allowed: protocols });
  }
  if (!protocols.includes(parsed.protocol)) return issue(field, { rule: 'urlProtocol', allowed: protocols, got: parsed.protocol.replace(':', '') });
  return [];
}

/** Raw base64 (no `data:` prefix, standard alphabet, padded) that decodes to a supported, complete image. */
export function base64ImageIssues(value: string, field: string): FieldIssue[] {
  if (/^data:/i.test(value)) {
    return issue(field, { rule: 'base64DataPrefix', prefix: value.slice(0, Math.min(value.indexOf(',') + 1 || 40, 40)) });
  }
  if (value.length === 0) return issue(field, { rule: 'imageEmpty' });
  const bad = value.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return issue(field, { rule: 'base64Char', char: value[bad], position: bad });
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return issue(field, { rule: 'base64Length' });
  // Estimate before decoding so a huge string is refused without allocating it twice.
  const decodedLength = (value.length / 4) * 3 - (value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0);
  if (decodedLength > MAX_IMAGE_BYTES) return issue(field, { rule: 'base64TooLarge', bytes: decodedLength });
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

/** What bytes that are not a supported image are instead, when that is recognisable (for "… is not a PNG, JPEG, WebP or GIF image"). */
function whatItLooksLike(bytes: Uint8Array): 'pdf' | 'text' | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80)) return 'text';
  return undefined;
}
