/**
 * Failures that happen before a request leaves the machine: a certificate
 * Node refuses, a host name that does not resolve, a base URL that is not an
 * http(s) URL. Nothing reached Giggle, so a submission is safe to send again:
 * these must never be "outcome unknown" (which blocks Submit Again behind a
 * warning and tells the user they may have paid). All servers are on loopback;
 * the `.invalid` name fails in this process (test/support/unresolvableHosts.ts),
 * so no query leaves the machine.
 */
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GiggleClient } from '../../../src/giggle/client';
import { NetworkError } from '../../../src/giggle/errors';
import { KEY, rejection } from './harness';
import { refuseInvalidHostLookups } from '../../support/unresolvableHosts';

const clientFor = (baseUrl: string) => new GiggleClient({ baseUrl, getApiKey: () => KEY, timeoutMs: 10_000 });

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** An HTTPS server on 127.0.0.1 with a throwaway self-signed certificate; counts the requests that reached it. */
async function selfSignedServer(t: TestContext): Promise<{ url: string; requests: () => number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'giggle-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], {
    stdio: 'ignore',
  });
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
    requests++;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ code: 200, data: { task_id: 'should-never-happen' } }));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

test('a certificate Node refuses (self-signed) is a TLS failure with nothing sent, not "outcome unknown"', { skip: !hasOpenssl() && 'openssl is not installed' }, async (t) => {
  const server = await selfSignedServer(t);
  const error = await rejection(clientFor(server.url).submitVideo({ prompt: 'p' }));
  assert.ok(error instanceof NetworkError, String(error));
  assert.equal(error.cause, 'tls');
  assert.equal(error.outcomeUnknown, false);
  assert.match(error.message, /certificate/);
  assert.doesNotMatch(error.message, /may still have taken effect/);
  assert.equal(server.requests(), 0, 'the server never saw a request');
});

test('a host name that does not resolve is a DNS failure with nothing sent', async (t) => {
  t.after(refuseInvalidHostLookups());
  const error = await rejection(clientFor('https://giggle-test-host.invalid').submitVideo({ prompt: 'p' }));
  assert.ok(error instanceof NetworkError, String(error));
  assert.equal(error.cause, 'dns');
  assert.equal(error.outcomeUnknown, false);
});

for (const baseUrl of ['giggle.pro', 'https://', 'https://gig gle.pro', 'ftp://giggle.pro', 'http://[::1', 'javascript:alert(1)']) {
  test(`a malformed base URL (${JSON.stringify(baseUrl)}) is refused before sending, never "outcome unknown"`, async () => {
    const error = await rejection(clientFor(baseUrl).submitVideo({ prompt: 'p' }));
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.cause, 'badUrl');
    assert.equal(error.outcomeUnknown, false);
    assert.match(error.message, /giggle\.apiBaseUrl/);
    assert.match(error.message, /nothing was sent/);
  });
}
