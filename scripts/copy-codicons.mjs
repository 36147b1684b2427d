// Copies the codicon font and stylesheet from @vscode/codicons (a
// devDependency) to dist/codicons/, where the generator panel loads them
// (its localResourceRoots are media/ and dist/, and dist/ goes into the .vsix
// while node_modules/ does not). Run after the bundle build.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'node_modules', '@vscode', 'codicons', 'dist');
const to = path.join(root, 'dist', 'codicons');

export function copyCodicons() {
  mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(path.join(from, file), path.join(to, file));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) copyCodicons();
