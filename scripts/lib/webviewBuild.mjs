// The generator panel's browser bundle, as esbuild builds it: one definition
// for `npm run build` (esbuild.mjs) and for the unit test that checks the
// bundle against the panel's CSP (test/unit/reliability/webviewHardening),
// which builds its own copy so it never reads a stale or missing dist/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** esbuild options for the webview bundle; `outfile` defaults to dist/webview.js. */
export function webviewBuildOptions({ minify = true, sourcemap = false, outfile = path.join(root, 'dist/webview.js') } = {}) {
  return {
    bundle: true,
    minify,
    sourcemap,
    logLevel: 'info',
    legalComments: 'none',
    entryPoints: [path.join(root, 'src/webview/main.ts')],
    outfile,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    tsconfig: path.join(root, 'src/webview/tsconfig.json'),
  };
}
