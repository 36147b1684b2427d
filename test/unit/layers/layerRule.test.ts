// The layers of src/ (eslint.config.mjs, CONTRIBUTING.md "Layers"): ESLint refuses a wrong-way import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

/** The layer rule's complaints about `source` as if it were the file at `filePath`. */
async function layerProblems(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('the panel may not import a command', async () => {
  const problems = await layerProblems('src/panel/planted.ts', "import { x } from '../commands/x';\nexport const y = x;\n");
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /src\/panel\/ may import only .*CONTRIBUTING\.md/);
});

test('imports go down the layers only; pure layers never import vscode', async () => {
  const cases: Array<[file: string, specifier: string, allowed: boolean]> = [
    ['src/giggle/planted.ts', '../jobs/jobTypes', false],
    ['src/giggle/planted.ts', 'vscode', false],
    ['src/jobs/planted.ts', '../platform/settings', false],
    ['src/jobs/planted.ts', '../giggle/types', true],
    ['src/platform/planted.ts', '../context', false],
    ['src/platform/planted.ts', '../panel/generatorPanel', false],
    ['src/platform/planted.ts', '../jobs/jobStore', true],
    ['src/views/planted.ts', '../commands/all', false],
    ['src/webview/planted.ts', '../platform/settings', false],
    ['src/webview/planted.ts', '../shared/protocol', true],
    ['src/panel/planted.ts', '../platform/settings', true],
    ['src/panel/planted.ts', '../context', true],
    ['src/commands/planted.ts', '../panel/generatorPanel', true],
    ['src/commands/planted.ts', '../extension', false],
  ];
  for (const [file, specifier, allowed] of cases) {
    const problems = await layerProblems(file, `import * as m from '${specifier}';\nexport const y = m;\n`);
    assert.equal(problems.length, allowed ? 0 : 1, `${file} importing ${specifier}: ${problems.join('\n') || 'allowed'}`);
  }
});
