// Compiles test/integration/ for the extension host: index.ts and every
// *.test.ts, each bundled on its own (so suites may import from src/ and
// ./helpers) to out/integration/ as CommonJS, with `vscode` and `mocha`
// left to the host (mocha resolves from the repository's node_modules).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.mjs';

export const INTEGRATION_SRC = path.join(ROOT, 'test', 'integration');
export const INTEGRATION_OUT = path.join(ROOT, 'out', 'integration');

function find(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...find(full));
    else if (entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** Returns { entry: <abs path of out/integration/index.js>, tests: [<abs .test.ts>] }. */
export async function compileIntegrationTests() {
  const tests = find(INTEGRATION_SRC).sort();
  rmSync(INTEGRATION_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(INTEGRATION_SRC, 'index.ts'), ...tests],
    outbase: INTEGRATION_SRC,
    outdir: INTEGRATION_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
    alias: { 'whatwg-url': path.join(ROOT, 'src/platform/whatwgUrlShim.ts') },
    plugins: [
      {
        name: 'optional-encoding',
        setup(build) {
          build.onResolve({ filter: /^encoding$/ }, () => ({ path: 'encoding', external: true }));
        },
      },
    ],
  });
  await esbuild.stop(); // its service process would otherwise live as long as this script
  return { entry: path.join(INTEGRATION_OUT, 'index.js'), tests };
}
