/**
 * Transport edge cases the simulator does not script: bare HTML error pages,
 * redirects, HTTP-date Retry-After, `message` instead of `msg`, code 0, and
 * replies that stall or break mid-body. A tiny loopback server plays Giggle.
 */
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { GiggleClient } from '../../../src/giggle/client';
import { ApiError, MalformedReplyError, NetworkError, RateLimitError } from '../../../src/giggle/errors';
import { KEY, rejection } from './harness';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

async function rawServer(t: TestContext, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => handler(req, res));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t.after(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { url, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const clientFor = (baseUrl: string, timeoutMs?: number) => new GiggleClient({ baseUrl, getApiKey: () => KEY, timeoutMs });

test('a bare HTML 502 page is an ApiError with the HTTP status, not from an envelope, outcome unknown for a POST', async (t) => {
  const { url } = await rawServer(t, (_req, res) => {
    res.writeHead(502, 'Bad Gateway', { 'Content-Type': 'text/html' });
    res.end('<html><body>502 Bad Gateway</body></html>');
  });
  const error = await rejection(clientFor(url).submitVideo({ prompt: 'p' }));
  assert.ok(error instanceof ApiError);
  assert.equal(error.code, 502);
  assert.equal(error.httpStatus, 502);
  assert.equal(error.apiMessage, 'Bad Gateway');
  assert.equal(error.fromEnvelope, false);
  assert.equal(error.outcomeUnknown, true);
});

test('checkKey does not accept a non-envelope 404 (a wrong base URL proves nothing about the key)', async (t) => {
  const { url } = await rawServer(t, (_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/html' });
    res.end('<h1>Not Found</h1>');
  });
  const error = await rejection(clientFor(url).checkKey());
  assert.ok(error instanceof ApiError);
  assert.equal(error.fromEnvelope, false);
});

test('a 400 envelope with "sensitive" is a ModerationError; a plain 400 envelope is an ApiError with its code', async (t) => {
  let reply: unknown = { code: 400, message: 'image flagged as sensitive' };
  const { url } = await rawServer(t, (_req, res) => json(res, 400, reply));
  const moderated = await rejection(clientFor(url).submitVideo({ prompt: 'p' }));
  assert.equal(moderated.kind, 'moderation');
  assert.equal(moderated.httpStatus, 400);
  reply = { code: 40001, message: 'prompt too long' };
  const plain = await rejection(clientFor(url).submitVideo({ prompt: 'p' }));
  assert.ok(plain instanceof ApiError);
  assert.equal(plain.code, 40001);
  assert.equal(plain.apiMessage, 'prompt too long');
  assert.equal(plain.outcomeUnknown, false);
});

test('redirects are not followed: the key is never carried to another location', async (t) => {
  const target = await rawServer(t, (_req, res) => json(res, 200, { code: 200, data: { task_id: 'x' } }));
  const { url } = await rawServer(t, (_req, res) => {
    res.writeHead(302, { Location: `${target.url}/api/v1/generation/text-to-video` });
    res.end();
  });
  const error = await rejection(clientFor(url).submitVideo({ prompt: 'p' }));
  assert.ok(error instanceof ApiError);
  assert.equal(error.httpStatus, 302);
  assert.equal(target.seen.length, 0);
});

test('Retry-After as an HTTP-date is honoured', async (t) => {
  const { url } = await rawServer(t, (_req, res) =>
    json(res, 429, { code: 429, msg: 'slow down' }, { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() }),
  );
  const error = await rejection(clientFor(url).queryVideoTask('t'));
  assert.ok(error instanceof RateLimitError);
  // toUTCString drops milliseconds, so allow a second either way.
  assert.ok(error.retryAfterMs !== undefined && error.retryAfterMs > 28_000 && error.retryAfterMs <= 30_000, String(error.retryAfterMs));
});

test('code 0 (as the MV scripts accept) is success; `message` is read when `msg` is absent', async (t) => {
  let reply: unknown = { code: 0, message: 'ok', data: { project_id: 'p7' } };
  const { url, seen } = await rawServer(t, (_req, res) => json(res, 200, reply));
  assert.deepEqual(await clientFor(url).createMvProject({ name: 'n', aspect: '16:9' }), { projectId: 'p7' });
  reply = { code: '40009', message: 'already exists' };
  const error = await rejection(clientFor(url).createMvProject({ name: 'n', aspect: '16:9' }));
  assert.ok(error instanceof ApiError);
  assert.equal(error.code, 40009);
  assert.equal(error.apiMessage, 'already exists');
  assert.equal(seen[0].headers['x-auth'], KEY);
  assert.equal(seen[0].headers['content-type'], 'application/json');
  assert.equal(seen[0].url, '/api/v1/project/create');
});

test('a JSON reply that is not an envelope is malformed and names what is missing', async (t) => {
  const { url } = await rawServer(t, (_req, res) => json(res, 200, { task_id: 'x' }));
  const error = await rejection(clientFor(url).submitVideo({ prompt: 'p' }));
  assert.ok(error instanceof MalformedReplyError);
  assert.equal(error.detail, 'code is missing');
  assert.equal(error.outcomeUnknown, true);
});

test('a reply that stalls after the headers times out (the timer covers the body)', async (t) => {
  const { url } = await rawServer(t, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"code":200,');
  });
  const error = await rejection(clientFor(url, 150).submitVideo({ prompt: 'p' }));
  assert.ok(error instanceof NetworkError);
  assert.equal(error.cause, 'timeout');
  assert.equal(error.outcomeUnknown, true);
});

test('a chunked reply cut mid-body is a reset', async (t) => {
  const { url } = await rawServer(t, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"code":200,', () => res.socket?.destroy());
  });
  const error = await rejection(clientFor(url).submitVideo({ prompt: 'p' }));
  assert.ok(error instanceof NetworkError);
  assert.equal(error.cause, 'reset');
  assert.equal(error.outcomeUnknown, true);
});

test('a Content-Length reply cut mid-body ends at the timeout, still as an outcome-unknown network error', async (t) => {
  // node-fetch 2 only notices premature close on chunked replies; here the
  // request timer is what ends the wait. The outcome flag is what matters.
  const { url } = await rawServer(t, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
    res.write('{"code":200,', () => res.socket?.destroy());
  });
  const error = await rejection(clientFor(url, 200).submitVideo({ prompt: 'p' }));
  assert.ok(error instanceof NetworkError);
  assert.equal(error.cause, 'timeout');
  assert.equal(error.outcomeUnknown, true);
});

// --- Reply size limit: a reply is never buffered beyond 1 MiB -----------------------------

const MiB = 1024 * 1024;

/**
 * Streams `total` bytes of JSON-looking filler (chunked unless `contentLength`),
 * honouring back-pressure, and reports how much it managed to write before the
 * client stopped reading: a client that buffers everything drains it all.
 */
async function hugeReply(t: TestContext, total: number, options: { contentLength?: boolean } = {}) {
  const chunk = Buffer.alloc(64 * 1024, 0x20); // spaces: valid JSON whitespace, so only the size can be wrong
  let written = 0;
  let closed!: () => void;
  const done = new Promise<void>((resolve) => (closed = resolve));
  const { url } = await rawServer(t, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', ...(options.contentLength ? { 'Content-Length': String(total + 2) } : {}) });
    res.write('{');
    res.on('close', closed);
    const pump = () => {
      while (written < total && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end('}');
    };
    pump();
  });
  return { url, written: () => written, closed: done };
}

for (const contentLength of [false, true]) {
  // The timeout turns "the client never hangs up" (the server waits forever) into a failure.
  test(`a 200 MiB reply (${contentLength ? 'with' : 'without'} Content-Length) is refused as malformed after at most a few MiB, quickly`, { timeout: 30_000 }, async (t) => {
    const total = 200 * MiB;
    const server = await hugeReply(t, total, { contentLength });
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const error = await rejection(clientFor(server.url, 60_000).submitVideo({ prompt: 'p' }));
    assert.ok(error instanceof MalformedReplyError, String(error));
    assert.match(error.detail, /larger than 1 MiB/);
    // The reply came after the POST reached Giggle: the submission may exist.
    assert.equal(error.outcomeUnknown, true);
    await server.closed; // the client hung up instead of draining the rest
    assert.ok(server.written() < 32 * MiB, `the server could write only ${server.written()} bytes before the client hung up`);
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 64 * MiB, 'memory stays bounded');
    assert.ok(Date.now() - started < 10_000, 'it ends quickly, not at the request timeout');
  });
}

test('a reply just under the limit is read in full', async (t) => {
  const padding = ' '.repeat(MiB - 200);
  const { url: base } = await rawServer(t, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(`{"code":200,"data":{"task_id":"big-ok"}${padding}}`);
  });
  assert.deepEqual(await clientFor(base).submitVideo({ prompt: 'p' }), { taskId: 'big-ok', operation: 'textToVideo' });
});

test('an oversized error page keeps its HTTP status (a 502 is still a 502)', async (t) => {
  const { url: base } = await rawServer(t, (_req, res) => {
    res.writeHead(502, 'Bad Gateway', { 'Content-Type': 'text/html' });
    res.end(`<html>${'x'.repeat(2 * MiB)}</html>`);
  });
  const error = await rejection(clientFor(base).queryVideoTask('t'));
  assert.ok(error instanceof ApiError, String(error));
  assert.equal(error.httpStatus, 502);
});
