import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCsp, escapeAttribute, jsonForScriptBlock, makeNonce, renderPanelHtml } from '../../../src/panel/html';
import type { ShellOptions } from '../../../src/panel/html';

const SOURCE = 'https://*.vscode-cdn.net';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

test('the CSP allows only the nonce-bearing script and style, and the webview origin', () => {
  const nonce = makeNonce();
  const csp = directives(buildCsp(SOURCE, nonce));
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(csp.get('style-src'), [SOURCE, `'nonce-${nonce}'`]);
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

function shell(overrides: Partial<ShellOptions> = {}): ShellOptions {
  return {
    cspSource: SOURCE,
    nonce: makeNonce(),
    script: 'void "the webview bundle";',
    style: 'main { display: grid; }',
    codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
    boot: { defaults: { model: 'grok', aspectRatio: '16:9', resolution: '720p', mvAspect: '16:9' }, maxImageBytes: 10 },
    lang: 'en',
    title: 'Giggle Generator',
    loading: 'Loading the generator…',
    l10n: {},
    ...overrides,
  };
}

test('the shell carries the CSP, one nonce-bearing script and escaped boot data', () => {
  const nonce = makeNonce();
  const html = renderPanelHtml(
    shell({ nonce, boot: { defaults: { model: '"><script>alert(1)</script>', aspectRatio: '16:9', resolution: '720p', mvAspect: '16:9' }, maxImageBytes: 10 } }),
  );
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !tag.includes('type="application/json"'));
  assert.equal(scripts.length, 1);
  assert.ok(scripts[0].includes(`nonce="${nonce}"`));
  assert.ok(html.includes(`>void "the webview bundle";</script>`), 'the bundle is inlined');
  assert.doesNotMatch(html, /<script>alert/);
  const boot = /data-boot="([^"]*)"/.exec(html)?.[1] ?? '';
  const decoded = boot.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  assert.equal(JSON.parse(decoded).defaults.model, '"><script>alert(1)</script>');
});

test('escapeAttribute escapes every character that could end an attribute', () => {
  assert.equal(escapeAttribute(`a&b"c'd<e>f`), 'a&amp;b&quot;c&#39;d&lt;e&gt;f');
});

test('the translation bundle rides along as JSON the webview reads back exactly, and cannot end its element', () => {
  const bundle = {
    'Prompt': '提示词',
    'Estimated price: {0} credits': '预计价格：{0} 积分',
    '</script><script>alert(1)</script>': '<!-- x --> & \u2028 "quoted"',
  };
  const html = renderPanelHtml(shell({ l10n: bundle, lang: 'zh-cn', title: 'Giggle 生成器', loading: '正在加载生成器…' }));
  const block = /<script type="application\/json" id="giggle-l10n">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(block, 'a JSON data block with the id giggle-l10n');
  assert.doesNotMatch(block[1], /[<>&]/, 'no character that could end the element or start a comment');
  assert.deepEqual(JSON.parse(block[1]), bundle);
  // The webview's own script comes after the bundle, so the bundle is there when it runs.
  assert.ok(html.indexOf('id="giggle-l10n"') < html.indexOf('the webview bundle'));
  assert.match(html, /<html lang="zh-cn">/);
  assert.match(html, /<title>Giggle 生成器<\/title>/);
  assert.match(html, /<p class="loading">正在加载生成器…<\/p>/);
});

test('English (no bundle) gets an empty object; a strange language tag falls back to en; shell text is escaped', () => {
  const html = renderPanelHtml(shell({ lang: '"><script>', title: '<b>x</b>' }));
  assert.match(html, /<script type="application\/json" id="giggle-l10n">\{\}<\/script>/);
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<title>&lt;b&gt;x&lt;\/b&gt;<\/title>/);
  assert.equal(jsonForScriptBlock(undefined), '{}');
  assert.equal(jsonForScriptBlock({ a: '</script>' }), '{"a":"\\u003c/script\\u003e"}');
});
