/**
 * CloudFront-style signed URLs for the simulator's own /media and /upload
 * routes. They look like giggle.pro's links (Expires, Policy, Signature with
 * `~`, Key-Pair-Id) so the extension's link handling is exercised for real:
 * re-encoding the query, dropping `~`, or keeping a link past its expiry
 * all produce the 403 a real CDN would give.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SimClock } from './clock';

export const KEY_PAIR_ID = 'K2SIMULATOR';

/** CloudFront's URL-safe base64: `+`→`-`, `=`→`_`, `/`→`~`. */
export function cloudFrontBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
}

export function fromCloudFrontBase64(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
}

export type Verdict = 'ok' | 'expired' | 'denied';

export class UrlSigner {
  /** A fresh secret per run: links from an earlier simulator never verify, as with a rotated key. */
  private readonly secret = randomBytes(32);

  constructor(
    private readonly clock: SimClock,
    private readonly baseUrl: () => string,
    private readonly ttlMs: number,
  ) {}

  /**
   * Signs `path` (e.g. `/media/video/<id>.mp4`). With `downloadName` the link
   * carries `response-content-disposition=attachment` like Giggle's download
   * links; without it the link plays inline. With `policyOnly` the link has
   * no `Expires` parameter, only the policy holding the expiry, as the seed's
   * own sample link (the policy is what CloudFront checks).
   */
  signMedia(path: string, downloadName?: string, policyOnly = false): string {
    const expires = this.expiresAt();
    const resource = this.baseUrl() + path;
    const policy = { Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': expires } } }] };
    const parts: string[] = [];
    if (downloadName) {
      parts.push(`response-content-disposition=${encodeURIComponent(`attachment; filename=${downloadName}`)}`);
    }
    if (!policyOnly) parts.push(`Expires=${expires}`);
    parts.push(
      `Policy=${cloudFrontBase64(Buffer.from(JSON.stringify(policy)))}`,
      // `~` is left raw on purpose: that is what giggle.pro sends, and clients must cope.
      `Signature=${this.signature(path, expires)}`,
      `Key-Pair-Id=${KEY_PAIR_ID}`,
    );
    return `${resource}?${parts.join('&')}`;
  }

  verifyMedia(path: string, query: URLSearchParams): Verdict {
    // A Policy-only link keeps its expiry in the policy; when Expires is there too, both must agree.
    const expires = query.has('Expires') ? Number(query.get('Expires')) : policyExpiry(query.get('Policy'));
    const signature = normaliseSignature(query.get('Signature') ?? '');
    if (expires === undefined || !Number.isInteger(expires) || query.get('Key-Pair-Id') !== KEY_PAIR_ID) return 'denied';
    if (!sameText(signature, this.signature(path, expires))) return 'denied';
    if (policyExpiry(query.get('Policy')) !== expires) return 'denied';
    return this.clock.now() / 1000 >= expires ? 'expired' : 'ok';
  }

  /** A presigned PUT link, S3-style (only Expires and Signature). */
  signUpload(path: string): string {
    const expires = this.expiresAt();
    return `${this.baseUrl()}${path}?Expires=${expires}&Signature=${this.signature(`PUT ${path}`, expires)}`;
  }

  verifyUpload(path: string, query: URLSearchParams): Verdict {
    const expires = Number(query.get('Expires'));
    if (!Number.isInteger(expires)) return 'denied';
    if (!sameText(normaliseSignature(query.get('Signature') ?? ''), this.signature(`PUT ${path}`, expires))) return 'denied';
    return this.clock.now() / 1000 >= expires ? 'expired' : 'ok';
  }

  private expiresAt(): number {
    // Rounded up so a sub-second TTL (tiny timeScale) still yields a usable link.
    return Math.ceil((this.clock.now() + this.ttlMs) / 1000);
  }

  private signature(subject: string, expires: number): string {
    const mac = createHmac('sha512', this.secret).update(`${subject}\n${expires}`).digest();
    // Real CloudFront signatures (256-byte RSA) practically always contain `~`.
    // Forcing the first six bits to 63 makes the first character `~` every time,
    // so the `~` / `%7E` handling is exercised by every link, not by luck.
    mac[0] = mac[0] | 0xfc;
    return cloudFrontBase64(mac);
  }
}

/** `~` may arrive raw, as `%7E` (decoded by URLSearchParams), or double-encoded. */
function normaliseSignature(text: string): string {
  return text.replace(/%7e/gi, '~');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The policy's `AWS:EpochTime`, or undefined when there is no readable policy. */
function policyExpiry(policy: string | null): number | undefined {
  if (!policy) return undefined;
  try {
    const parsed = JSON.parse(fromCloudFrontBase64(policy).toString('utf8')) as {
      Statement?: { Condition?: { DateLessThan?: Record<string, unknown> } }[];
    };
    const epoch = parsed.Statement?.[0]?.Condition?.DateLessThan?.['AWS:EpochTime'];
    return typeof epoch === 'number' ? epoch : undefined;
  } catch {
    return undefined;
  }
}
