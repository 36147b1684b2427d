// Stand-in for the `whatwg-url` package inside the bundle: node-fetch@2 only
// needs `URL`, which Node 20 provides natively (see esbuild.mjs).
export { URL, URLSearchParams } from 'node:url';
