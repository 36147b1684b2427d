import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSafeLink, linkKind } from '../../../src/giggle/linkGuard';

test('https links are used, and http only to this machine (the simulator)', () => {
  for (const url of [
    'https://cdn.giggle.pro/v/a.mp4?Expires=1&Signature=a~b&Key-Pair-Id=K',
    'HTTPS://CDN.GIGGLE.PRO/v/a.mp4',
    'http://127.0.0.1:8787/media/video/x.mp4?Signature=s',
    'http://127.0.0.2:9000/media/x.mp4',
    'http://localhost:8787/x.mp4',
    'http://[::1]:8787/x.mp4',
  ]) {
    assert.equal(isSafeLink(url), true, url);
  }
});

test('every other scheme, and http to another host, is refused', () => {
  for (const url of [
    'vscode://giggle-community.giggle-video/run?x=1',
    'vscode-insiders://ms-vscode.foo/bar',
    'file:///etc/passwd',
    'file://server/share/x.mp4',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'command:giggle.clearApiKey',
    'ftp://example.com/x.mp4',
    'http://cdn.giggle.pro/v/a.mp4',
    'http://127.0.0.1.evil.example/x.mp4',
    'http://localhost.evil.example/x.mp4',
    ' https://cdn.giggle.pro/a.mp4',
    '\thttps://cdn.giggle.pro/a.mp4',
    'https://cdn.giggle.pro/a b.mp4',
    'https:///nohost',
    '//cdn.giggle.pro/a.mp4',
    '/media/video/x.mp4',
    '',
  ]) {
    assert.equal(isSafeLink(url), false, JSON.stringify(url));
  }
  for (const value of [undefined, null, 42, {}, ['https://a.b']]) assert.equal(isSafeLink(value), false);
});

test('linkKind names the scheme only, never the (possibly signed) link', () => {
  assert.equal(linkKind('vscode://giggle-community.giggle-video/run?Signature=SECRET'), 'vscode:');
  assert.equal(linkKind('FILE:///etc/passwd'), 'file:');
  assert.equal(linkKind('javascript:alert(1)'), 'javascript:');
  assert.equal(linkKind('http://cdn.example/x?Signature=SECRET'), 'http:');
  assert.equal(linkKind('no scheme here'), '(not a link)');
  assert.equal(linkKind(undefined), '(none)');
});
