import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DownloadError, downloadToFile, freeFileName, videoFileName } from '../../../src/media/download';
import type { DownloadProgress } from '../../../src/media/download';

const SIGNATURE = 'SIGabc123XYZ';
const QUERY = `?Policy=POLxyz&Signature=${SIGNATURE}&Key-Pair-Id=KPID42`;
const BODY = Buffer.alloc(256 * 1024 + 17, 0).map((_, i) => (i * 7) % 251);
const GZIPPED = gzipSync(BODY);

let server: Server;
let base = '';
let dir = '';
/** Responses held open by /slow, released on demand. */
const held: ServerResponse[] = [];
const requests: string[] = [];

function releaseHeld(): void {
  for (const res of held.splice(0)) res.end(BODY.subarray(1000));
}

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'giggle-download-'));
  server = createServer((req, res) => {
    const route = (req.url ?? '').split('?')[0];
    requests.push(route);
    switch (route) {
      case '/video.mp4':
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(BODY.length) });
        // In pieces, so progress is reported more than once.
        res.write(BODY.subarray(0, 100_000));
        setTimeout(() => res.end(BODY.subarray(100_000)), 5);
        return;
      case '/gzip-negotiated.mp4': {
        // A CDN that compresses when the client says it may (node-fetch says so unless told otherwise).
        const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        const payload = gzip ? GZIPPED : BODY;
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(payload.length), ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
        res.end(payload);
        return;
      }
      case '/gzip-always.mp4':
        // A misconfigured server that compresses whatever was asked: Content-Length counts compressed bytes.
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(GZIPPED.length), 'content-encoding': 'gzip' });
        res.end(GZIPPED);
        return;
      case '/gzip-short.mp4':
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(GZIPPED.length), 'content-encoding': 'gzip' });
        res.write(GZIPPED.subarray(0, GZIPPED.length >> 1), () => setTimeout(() => res.socket?.destroy(), 10));
        return;
      case '/expired.mp4':
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end('<Error><Code>AccessDenied</Code></Error>');
        return;
      case '/broken.mp4':
        res.writeHead(500);
        res.end('oops');
        return;
      case '/short.mp4':
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(BODY.length) });
        res.write(BODY.subarray(0, 5000), () => setTimeout(() => res.socket?.destroy(), 10));
        return;
      case '/moved.mp4':
        // A CDN's redirect; the response is held open a moment, so its connection closes after the next one opened.
        res.writeHead(302, { location: `/unhurried.mp4${QUERY}` });
        res.write('moved');
        setTimeout(() => res.end(), 200);
        return;
      case '/to-file.mp4':
        res.writeHead(302, { location: 'file:///etc/passwd' });
        res.end();
        return;
      case '/to-plain-http.mp4':
        // Plain http off this machine (never reached: the redirect is refused before any connection).
        res.writeHead(301, { location: `http://cdn.example/v.mp4${QUERY}` });
        res.end();
        return;
      case '/loop.mp4':
        res.writeHead(307, { location: `/loop.mp4${QUERY}` });
        res.end();
        return;
      case '/unhurried.mp4':
        // Complete, but slower than the cut-short grace period.
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(BODY.length) });
        res.write(BODY.subarray(0, 1000));
        setTimeout(() => res.end(BODY.subarray(1000)), 1_500);
        return;
      case '/slow.mp4':
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(BODY.length) });
        res.write(BODY.subarray(0, 1000));
        held.push(res); // the rest comes when the test releases it, or never
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

async function freshFolder(name: string): Promise<string> {
  const folder = path.join(dir, name);
  await rm(folder, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(folder, { recursive: true }));
  return folder;
}

const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- downloadToFile

test('downloads the whole file under its name, reports progress, and leaves no .part', async () => {
  const folder = await freshFolder('ok');
  const destination = path.join(folder, 'video.mp4');
  const progress: DownloadProgress[] = [];
  const bytes = await downloadToFile(`${base}/video.mp4${QUERY}`, destination, { onProgress: (p) => progress.push(p) });
  assert.equal(bytes, BODY.length);
  assert.ok((await readFile(destination)).equals(BODY));
  assert.deepEqual(await readdir(folder), ['video.mp4']);
  assert.ok(progress.length >= 2, 'progress reported once only');
  assert.deepEqual(progress.at(-1), { received: BODY.length, total: BODY.length });
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i].received > progress[i - 1].received);
});

for (const route of ['gzip-negotiated', 'gzip-always']) {
  test(`a compressed reply (${route}) is saved whole, not refused as "stopped early"`, async () => {
    const folder = await freshFolder(route);
    const destination = path.join(folder, 'video.mp4');
    const bytes = await downloadToFile(`${base}/${route}.mp4${QUERY}`, destination);
    assert.equal(bytes, BODY.length);
    assert.ok((await readFile(destination)).equals(BODY));
    assert.deepEqual(await readdir(folder), ['video.mp4']);
  });
}

test('a compressed reply cut short still fails and leaves nothing behind', async () => {
  const folder = await freshFolder('gzip-short');
  await assert.rejects(downloadToFile(`${base}/gzip-short.mp4${QUERY}`, path.join(folder, 'v.mp4')), DownloadError);
  assert.deepEqual(await readdir(folder), []);
});

test('the file appears under its real name only once complete', async () => {
  const folder = await freshFolder('atomic');
  const destination = path.join(folder, 'video.mp4');
  const download = downloadToFile(`${base}/slow.mp4${QUERY}`, destination);
  await settle(50);
  assert.deepEqual(await readdir(folder), ['video.mp4.part'], 'the real name exists before the download finished');
  releaseHeld();
  assert.equal(await download, BODY.length);
  assert.deepEqual(await readdir(folder), ['video.mp4']);
  assert.ok((await readFile(destination)).equals(BODY));
});

test('a 403 says the link has probably expired, without the signed query, and leaves nothing behind', async () => {
  const folder = await freshFolder('expired');
  const error = await downloadToFile(`${base}/expired.mp4${QUERY}`, path.join(folder, 'v.mp4')).catch((e: unknown) => e);
  assert.ok(error instanceof DownloadError);
  assert.equal(error.status, 403);
  assert.match(error.message, /expired/);
  assert.match(error.message, /expired\.mp4/);
  assert.ok(!error.message.includes(SIGNATURE), error.message);
  assert.ok(!error.message.includes('Policy='), error.message);
  assert.deepEqual(await readdir(folder), []);
});

test('another HTTP error is reported with its status, without the signed query', async () => {
  const folder = await freshFolder('500');
  const error = await downloadToFile(`${base}/broken.mp4${QUERY}`, path.join(folder, 'v.mp4')).catch((e: unknown) => e);
  assert.ok(error instanceof DownloadError);
  assert.equal(error.status, 500);
  assert.ok(!error.message.includes(SIGNATURE));
  assert.deepEqual(await readdir(folder), []);
});

test('a body cut short fails and leaves neither the file nor a .part', async () => {
  const folder = await freshFolder('short');
  // A short idle timeout: see the next test for why it is needed.
  await assert.rejects(downloadToFile(`${base}/short.mp4${QUERY}`, path.join(folder, 'v.mp4'), { timeoutMs: 300 }), DownloadError);
  assert.deepEqual(await readdir(folder), []);
});

test(
  'a body cut short is reported as such at once, not after the idle timeout',
  async () => {
    const folder = await freshFolder('short-prompt');
    const controller = new AbortController();
    const download = downloadToFile(`${base}/short.mp4${QUERY}`, path.join(folder, 'v.mp4'), { signal: controller.signal });
    const outcome = await Promise.race([download.then(() => 'resolved', (error: Error) => error.message), settle(2_000).then(() => 'still pending')]);
    controller.abort();
    await download.catch(() => undefined);
    assert.match(outcome, /stopped early|connection/);
  },
);

test('a redirected download that takes its time is not mistaken for one cut short', async () => {
  const folder = await freshFolder('redirect');
  const file = path.join(folder, 'v.mp4');
  assert.equal(await downloadToFile(`${base}/moved.mp4${QUERY}`, file), BODY.length);
  assert.deepEqual(await readFile(file), BODY);
});

test('a redirect to a file: link, or to plain http off this machine, is refused and saves nothing', async () => {
  const folder = await freshFolder('unsafe-redirect');
  const file = path.join(folder, 'v.mp4');
  await assert.rejects(downloadToFile(`${base}/to-file.mp4${QUERY}`, file), (error: Error) => {
    assert.ok(error instanceof DownloadError);
    assert.match(error.message, /redirected to a file: link, which is not downloaded/);
    return true;
  });
  await assert.rejects(downloadToFile(`${base}/to-plain-http.mp4${QUERY}`, file), (error: Error) => {
    assert.match(error.message, /redirected to a http: link/);
    assert.doesNotMatch(error.message, new RegExp(SIGNATURE));
    return true;
  });
  await assert.rejects(downloadToFile(`${base}/loop.mp4${QUERY}`, file), /redirected more than 5 times/);
  assert.deepEqual(await readdir(folder), [], 'nothing saved, no .part left');
});

test('cancelling mid-body stops the download and leaves no .part', async () => {
  const folder = await freshFolder('cancel');
  const controller = new AbortController();
  const download = downloadToFile(`${base}/slow.mp4${QUERY}`, path.join(folder, 'v.mp4'), { signal: controller.signal });
  await settle(50);
  controller.abort();
  await assert.rejects(download, (error: unknown) => error instanceof DownloadError && /cancelled/.test(error.message));
  assert.deepEqual(await readdir(folder), []);
  releaseHeld();
});

test('a stalled download is stopped after the idle timeout and leaves no .part', async () => {
  const folder = await freshFolder('stall');
  const download = downloadToFile(`${base}/slow.mp4${QUERY}`, path.join(folder, 'v.mp4'), { timeoutMs: 100 });
  await assert.rejects(download, (error: unknown) => error instanceof DownloadError && /stalled/.test(error.message));
  assert.deepEqual(await readdir(folder), []);
  releaseHeld();
});

test('an unreachable server fails without quoting the signed query', async () => {
  const folder = await freshFolder('refused');
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const error = await downloadToFile(`http://127.0.0.1:${port}/v.mp4${QUERY}`, path.join(folder, 'v.mp4')).catch((e: unknown) => e);
  assert.ok(error instanceof Error);
  assert.ok(!error.message.includes(SIGNATURE), error.message);
  assert.deepEqual(await readdir(folder), []);
});

test('an existing file is never overwritten', async () => {
  const folder = await freshFolder('exists');
  const destination = path.join(folder, 'v.mp4');
  await writeFile(destination, 'my precious video');
  await assert.rejects(downloadToFile(`${base}/video.mp4${QUERY}`, destination));
  assert.equal(await readFile(destination, 'utf8'), 'my precious video');
  assert.deepEqual(await readdir(folder), ['v.mp4']);
});

test('two downloads to the same name at once: the first still completes, the second fails and touches nothing', async () => {
  const folder = await freshFolder('twice');
  const destination = path.join(folder, 'v.mp4');
  const first = downloadToFile(`${base}/slow.mp4${QUERY}`, destination);
  await settle(50);
  await assert.rejects(downloadToFile(`${base}/video.mp4${QUERY}`, destination));
  releaseHeld();
  assert.equal(await first, BODY.length, 'the first download was broken by the second');
  assert.ok((await readFile(destination)).equals(BODY));
  assert.deepEqual(await readdir(folder), ['v.mp4']);
});

// ---------------------------------------------------------------- file names

test('freeFileName never returns an existing file', async () => {
  const folder = await freshFolder('names');
  assert.equal(await freeFileName(folder, 'clip.mp4'), path.join(folder, 'clip.mp4'));
  await writeFile(path.join(folder, 'clip.mp4'), '1');
  await writeFile(path.join(folder, 'clip (2).mp4'), '2');
  assert.equal(await freeFileName(folder, 'clip.mp4'), path.join(folder, 'clip (3).mp4'));
  await writeFile(path.join(folder, 'noext'), 'x');
  assert.equal(await freeFileName(folder, 'noext'), path.join(folder, 'noext (2)'));
  // Repeatedly taking the returned name never collides.
  const taken = new Set(await readdir(folder));
  for (let i = 0; i < 5; i++) {
    const name = await freeFileName(folder, 'clip.mp4');
    assert.ok(!taken.has(path.basename(name)), name);
    await writeFile(name, 'x');
    taken.add(path.basename(name));
  }
});

test('freeFileName skips a name whose download is in progress (.part present)', async () => {
  const folder = await freshFolder('parts');
  await writeFile(path.join(folder, 'clip.mp4.part'), 'partial');
  assert.equal(await freeFileName(folder, 'clip.mp4'), path.join(folder, 'clip (2).mp4'));
});

test('videoFileName is a safe, readable, single path segment', () => {
  assert.equal(videoFileName('A red fox, in the SNOW!', '1234567890abcdef'), 'giggle-a-red-fox-in-the-snow-12345678.mp4');
  assert.equal(videoFileName('Café crème', 'abcdefgh'), 'giggle-cafe-creme-abcdefgh.mp4');
  assert.equal(videoFileName('', 'abcdefgh'), 'giggle-video-abcdefgh.mp4');
  assert.equal(videoFileName('🦊🦊', 'abcdefgh'), 'giggle-video-abcdefgh.mp4');
  assert.equal(videoFileName('fox', 'abcdefgh', 1), 'giggle-fox-abcdefgh-2.mp4');
  const hostile = ['../../etc/passwd', 'a/b\\c:d*e?f"g<h>i|j', 'CON', ' . . ', '\u0000nul', 'x'.repeat(500), '-- leading and trailing --'];
  for (const prompt of hostile) {
    const name = videoFileName(prompt, 'abcdefgh');
    assert.match(name, /^giggle-[a-z0-9]+(?:-[a-z0-9]+)*-abcdefgh\.mp4$/, `${JSON.stringify(prompt)} → ${name}`);
    assert.equal(path.basename(name), name);
    assert.ok(name.length <= 'giggle-'.length + 40 + '-abcdefgh.mp4'.length, name);
  }
});
