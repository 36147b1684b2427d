/**
 * The generator panel's HTML shell: a strict Content-Security-Policy with a
 * per-load nonce, the stylesheet and script from the extension's own folders,
 * and the boot data the form needs to render before any message arrives
 * (that first paint is what the 400 ms "interactive" budget measures).
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
 * and fonts only from the webview's resource origin, images from there or as
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
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface ShellOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  codiconUri: string;
  boot: PanelBootData;
}

export function renderPanelHtml(options: ShellOptions): string {
  const { cspSource, nonce, scriptUri, styleUri, codiconUri, boot } = options;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(buildCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(codiconUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>Giggle Generator</title>
</head>
<body data-boot="${escapeAttribute(JSON.stringify(boot))}">
<main id="app" aria-busy="true"><p class="loading">Loading the generator…</p></main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
}
