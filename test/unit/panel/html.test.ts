import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCsp, escapeAttribute, makeNonce, renderPanelHtml } from '../../../src/panel/html';

const SOURCE = 'https://*.vscode-cdn.net';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

test('the CSP allows only the nonce-bearing script and the webview origin', () => {
  const nonce = makeNonce();
  const csp = directives(buildCsp(SOURCE, nonce));
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(csp.get('style-src'), [SOURCE]);
  assert.deepEqual(csp.get('font-src'), [SOURCE]);
  assert.deepEqual(csp.get('img-src'), [SOURCE, 'data:']);
  for (const values of csp.values()) {
    assert.ok(!values.includes("'unsafe-inline'") && !values.includes("'unsafe-eval'") && !values.includes('*'), values.join(' '));
  }
  assert.equal(csp.has('connect-src'), false, 'connect-src falls back to default-src none');
});

test('nonces are fresh and long enough', () => {
  const nonces = new Set(Array.from({ length: 50 }, makeNonce));
  assert.equal(nonces.size, 50);
  for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
});

test('buildCsp refuses a nonce or source that could inject directives', () => {
  assert.throws(() => buildCsp(SOURCE, "abc'; script-src *"));
  assert.throws(() => buildCsp(SOURCE, 'short'));
  assert.throws(() => buildCsp(`${SOURCE}; script-src *`, makeNonce()));
  assert.throws(() => buildCsp(`${SOURCE}\nscript-src *`, makeNonce()));
  // code-server's source list has several entries.
  assert.match(buildCsp("'self' https://*.vscode-cdn.net", makeNonce()), /img-src 'self' https:\/\/\*\.vscode-cdn\.net data:/);
});

test('the shell carries the CSP, one nonce-bearing script and escaped boot data', () => {
  const nonce = makeNonce();
  const html = renderPanelHtml({
    cspSource: SOURCE,
    nonce,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
    codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
    boot: { defaults: { model: '"><script>alert(1)</script>', aspectRatio: '16:9', resolution: '720p', mvAspect: '16:9' }, maxImageBytes: 10 },
  });
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(scripts.length, 1);
  assert.ok(scripts[0].includes(`nonce="${nonce}"`) && scripts[0].includes('/dist/webview.js'));
  assert.doesNotMatch(html, /<script>alert/);
  const boot = /data-boot="([^"]*)"/.exec(html)?.[1] ?? '';
  const decoded = boot.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  assert.equal(JSON.parse(decoded).defaults.model, '"><script>alert(1)</script>');
});

test('escapeAttribute escapes every character that could end an attribute', () => {
  assert.equal(escapeAttribute(`a&b"c'd<e>f`), 'a&amp;b&quot;c&#39;d&lt;e&gt;f');
});
