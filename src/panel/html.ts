/**
 * The generator panel's HTML shell: a strict Content-Security-Policy with a
 * per-load nonce, the webview bundle and stylesheet inlined under that nonce,
 * and the boot data the form needs to render before any message arrives
 * (that first paint is what the 400 ms "interactive" budget measures).
 * Inlined because every resource a webview loads makes a round trip through
 * the workbench (in code-server, over the network): with the two files
 * fetched, the document needed ≈ 120 ms to an interactive form, inlined
 * ≈ 50 ms (bench/activation.mjs). The codicon stylesheet, which carries a
 * font with a relative URL, stays a link, placed after the script so the
 * form does not wait for it.
 * The translation bundle rides along as a JSON data block (never executed,
 * so the CSP needs nothing for it): the webview configures @vscode/l10n with
 * it before it renders. The shell's own text comes translated from the host.
 * Pure string building, no `vscode`, so it is unit-tested in plain Node.
 */
import { randomBytes } from 'node:crypto';
import type { PanelBootData } from '../shared/protocol';

/** A fresh nonce for every HTML load: 128 random bits, base64. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Nothing loads unless listed: scripts only with the nonce (the bundle), styles
 * with the nonce (the inlined stylesheet) or from the webview's resource origin
 * (codicons), fonts only from there, images from there or as
 * data: URLs (the thumbnails the host sends). No connect-src: the webview
 * never talks to the network, only to the host.
 */
export function buildCsp(cspSource: string, nonce: string): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error('the CSP nonce must be base64 of at least 16 characters');
  // cspSource is a source list ("'self' https://*.vscode-cdn.net" in code-server); it must not end the directive.
  if (/[;,\r\n]/.test(cspSource)) throw new Error('unexpected characters in the webview cspSource');
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface ShellOptions {
  cspSource: string;
  nonce: string;
  /** The webview bundle's text, inlined (see renderPanelHtml). */
  script: string;
  /** The panel stylesheet's text, inlined. */
  style: string;
  codiconUri: string;
  boot: PanelBootData;
  /** The display language (vscode.env.language), e.g. `en` or `zh-cn`. */
  lang: string;
  /** The document title and the line shown until the script renders the form, already translated. */
  title: string;
  loading: string;
  /** The extension's translation bundle (vscode.l10n.bundle), `{}` for English: strings only. */
  l10n: Record<string, unknown>;
}

/** The id of the JSON data block that carries the translation bundle to the webview. */
export const L10N_ELEMENT_ID = 'giggle-l10n';

export function renderPanelHtml(options: ShellOptions): string {
  const { cspSource, nonce, codiconUri, boot } = options;
  const lang = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(options.lang) ? options.lang : 'en';
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(buildCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${escapeAttribute(nonce)}">${inlineText(options.style, 'style')}</style>
<title>${escapeAttribute(options.title)}</title>
</head>
<body data-boot="${escapeAttribute(JSON.stringify(boot))}">
<main id="app" aria-busy="true"><p class="loading">${escapeAttribute(options.loading)}</p></main>
<script type="application/json" id="${L10N_ELEMENT_ID}">${jsonForScriptBlock(options.l10n)}</script>
<script nonce="${escapeAttribute(nonce)}">${inlineText(options.script, 'script')}</script>
<link rel="stylesheet" href="${escapeAttribute(codiconUri)}" id="vscode-codicon-stylesheet">
</body>
</html>`;
}

/** Text for an inline <script> or <style> element, which must not contain its own end tag. */
function inlineText(text: string, element: 'script' | 'style'): string {
  if (new RegExp(`</${element}`, 'i').test(text)) throw new Error(`the inlined ${element} contains </${element}`);
  return text;
}

export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
}

/**
 * JSON that can sit inside a <script> element: `<` (so neither `</script>`
 * nor `<!--` can appear), `>`, `&` and the two JavaScript line separators are
 * written as \u escapes, which JSON.parse reads back unchanged.
 */
export function jsonForScriptBlock(value: unknown): string {
  return (JSON.stringify(value ?? {}) ?? '{}').replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
