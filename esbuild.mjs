// Bundles the extension host code (Node, CommonJS, `vscode` external) and,
// separately, the generator panel's browser code. Minified by default so the
// bundle-size budget in BENCHMARKS.md is measured on what users install.
import * as esbuild from 'esbuild';
import { copyCodicons } from './scripts/copy-codicons.mjs';
import { webviewBuildOptions } from './scripts/lib/webviewBuild.mjs';
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

// The host code ships as two bundles plus two vendored libraries:
// - dist/extension.js, the core VS Code loads (activation, jobs list, tree,
//   status bar, polling schedule);
// - dist/features.js, required by the core on first need (API client,
//   commands, wizards, panel; src/featuresLoader.ts);
// - dist/vendor/zod-mini.js and dist/vendor/node-fetch.js, each library once,
//   shared by both bundles through Node's module cache instead of being copied
//   into each (zod is needed by the core to read the jobs file, node-fetch
//   only by the features).
// Those requires stay external so that they resolve to the sibling files.
const VENDORED = { 'zod/v4-mini': './vendor/zod-mini.js', 'node-fetch': './vendor/node-fetch.js' };

/** @type {import('esbuild').Plugin} */
const vendored = {
  name: 'vendored',
  setup(build) {
    build.onResolve({ filter: /^(zod\/v4-mini|node-fetch)$/ }, (args) => ({ path: VENDORED[args.path], external: true }));
  },
};

/** @type {import('esbuild').Plugin} */
const optionalEncoding = {
  // `encoding` is an optional peer node-fetch requires inside a try/catch.
  name: 'optional-encoding',
  setup(build) {
    build.onResolve({ filter: /^encoding$/ }, () => ({ path: 'encoding', external: true }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/** @type {import('esbuild').BuildOptions} */
const hostCommon = { ...node, external: ['vscode', './features.js'], plugins: [vendored] };

/** @type {import('esbuild').BuildOptions} */
const host = { ...hostCommon, entryPoints: [path.join(root, 'src/extension.ts')], outfile: path.join(root, 'dist/extension.js') };
/** @type {import('esbuild').BuildOptions} */
const features = { ...hostCommon, entryPoints: [path.join(root, 'src/features.ts')], outfile: path.join(root, 'dist/features.js') };

/** @type {import('esbuild').BuildOptions} */
const zodMini = {
  ...node,
  entryPoints: [path.join(root, 'src/vendor/zodMini.ts')],
  outfile: path.join(root, 'dist/vendor/zod-mini.js'),
};

/** @type {import('esbuild').BuildOptions} */
const nodeFetch = {
  ...node,
  entryPoints: [path.join(root, 'node_modules/node-fetch/lib/index.js')],
  outfile: path.join(root, 'dist/vendor/node-fetch.js'),
  // node-fetch@2 pulls in whatwg-url (and tr46's 250 KB mapping table) only to
  // polyfill URL on very old Nodes; Node 20's own URL serves it, so alias it.
  alias: { 'whatwg-url': path.join(root, 'src/platform/whatwgUrlShim.ts') },
  plugins: [optionalEncoding],
};

// The webview's options live in scripts/lib/webviewBuild.mjs: the CSP unit test builds the same bundle.
const webview = webviewBuildOptions({ minify: common.minify, sourcemap: common.sourcemap });

const builds = [host, features, zodMini, nodeFetch];
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
