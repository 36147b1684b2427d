// Each redaction layer on its own (the pure ones; the in-host layers are in
// test/integration/secrets.test.ts). Breaking any one of them fails here:
// the transport (Giggle's error text echoing the key or a signed link), the
// request log entries, the download errors (node-fetch quotes the whole URL),
// the Jobs view's tooltip and details lines, and the panel's refusal reasons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GiggleClient } from '../../../src/giggle/client';
import type { RequestLogEntry } from '../../../src/giggle/client';
import { downloadToFile } from '../../../src/media/download';
import { jobTooltipLines } from '../../../src/views/jobPresentation';
import type { VideoJob } from '../../../src/jobs/jobTypes';
import { parseWebviewMessage } from '../../../src/shared/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const KEY = 'gk-FAKE-SECRET-KEY-unit-4b1e77';
const SIGNATURE = 'FAKESIG~unitSIGNATURE0123456789';
const SIGNED = `https://cdn.giggle.example/video/a.mp4?Expires=1999999999&Policy=eyJ9&Signature=${SIGNATURE}&Key-Pair-Id=KFAKE`;

function assertClean(text: string, what: string): void {
  assert.ok(!text.includes(KEY), `${what} holds the key: ${text}`);
  assert.ok(!text.includes(SIGNATURE), `${what} holds the signature: ${text}`);
  assert.ok(!/Signature=|Policy=|Key-Pair-Id=/.test(text), `${what} holds a signed query: ${text}`);
}

/** A server that answers every request with `reply`. */
async function server(t: { after(fn: () => unknown): void }, reply: (res: ServerResponse) => void): Promise<string> {
  const srv = createServer((_req, res) => reply(res));
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => srv.close(resolve)));
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

test('the transport: Giggle echoing the key and a signed link in an error envelope', async (t) => {
  for (const [status, code] of [
    [200, 40001],
    [500, 500],
    [400, 40002],
  ] as const) {
    const url = await server(t, (res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code, msg: `bad key ${KEY}, see ${SIGNED}`, data: null }));
    });
    const log: RequestLogEntry[] = [];
    const client = new GiggleClient({ baseUrl: url, getApiKey: () => KEY, onRequest: (e) => log.push(e) });
    const error = await client.submitVideo({ prompt: 'x', model: 'grok' }).then(
      () => assert.fail('should fail'),
      (e: Error) => e,
    );
    assertClean(`${error.message} ${JSON.stringify(error)}`, `the error (HTTP ${status})`);
    assert.match(error.message, /https:\/\/cdn\.giggle\.example\/video\/a\.mp4…/, 'the link is shortened, not dropped');
    assertClean(JSON.stringify(log), 'the request log');
  }
});

test('the transport: a failed PUT to a signed upload link names only its path', async (t) => {
  for (const storage of ['http://127.0.0.1:9', await server(t, (res) => { res.writeHead(403); res.end(`<Error>denied ${SIGNATURE}</Error>`); })]) {
    const api = await server(t, (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 200, msg: 'success', data: { object_key: 'uploads/k/a.png', signed_url: `${storage}/upload/uploads/k/a.png?Expires=1999999999&Signature=${SIGNATURE}` } }));
    });
    const log: RequestLogEntry[] = [];
    const client = new GiggleClient({ baseUrl: api, getApiKey: () => KEY, timeoutMs: 2000, uploadTimeoutMs: 2000, onRequest: (e) => log.push(e) });
    const error = await client.uploadAsset({ fileName: 'a.png', contentType: 'image/png', bytes: new Uint8Array([1]) }).then(
      () => assert.fail('should fail'),
      (e: Error) => e,
    );
    assert.match(error.message, /uploading a file/);
    assertClean(`${error.message} ${error.stack}`, 'the error');
    assertClean(JSON.stringify(log), 'the request log');
  }
});

test('downloads: HTTP errors and network errors name host + path + … only', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'giggle-redact-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const url = await server(t, (res) => {
    res.writeHead(500);
    res.end('oops');
  });
  const signedHere = `${url}/media/video/a.mp4?Expires=1999999999&Signature=${SIGNATURE}&Key-Pair-Id=KFAKE`;
  const http = await downloadToFile(signedHere, path.join(dir, 'a.mp4')).then(
    () => assert.fail('should fail'),
    (e: Error) => e,
  );
  assertClean(http.message, 'the HTTP error');
  assert.match(http.message, /\/media\/video\/a\.mp4…/);
  const refused = await downloadToFile(`http://127.0.0.1:9/media/video/b.mp4?Signature=${SIGNATURE}&Key-Pair-Id=KFAKE`, path.join(dir, 'b.mp4')).then(
    () => assert.fail('should fail'),
    (e: Error) => e,
  );
  assertClean(refused.message, 'the network error');
});

test('the Jobs view: tooltip and details lines shorten links, in the job and in its error and fault texts', () => {
  const job: VideoJob = {
    id: 'j1',
    kind: 'video',
    createdAt: 0,
    updatedAt: 0,
    request: { prompt: 'p', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p', startFrame: { kind: 'url', url: 'https://img.example/a.png' } },
    taskId: 't1',
    phase: 'completed',
    urls: [SIGNED],
    lastError: { kind: 'api', message: `failed, see ${SIGNED}`, at: 0 },
    fault: `query failed: ${SIGNED}`,
  };
  const text = jobTooltipLines(job).join('\n');
  assertClean(text, 'the tooltip');
  assert.match(text, /https:\/\/cdn\.giggle\.example\/video\/a\.mp4…/);
});

test('the panel: a refused message is described without its values', () => {
  const parsed = parseWebviewMessage({ type: 'submitVideo', requestId: 'r', prompt: 42, apiKey: KEY, link: SIGNED });
  assert.equal(parsed.ok, false);
  assertClean(parsed.ok ? '' : parsed.reason, 'the reason');
});
