/**
 * CloudFront-signed video links. The signature covers exact bytes, so every
 * function here works on the raw query string and never rebuilds it with
 * URL/URLSearchParams (they re-encode characters and break the signature).
 */

interface SplitUrl {
  /** Everything before `?` (scheme, host, path). */
  base: string;
  /** The raw query without `?`, or undefined when there is none. */
  query?: string;
  /** `#…` including the hash, or ''. */
  fragment: string;
}

function split(url: string): SplitUrl {
  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt) : '';
  const rest = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = rest.indexOf('?');
  if (queryAt < 0) return { base: rest, fragment };
  return { base: rest.slice(0, queryAt), query: rest.slice(queryAt + 1), fragment };
}

function join({ base, query, fragment }: SplitUrl): string {
  return `${base}${query === undefined ? '' : `?${query}`}${fragment}`;
}

/** `~` in the query as `%7E`: some apps cut links at `~`; CloudFront decodes it back before checking. Path bytes are left alone. */
function encodeTildes(parts: SplitUrl): SplitUrl {
  return parts.query === undefined ? parts : { ...parts, query: parts.query.split('~').join('%7E') };
}

/** The raw (still encoded) value of the first query parameter with this exact name. */
function rawParam(query: string | undefined, name: string): string | undefined {
  if (query === undefined) return undefined;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key === name) return eq < 0 ? '' : pair.slice(eq + 1);
  }
  return undefined;
}

/** A link that plays in a browser: without `response-content-disposition` (which forces a download), `~` as `%7E`. */
export function playableUrl(url: string): string {
  const parts = split(url);
  if (parts.query !== undefined) {
    const kept = parts.query.split('&').filter((pair) => {
      const key = pair.split('=', 1)[0];
      return safeDecode(key).toLowerCase() !== 'response-content-disposition';
    });
    parts.query = kept.length > 0 ? kept.join('&') : undefined;
  }
  return join(encodeTildes(parts));
}

/** The same link with only `~` written as `%7E`, safe to paste into chat apps. */
export function shareableUrl(url: string): string {
  return join(encodeTildes(split(url)));
}

/** Origin and path only, for logs and messages: a signed query is a credential. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}…`;
  } catch {
    return `${split(url).base}…`;
  }
}

/** When the link stops working (ms since epoch), or undefined when it does not say. */
export function signedUrlExpiry(url: string): number | undefined {
  const { query } = split(url);
  const expires = rawParam(query, 'Expires');
  if (expires !== undefined && /^\d+$/.test(expires)) return Number(expires) * 1000;

  const policy = rawParam(query, 'Policy');
  if (policy !== undefined) {
    const fromPolicy = policyExpiry(safeDecode(policy));
    if (fromPolicy !== undefined) return fromPolicy;
  }

  // S3 SigV4 presigned links (asset uploads): X-Amz-Date + X-Amz-Expires seconds.
  const amzDate = rawParam(query, 'X-Amz-Date');
  const amzExpires = rawParam(query, 'X-Amz-Expires');
  if (amzDate && amzExpires && /^\d+$/.test(amzExpires)) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
    if (m) {
      const start = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
      return start + Number(amzExpires) * 1000;
    }
  }
  return undefined;
}

/** True when the link has expired or will within `marginMs`; false when its expiry is unknown. */
export function isLikelyExpired(url: string, now: number, marginMs = 60_000): boolean {
  const expiry = signedUrlExpiry(url);
  return expiry !== undefined && now + marginMs >= expiry;
}

/**
 * CloudFront custom policies are base64 JSON in its URL-safe variant, which
 * writes `+`, `=`, `/` as `-`, `_`, `~`.
 */
function policyExpiry(encoded: string): number | undefined {
  try {
    const base64 = encoded.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/');
    const policy = JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as {
      Statement?: Array<{ Condition?: { DateLessThan?: Record<string, unknown> } }>;
    };
    const epoch = policy.Statement?.[0]?.Condition?.DateLessThan?.['AWS:EpochTime'];
    const seconds = typeof epoch === 'string' && /^\d+$/.test(epoch) ? Number(epoch) : epoch;
    return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
