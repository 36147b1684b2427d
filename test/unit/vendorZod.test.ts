// The shipped extension gets zod from dist/vendor/zod-mini.js, built from the
// export list in src/vendor/zodMini.ts. A `z.something(...)` used in src/ but
// missing from that list works in these unit tests (they import zod itself)
// and is undefined in the installed extension, so check the list here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TYPE_ONLY = new Set(['infer', 'input', 'output', 'core', 'ZodMiniObject', 'ZodMiniType']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

test('every zod function used in src/ is exported by the vendored zod bundle', () => {
  const entry = readFileSync(path.join(ROOT, 'src/vendor/zodMini.ts'), 'utf8');
  const exported = new Set(entry.slice(entry.indexOf('export {')).match(/\b[a-zA-Z]+\b/g));
  const missing = new Map<string, string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    if (!/from 'zod\/v4-mini'/.test(text)) continue;
    for (const [, name] of text.matchAll(/\bz\.([a-zA-Z_]+)/g)) {
      if (!TYPE_ONLY.has(name) && !exported.has(name)) missing.set(name, path.relative(ROOT, file));
    }
  }
  assert.deepEqual([...missing].map(([name, file]) => `z.${name} (${file})`), [], 'add these to src/vendor/zodMini.ts');
});

test('the vendored export list is all real zod/v4-mini exports', async () => {
  const zod = (await import('zod/v4-mini')) as Record<string, unknown>;
  const entry = readFileSync(path.join(ROOT, 'src/vendor/zodMini.ts'), 'utf8');
  const names = entry.slice(entry.indexOf('export {') + 'export {'.length, entry.indexOf('}')).match(/\b[a-zA-Z]+\b/g) ?? [];
  assert.ok(names.length > 10);
  for (const name of names) assert.equal(typeof zod[name], 'function', `zod/v4-mini has no function ${name}`);
});
