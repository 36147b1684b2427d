/**
 * Serves the bytes behind signed links: a real H.264 MP4 for every video, a
 * real JPEG for every thumbnail, and uploaded assets as stored. Supports HTTP
 * Range, because browsers and VS Code's media preview fetch video in ranges.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Reply } from './http';

const cache = new Map<string, Buffer>();

/** Files in sim/media/, made with ffmpeg (see README). Read once, kept in memory. */
export function mediaFile(name: 'sample.mp4' | 'thumbnail.jpg'): Buffer {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(path.join(__dirname, 'media', name));
    cache.set(name, bytes);
  }
  return bytes;
}

/** A reply carrying `bytes`, honouring a single `Range: bytes=…` request (HEAD gets headers only). */
export function bytesReply(req: IncomingMessage, bytes: Buffer, contentType: string, headers: Record<string, string> = {}): Reply {
  const common = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, max-age=60', ...headers };
  const range = parseRange(req.headers.range, bytes.length);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...common, 'Content-Range': `bytes */${bytes.length}` }, body: '' };
  }
  const [start, end] = range ?? [0, bytes.length - 1];
  return {
    status: range ? 206 : 200,
    headers: {
      ...common,
      'Content-Length': String(end - start + 1),
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${bytes.length}` } : {}),
    },
    body: req.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1),
  };
}

/** `undefined` means "no usable range: send everything", as servers do for multi-range requests. */
export function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    // Suffix range: the last N bytes.
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}
