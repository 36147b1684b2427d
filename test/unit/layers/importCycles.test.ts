// No import circles in src/ (type-only imports count too: see scripts/lib/importCycles.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findCycles, importGraph } from '../../../scripts/lib/importCycles.mjs';

test('src/ has no import circles', () => {
  const cycles = findCycles(importGraph(path.resolve('src')));
  assert.deepEqual(cycles, [], `import circles (node scripts/import-cycles.mjs lists them):\n${cycles.map((c) => c.join(' <-> ')).join('\n')}`);
});

test('the check finds a circle through a type-only import and an export-from, across folders', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'cycles-'));
  try {
    mkdirSync(path.join(root, 'a'));
    mkdirSync(path.join(root, 'b'));
    writeFileSync(path.join(root, 'a', 'one.ts'), "import type { Two } from '../b/two';\nexport type One = Two;\n");
    writeFileSync(path.join(root, 'b', 'two.ts'), "export { three } from './three';\nexport type Two = string;\n");
    writeFileSync(path.join(root, 'b', 'three.ts'), "import { x } from '../a/one';\nexport const three = x;\n");
    writeFileSync(path.join(root, 'leaf.ts'), "import { three } from './b/three';\nexport const leaf = three;\n");
    assert.deepEqual(findCycles(importGraph(root)), [['a/one.ts', 'b/three.ts', 'b/two.ts']]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
