/**
 * Keeps what the extension sent (every /api and /upload request) and what
 * was fetched from /media, separately, so tests can assert on both without
 * control traffic in the way. Arrays are cleared in place, so a reference a
 * test holds stays live across `reset()`.
 */
import type { IncomingMessage } from 'node:http';
import type { FaultKind, MediaRequest, RecordedRequest } from './types';

export class Recorder {
  readonly requests: RecordedRequest[] = [];
  readonly mediaRequests: MediaRequest[] = [];
  private seq = 0;

  /** Records an API or upload request; the caller may add `fault` later. */
  record(req: IncomingMessage, url: URL, time: number, body: Buffer, binary: boolean): RecordedRequest {
    const rawBody = binary ? '' : body.toString('utf8');
    let parsed: unknown;
    if (!binary && rawBody) {
      try {
        parsed = JSON.parse(rawBody);
      } catch {
        parsed = undefined;
      }
    }
    const entry: RecordedRequest = {
      seq: ++this.seq,
      time,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req),
      body: parsed,
      rawBody,
      size: body.length,
    };
    this.requests.push(entry);
    return entry;
  }

  recordMedia(req: IncomingMessage, url: URL, time: number, status: number, fault?: FaultKind): void {
    this.mediaRequests.push({
      seq: ++this.seq,
      time,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      range: req.headers.range,
      status,
      ...(fault ? { fault } : {}),
    });
  }

  markFault(entry: RecordedRequest | undefined, kind: FaultKind): void {
    if (entry) entry.fault = kind;
  }

  clear(): void {
    this.requests.length = 0;
    this.mediaRequests.length = 0;
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
