// Bundles the extension host code (Node, CommonJS, `vscode` external) and,
// separately, the generator panel's browser code. Minified by default so the
// bundle-size budget in BENCHMARKS.md is measured on what users install.
import * as esbuild from 'esbuild';
import { copyCodicons } from './scripts/copy-codicons.mjs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));
const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  logLevel: 'info',
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions} */
const host = {
  ...common,
  entryPoints: [path.join(root, 'src/extension.ts')],
  outfile: path.join(root, 'dist/extension.js'),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  // node-fetch@2 pulls in whatwg-url (and tr46's 250 KB mapping table) only to
  // polyfill URL on very old Nodes; Node 20's own URL serves it, so alias it.
  // `encoding` is an optional peer node-fetch requires inside a try/catch.
  alias: { 'whatwg-url': path.join(root, 'src/platform/whatwgUrlShim.ts') },
  plugins: [
    {
      name: 'optional-encoding',
      setup(build) {
        build.onResolve({ filter: /^encoding$/ }, () => ({ path: 'encoding', external: true }));
      },
    },
  ],
};

/** @type {import('esbuild').BuildOptions} */
const webview = {
  ...common,
  entryPoints: [path.join(root, 'src/webview/main.ts')],
  outfile: path.join(root, 'dist/webview.js'),
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  tsconfig: path.join(root, 'src/webview/tsconfig.json'),
};

const builds = [host];
import { existsSync } from 'node:fs';
if (existsSync(webview.entryPoints[0])) builds.push(webview);

if (watch) {
  copyCodicons();
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  copyCodicons();
}
