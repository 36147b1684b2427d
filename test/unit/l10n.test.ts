/**
 * Every string the code translates (vscode.l10n.t in the VS Code layer,
 * @vscode/l10n's l10n.t in pure modules and the webview) must exist in both
 * languages: English (l10n/bundle.l10n.json, the source strings as exported
 * by @vscode/l10n-dev) and Simplified Chinese (l10n/bundle.l10n.zh-cn.json).
 * A string added in code but not translated, or a translation left behind
 * after the code changed, fails here with its text. The manifest's strings
 * are checked by manifestL10n.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

type Bundle = Record<string, string | { message: string; comment: string[] }>;
const readBundle = (name: string): Bundle => JSON.parse(readFileSync(path.join(ROOT, 'l10n', name), 'utf8'));
const text = (value: Bundle[string]) => (typeof value === 'string' ? value : value.message);
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

let extracted: Promise<Bundle> | undefined;
function extract(): Promise<Bundle> {
  extracted ??= getL10nJson(
    sourceFiles(path.join(ROOT, 'src')).map((file) => ({ extension: path.extname(file), contents: readFileSync(file, 'utf8') })),
  ) as Promise<Bundle>;
  return extracted;
}

test('the code translates a substantial number of strings (the extractor sees them)', async () => {
  assert.ok(Object.keys(await extract()).length > 200, 'expected hundreds of l10n.t strings in src/');
});

test('l10n/bundle.l10n.json is current (run `npm run l10n:export` after changing strings)', async () => {
  const english = readBundle('bundle.l10n.json');
  const code = await extract();
  assert.deepEqual(Object.keys(code).filter((key) => !(key in english)), [], 'in the code but not in bundle.l10n.json');
  assert.deepEqual(Object.keys(english).filter((key) => !(key in code)), [], 'in bundle.l10n.json but no longer in the code');
});

test('every translated string has a Simplified Chinese translation, and no translation is stale', async () => {
  const chinese = readBundle('bundle.l10n.zh-cn.json');
  const code = await extract();
  assert.deepEqual(Object.keys(code).filter((key) => !(key in chinese)), [], 'missing in bundle.l10n.zh-cn.json');
  assert.deepEqual(Object.keys(chinese).filter((key) => !(key in code)), [], 'in bundle.l10n.zh-cn.json but not in the code');
});

test('each Chinese string keeps the placeholders of its English source and is not left empty or untranslated', async () => {
  const chinese = readBundle('bundle.l10n.zh-cn.json');
  const code = await extract();
  const problems: string[] = [];
  for (const [key, source] of Object.entries(code)) {
    const translated = chinese[key];
    if (translated === undefined) continue;
    const english = text(source);
    const zh = text(translated);
    if (!zh.trim()) problems.push(`empty: ${key}`);
    if (placeholders(zh).join() !== placeholders(english).join()) problems.push(`placeholders differ: ${key} → ${zh}`);
  }
  assert.deepEqual(problems, []);
  // Most strings are sentences; a Chinese bundle that is mostly English was not translated.
  const withHan = Object.values(chinese).filter((value) => /\p{Script=Han}/u.test(text(value))).length;
  assert.ok(withHan / Object.keys(chinese).length > 0.9, `only ${withHan} of ${Object.keys(chinese).length} strings contain Chinese`);
});
