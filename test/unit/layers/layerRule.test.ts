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

test('pure and lower layers may not import upwards, nor vscode', async () => {
  const cases: Array<[file: string, specifier: string]> = [
    ['src/giggle/planted.ts', '../jobs/jobTypes'],
    ['src/giggle/planted.ts', 'vscode'],
    ['src/jobs/planted.ts', '../platform/settings'],
    ['src/platform/planted.ts', '../context'],
    ['src/platform/planted.ts', '../panel/generatorPanel'],
    ['src/views/planted.ts', '../commands/all'],
    ['src/webview/planted.ts', '../platform/settings'],
    ['src/commands/planted.ts', '../extension'],
  ];
  for (const [file, specifier] of cases) {
    const problems = await layerProblems(file, `import * as m from '${specifier}';\nexport const y = m;\n`);
    assert.equal(problems.length, 1, `${file} importing ${specifier}: ${problems.join('\n') || 'allowed'}`);
  }
});

test('imports down the layers are allowed', async () => {
  const cases: Array<[file: string, specifier: string]> = [
    ['src/jobs/planted.ts', '../giggle/types'],
    ['src/platform/planted.ts', '../jobs/jobStore'],
    ['src/panel/planted.ts', '../platform/settings'],
    ['src/panel/planted.ts', '../context'],
    ['src/commands/planted.ts', '../panel/generatorPanel'],
    ['src/webview/planted.ts', '../shared/protocol'],
  ];
  for (const [file, specifier] of cases) {
    const problems = await layerProblems(file, `import * as m from '${specifier}';\nexport const y = m;\n`);
    assert.deepEqual(problems, [], `${file} importing ${specifier}`);
  }
});
