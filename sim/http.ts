/**
 * Plain `node:http` plumbing: bounded body reading and the Reply value that
 * handlers return, so faults can rewrite a reply before it is written.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Envelope } from './envelope';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Set for envelope replies, so `missingField` / `stringCode` faults can edit them. */
  envelope?: Envelope;
  body?: Buffer | string;
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  if (isEnvelope(value)) return { status, headers, envelope: value };
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

/** The XML error body S3 and CloudFront answer with. */
export function xmlError(status: number, code: string, message: string): Reply {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status, headers: { 'Content-Type': 'text/xml' }, body };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers = { ...reply.headers };
  let body = reply.body;
  if (reply.envelope) {
    body = JSON.stringify(reply.envelope);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  if (headers['Content-Length'] === undefined) headers['Content-Length'] = String(bytes?.length ?? 0);
  res.writeHead(reply.status, headers);
  res.end(bytes);
}

export interface ReadBody {
  bytes: Buffer;
  /** True when the body exceeded `limit`; the excess was read and dropped. */
  tooLarge: boolean;
}

/**
 * Reads the whole body, keeping at most `limit` bytes. The rest is drained
 * rather than cut off, because a client still sending would otherwise see a
 * reset instead of the 413 a real gateway answers with.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      // Past ten times the limit this is not a client worth waiting for.
      if (size > limit * 10) req.socket.destroy();
    });
    req.on('end', () => resolve({ bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
}

function isEnvelope(value: unknown): value is Envelope {
  return !!value && typeof value === 'object' && 'code' in value && 'uuid' in value;
}
