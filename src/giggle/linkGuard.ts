/**
 * Links Giggle sends back (a video's `urls`, a music video's `download_url`,
 * `signed_url`, `thumbnail_url`, an upload's `signed_url`) are opened,
 * downloaded, copied and shown. A reply could carry `vscode://` (runs an
 * extension's URI handler), `file:` or `javascript:` as easily as `https:`,
 * so only web links are used: `https:`, and `http:` to this machine only
 * (the simulator; plain http elsewhere would expose the signed link).
 */

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** True for a link it is safe to open, download or copy. */
export function isSafeLink(url: unknown): boolean {
  // The string itself is what reaches openExternal and the clipboard, so it must read as
  // plain http(s) as written: no leading space or control characters that URL() would drop.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (typeof url !== 'string' || !/^https?:\/\/[^/?#\s\u0000-\u001f\u007f][^\s\u0000-\u001f\u007f]*$/i.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return parsed.hostname.length > 0;
  return parsed.protocol === 'http:' && LOOPBACK_HOST.test(parsed.hostname);
}

/**
 * What kind of link it is, for messages and logs: the scheme only (`vscode:`,
 * `file:`, `http:`), never the link, which may be signed.
 */
export function linkKind(url: unknown): string {
  if (typeof url !== 'string') return '(none)';
  const scheme = /^\s*([a-z][a-z0-9+.-]{0,30}):/i.exec(url)?.[1];
  return scheme ? `${scheme.toLowerCase()}:` : '(not a link)';
}
