/**
 * Small request-body checks shared by the endpoint modules. Each throws the
 * envelope error giggle.pro would answer with (HTTP 200, code 40001, a
 * message naming the field), so the extension's error display is exercised.
 */
import { invalid } from './envelope';

export type Body = Record<string, unknown>;

export function asBody(body: unknown): Body {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('request body must be a JSON object');
  return body as Body;
}

/** A non-empty string; `''` counts as missing, as in Giggle's scripts. */
export function requiredString(body: Body, field: string): string {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw invalid(`${field} is required`);
  if (typeof value !== 'string') throw invalid(`${field} must be a string`);
  return value;
}

export function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`${field} must be a string`);
  return value;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(`${field} must be a boolean`);
  return value;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid(`${field} ${value} is not supported (allowed: ${allowed.join(', ')})`);
  }
  return value as T;
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Raw base64 of an image. A `data:` prefix is refused (the contract says raw),
 * and the bytes must start like a PNG, JPEG, GIF or WebP file.
 */
export function checkBase64Image(text: string, field: string): void {
  if (/^data:/i.test(text)) throw invalid(`${field} must be raw base64 without a data: prefix`);
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw invalid(`${field} is not valid base64`);
  const head = Buffer.from(compact.slice(0, 24), 'base64');
  if (!imageKind(head)) throw invalid(`${field} is not a supported image (png, jpeg, gif, webp)`);
}

export function imageKind(head: Buffer): string | undefined {
  if (head.length >= 4 && head[0] === 0x89 && head.toString('latin1', 1, 4) === 'PNG') return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 4 && head.toString('latin1', 0, 4) === 'GIF8') return 'gif';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return undefined;
}
