// Lists the import circles in src/ (or the folder given): `node scripts/import-cycles.mjs [dir]`.
// Exits 1 when there is one; test/unit/importCycles.test.ts runs the same check.
import path from 'node:path';
import { findCycles, importGraph } from './lib/importCycles.mjs';

const root = path.resolve(process.argv[2] ?? 'src');
const cycles = findCycles(importGraph(root));
for (const cycle of cycles) console.log(`circle: ${cycle.join(' <-> ')}`);
console.log(cycles.length === 0 ? 'no import circles' : `${cycles.length} knot(s) of import circles`);
process.exit(cycles.length === 0 ? 0 : 1);
