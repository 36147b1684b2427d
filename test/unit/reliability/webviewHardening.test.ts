// Webview hardening, the pure parts: the generator panel's Content-Security-
// Policy and HTML shell (src/panel/html.ts), the message protocol
// (src/shared/protocol.ts: every message strict and bounded), and the built
// webview bundle (nothing that a strict CSP would have to allow). The panel's
// webview options (localResourceRoots) are checked in the real extension host:
// test/integration/secrets.test.ts, suite "Webview hardening".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type * as z from 'zod/v4-mini';
import { buildCsp, makeNonce, renderPanelHtml } from '../../../src/panel/html';
import { MAX_DROPPED_BASE64, parseWebviewMessage, webviewMessageSchema } from '../../../src/shared/protocol';
import { webviewBuildOptions } from '../../../scripts/lib/webviewBuild.mjs';

// code-server's cspSource is a list; VS Code desktop's a single origin.
const SOURCES = ["'self' https://*.vscode-cdn.net", 'https://*.vscode-cdn.net'];

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test('CSP: default none, scripts only by nonce, no unsafe-inline / unsafe-eval anywhere, no network, no forms, no base', () => {
  for (const source of SOURCES) {
    const nonce = makeNonce();
    const csp = directives(buildCsp(source, nonce));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`], 'scripts: the nonce and nothing else');
    for (const [name, values] of csp) {
      for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'http:', 'https:']) {
        assert.ok(!values.includes(bad), `${name} allows ${bad}`);
      }
    }
    for (const name of ['connect-src', 'frame-src', 'child-src', 'worker-src', 'object-src', 'media-src']) {
      assert.ok(!csp.has(name), `${name} is not opened (falls back to default-src 'none')`);
    }
    assert.deepEqual(csp.get('form-action'), ["'none'"], 'forms submit nowhere');
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
  }
});

test('CSP: a source or nonce that tries to add a directive is refused', () => {
  assert.throws(() => buildCsp("https://x; script-src 'unsafe-inline'", makeNonce()));
  assert.throws(() => buildCsp('https://x\nscript-src *', makeNonce()));
  assert.throws(() => buildCsp(SOURCES[1], "abcdefghijklmnop' 'unsafe-inline"));
  assert.throws(() => buildCsp(SOURCES[1], ''));
});

test('HTML shell: the CSP meta comes first; the only code and style are the inlined bundle and stylesheet, carrying the nonce; no handler', () => {
  const nonce = makeNonce();
  // The bundle and stylesheet are inlined (no resource round trips before the form is interactive);
  // they are the extension's own files, and nothing the user or Giggle wrote reaches them.
  const script = 'console.log("bundle")';
  const style = 'body { color: red; }';
  const html = renderPanelHtml({
    cspSource: SOURCES[0],
    nonce,
    script,
    style,
    codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
    boot: { defaults: { model: "</script><script>alert('x')</script>", aspectRatio: '" onload="x()', resolution: '720p', mvAspect: '16:9' }, maxImageBytes: 1 },
    lang: 'en',
    title: '</title><script>alert(1)</script>',
    loading: '<img src=x>',
    // A hostile translation bundle: it must stay inert data.
    l10n: { Prompt: "</script><script>alert('l10n')</script>", Remove: '<!--', Video: '" onclick="x()' },
  });
  const head = html.slice(0, html.indexOf('</head>'));
  const metaAt = head.indexOf('http-equiv="Content-Security-Policy"');
  assert.ok(metaAt > 0, 'a CSP meta tag');
  assert.ok(metaAt < head.indexOf('<style'), 'before any style');
  const elements = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  // The translations travel as a JSON data block: never executed, so it needs (and gets) no nonce.
  const data = elements.filter((element) => /\btype="application\/json"/.test(element[1]));
  const scripts = elements.filter((element) => !data.includes(element));
  assert.equal(data.length, 1, 'one JSON data block (the translations)');
  assert.match(data[0][1], /^ type="application\/json" id="giggle-l10n"$/, 'no nonce, no src, nothing else');
  assert.doesNotMatch(data[0][2], /[<>&]/, 'the data cannot end its element or open a comment');
  assert.equal((JSON.parse(data[0][2]) as Record<string, string>).Prompt, "</script><script>alert('l10n')</script>", 'and reads back exactly');
  const nonceAttribute = `nonce="${nonce}"`;
  assert.equal(scripts.length, 1, 'one executable script element');
  assert.equal(scripts[0][1], ` ${nonceAttribute}`, 'it carries the nonce and nothing else');
  assert.equal(scripts[0][2], script, 'its code is exactly the bundle');
  const styles = [...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/g)];
  assert.equal(styles.length, 1, 'one style element');
  assert.equal(styles[0][1], ` ${nonceAttribute}`);
  assert.equal(styles[0][2], style, 'its rules are exactly the stylesheet');
  assert.doesNotMatch(html, /<img\b/, 'the shell text is escaped');
  // Attribute values (escaped data), the JSON data, the bundle and the stylesheet aside.
  const markup = html.replace(data[0][2], '').replace(script, '').replace(style, '').replace(/"[^"]*"/g, '""');
  assert.doesNotMatch(markup, /\son[a-z]+\s*=/i, 'no inline event handler attribute');
  assert.doesNotMatch(html, /javascript:/i);
});

test('HTML shell: a bundle or stylesheet that would end its own element is refused', () => {
  const base = { cspSource: SOURCES[1], nonce: makeNonce(), codiconUri: 'x', boot: { defaults: { model: 'grok', aspectRatio: '16:9', resolution: '720p', mvAspect: '16:9' }, maxImageBytes: 1 }, lang: 'en', title: 't', loading: 'l', l10n: {} };
  assert.throws(() => renderPanelHtml({ ...base, script: 'a = "</SCRIPT><img src=x onerror=alert(1)>"', style: '' }), /<\/script/);
  assert.throws(() => renderPanelHtml({ ...base, script: '', style: 'p{}</style><script>alert(1)</script>' }), /<\/style/);
});

test('the webview bundle needs nothing a strict CSP forbids (no eval, no new Function, no string timers)', async () => {
  // Built here from the sources with the build's own options: the unit stage runs before `npm run build`,
  // so dist/webview.js may be missing or stale.
  const dir = mkdtempSync(path.join(tmpdir(), 'giggle-webview-'));
  try {
    const outfile = path.join(dir, 'webview.js');
    await esbuild.build({ ...webviewBuildOptions({ outfile }), logLevel: 'silent' });
    checkBundle(readFileSync(outfile, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function checkBundle(code: string): void {
  assert.doesNotMatch(code, /\beval\s*\(/);
  assert.doesNotMatch(code, /\bnew\s+Function\s*\(/);
  assert.doesNotMatch(code, /\bset(Timeout|Interval)\s*\(\s*['"`]/);
  assert.doesNotMatch(code, /\.innerHTML\s*=(?!\s*['"`]{2})/, 'no HTML built from strings (textContent / DOM nodes only)');
  assert.doesNotMatch(code, /<\/script/i, 'it can be inlined into the shell');
}

test('protocol: every webview → host message is strict (unknown keys refused)', () => {
  for (const option of webviewMessageSchema.options) {
    const type = option.shape.type.value;
    assert.equal(option._zod.def.catchall?._zod.def.type, 'never', `"${type}" is strict`);
    assert.equal(parseWebviewMessage({ ...sample(type), injected: true }).ok, false, `"${type}" with an extra key is refused`);
  }
});

/** Every string a message may carry has a maximum length, and every array a maximum size: a runaway webview cannot exhaust the host. */
test('protocol: every string and array in a webview message is bounded', () => {
  const unbounded: string[] = [];
  const checks = (schema: z.core.$ZodType) => (schema._zod.def.checks ?? []).map((c) => (c._zod.def as { check: string }).check);
  const visit = (schema: z.core.$ZodType, where: string): void => {
    const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    if (def.type === 'optional' || def.type === 'nullable') return visit(def.innerType as z.core.$ZodType, where);
    if (def.type === 'pipe') return visit(def.in as z.core.$ZodType, where);
    if (def.type === 'string') {
      const hasMax = checks(schema).some((c) => c === 'max_length' || c === 'length_equals' || c === 'string_format');
      if (!hasMax) unbounded.push(where);
      return;
    }
    if (def.type === 'array') {
      if (!checks(schema).some((c) => c === 'max_length' || c === 'length_equals')) unbounded.push(`${where}[]`);
      return visit(def.element as z.core.$ZodType, `${where}[]`);
    }
    if (def.type === 'object') {
      for (const [key, value] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) visit(value, `${where}.${key}`);
      return;
    }
    if (def.type === 'union') {
      for (const option of def.options as z.core.$ZodType[]) visit(option, where);
    }
  };
  for (const option of webviewMessageSchema.options) visit(option, option.shape.type.value as string);
  // A regex-checked string is bounded only if the regex anchors a length; these are ids ({1,64}).
  assert.deepEqual(unbounded, [], 'unbounded fields');
});

test('protocol: hostile shapes are refused without throwing', () => {
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 5000; i++) cursor = cursor.next = {} as Record<string, unknown>;
  const cases: unknown[] = [
    undefined,
    0,
    [],
    [{ type: 'ready' }],
    { type: { toString: () => 'ready' } },
    { type: 'ready', ...deep },
    { type: 'dropFile', field: 'startFrame', name: 'a.png', base64: 'A'.repeat(MAX_DROPPED_BASE64 + 4) },
    { type: 'dropUris', field: 'startFrame', uris: Array.from({ length: 21 }, () => 'file:///a.png') },
    { type: 'pickImage', field: 'constructor', source: 'workspace' },
    { type: 'submitMusicVideo', requestId: 'x'.repeat(65) },
  ];
  for (const raw of cases) {
    const parsed = parseWebviewMessage(raw);
    assert.equal(parsed.ok, false, String(Object.keys((raw as object) ?? {})).slice(0, 80));
  }
});

function sample(type: string): Record<string, unknown> {
  const frame = { kind: 'missing' };
  switch (type) {
    case 'ready':
      return { type };
    case 'pickImage':
      return { type, field: 'startFrame', source: 'workspace' };
    case 'dropUris':
      return { type, field: 'startFrame', uris: ['file:///a.png'] };
    case 'dropFile':
      return { type, field: 'startFrame', name: 'a.png', base64: 'AAAA' };
    case 'submitVideo':
      return { type, requestId: 'r1', prompt: 'p', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' };
    case 'submitMusicVideo':
      return { type, requestId: 'r1', name: 'n', aspect: '16:9', musicGenerateType: 'prompt', sceneDescription: '', subtitleEnabled: false, referenceImage: frame };
    case 'priceRequest':
      return { type, requestId: 'r1', model: 'grok', duration: 6, withFrames: false };
    case 'revealJob':
      return { type, jobId: 'j1' };
    default:
      return { type };
  }
}
