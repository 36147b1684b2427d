/**
 * Scrubs text before it reaches a message, a log or the clipboard: the API
 * key and signed links (credentials until they expire) must never be written
 * out in full.
 */
import { redactUrl } from './signedUrls';

const URL_PATTERN = /https?:\/\/[^\s"'<>`]+/gi;
const SIGNED_MARKERS = /(?:^|[?&])(?:[^=&]*Signature|Policy|Key-Pair-Id)=/i;

export function redactSecrets(text: string, secrets: readonly string[]): string {
  // Signed URLs first: cutting the query also removes anything embedded in it.
  let result = text.replace(URL_PATTERN, (url) => (isSigned(url) ? redactUrl(url) : url));
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    result = result.split(secret).join(mask(secret));
  }
  return result;
}

function isSigned(url: string): boolean {
  const queryAt = url.indexOf('?');
  return queryAt >= 0 && SIGNED_MARKERS.test(url.slice(queryAt));
}

/** At most the first 4 characters, and never more than a quarter of a short secret. */
function mask(secret: string): string {
  return `${secret.slice(0, Math.min(4, Math.floor(secret.length / 4)))}…`;
}
