/** Types for webviewBuild.mjs (used by esbuild.mjs and a TypeScript unit test). */
import type { BuildOptions } from 'esbuild';
export function webviewBuildOptions(options?: { minify?: boolean; sourcemap?: BuildOptions['sourcemap']; outfile?: string }): BuildOptions;
