// Runs every test/unit/**/*.test.ts (or the paths given) with Node's own test
// runner, TypeScript loaded through tsx. Node 20's --test does not expand
// globs itself, hence this small finder.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...find(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const args = process.argv.slice(2);
const roots = args.length ? args : ['test/unit'];
const files = roots.flatMap((root) => (statSync(root).isDirectory() ? find(root) : [root])).sort();
if (files.length === 0) {
  console.error('No test files found under', roots.join(', '));
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
