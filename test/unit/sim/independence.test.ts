/**
 * The simulator is a witness independent of the extension: it must not
 * import anything from src/ (its model table, field rules and messages are
 * its own), so a wrong table in the client fails a test instead of agreeing
 * with itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SIM = path.resolve(__dirname, '../../../sim');

/** Every module specifier a file imports, re-exports or requires. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

test('sim/ imports nothing from src/', () => {
  const offenders: string[] = [];
  for (const name of fs.readdirSync(SIM)) {
    if (!/\.(ts|mts|cts|js|mjs)$/.test(name)) continue;
    const file = path.join(SIM, name);
    for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(SIM, spec);
      if (!target.startsWith(SIM + path.sep)) offenders.push(`${name} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, [], 'the simulator reaches outside sim/');
});

test('the import scan sees a src/ import (so the test above can fail)', () => {
  assert.deepEqual(specifiers("import { findModel } from '../src/giggle/catalogue';\nexport * from './x';"), ['../src/giggle/catalogue', './x']);
});
