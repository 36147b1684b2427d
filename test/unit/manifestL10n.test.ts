/**
 * The manifest (package.json) is localized through package.nls.json (English)
 * and package.nls.zh-cn.json (Simplified Chinese): every user-visible string
 * of `contributes`, plus displayName and description, is a `%key%` that VS
 * Code resolves from those files. A key missing from package.nls.json shows
 * the raw `%key%` to users; a key missing from a translation silently falls
 * back to English; a translation that loses a `(command:...)` link turns a
 * welcome-view or walkthrough button into dead text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

type NlsValue = string | { message: string; comment?: string[] };

const root = path.resolve(__dirname, '../..');
const manifestText = readFileSync(path.join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText);
const nlsEn = readNls('package.nls.json');
const nlsZh = readNls('package.nls.zh-cn.json');

function readNls(file: string): Record<string, string> {
  const raw = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, NlsValue>;
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, typeof value === 'string' ? value : value.message]));
}

const PLACEHOLDER = /^%([^%\s]+)%$/;

/** Every `%key%` used as a whole string value anywhere in package.json. */
function usedKeys(): string[] {
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      const m = PLACEHOLDER.exec(node);
      if (m) keys.add(m[1]);
    } else if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node && typeof node === 'object') {
      Object.values(node).forEach(walk);
    }
  };
  walk(manifest);
  return [...keys].sort();
}

/**
 * Properties whose string values VS Code shows to users, wherever they occur
 * inside `contributes` (commands, views, view containers, viewsWelcome,
 * walkthroughs and their steps, configuration and its settings, submenus...).
 */
const USER_VISIBLE = new Set([
  'title',
  'shortTitle',
  'category',
  'name',
  'contextualTitle',
  'label',
  'contents',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'enumItemLabels',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'altText',
  'displayName',
]);

/** `contributes.x.y[2].title = "Literal"` for every user-visible string that is not a %key%. */
function literalsInContributes(): string[] {
  const found: string[] = [];
  const check = (where: string, value: unknown): void => {
    if (typeof value === 'string') {
      if (!PLACEHOLDER.test(value)) found.push(`${where} = ${JSON.stringify(value)}`);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => check(`${where}[${i}]`, item));
    }
  };
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${where}[${i}]`));
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const here = `${where}.${key}`;
        if (USER_VISIBLE.has(key) && (typeof value === 'string' || Array.isArray(value))) check(here, value);
        else walk(value, here);
      }
    }
  };
  walk(manifest.contributes, 'contributes');
  return found;
}

/**
 * What must survive translation unchanged: {0} placeholders, markdown link
 * targets (command links `(command:giggle.x)` and URLs) and inline code.
 */
function invariantParts(text: string): string[] {
  const parts = [
    ...[...text.matchAll(/\{\d+\}/g)].map((m) => m[0]),
    ...[...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => `(${m[1]})`),
    ...[...text.matchAll(/`[^`]+`/g)].map((m) => m[0]),
  ];
  return parts.sort();
}

test('every %key% used in package.json exists in package.nls.json', () => {
  const used = usedKeys();
  assert.ok(used.length > 0, 'package.json uses no %key% at all');
  const missing = used.filter((key) => !(key in nlsEn));
  assert.deepEqual(missing, [], `package.json uses keys missing from package.nls.json: ${missing.join(', ')}`);
});

test('every key of package.nls.json is used by package.json', () => {
  const used = new Set(usedKeys());
  const unused = Object.keys(nlsEn).filter((key) => !used.has(key));
  assert.deepEqual(unused, [], `package.nls.json keys that package.json never uses: ${unused.join(', ')}`);
});

test('package.nls.json and package.nls.zh-cn.json have exactly the same keys', () => {
  const missingInZh = Object.keys(nlsEn).filter((key) => !(key in nlsZh));
  const extraInZh = Object.keys(nlsZh).filter((key) => !(key in nlsEn));
  assert.deepEqual(missingInZh, [], `keys missing from package.nls.zh-cn.json: ${missingInZh.join(', ')}`);
  assert.deepEqual(extraInZh, [], `keys in package.nls.zh-cn.json but not in package.nls.json: ${extraInZh.join(', ')}`);
});

test('no value is empty, and each Chinese value keeps the placeholders, links and code of the English one', () => {
  const emptyEn = Object.keys(nlsEn).filter((key) => !nlsEn[key].trim());
  const emptyZh = Object.keys(nlsZh).filter((key) => !nlsZh[key].trim());
  assert.deepEqual(emptyEn, [], `empty values in package.nls.json: ${emptyEn.join(', ')}`);
  assert.deepEqual(emptyZh, [], `empty values in package.nls.zh-cn.json: ${emptyZh.join(', ')}`);
  const mismatched = Object.keys(nlsEn)
    .filter((key) => key in nlsZh)
    .filter((key) => JSON.stringify(invariantParts(nlsEn[key])) !== JSON.stringify(invariantParts(nlsZh[key])))
    .map((key) => `${key}: en ${JSON.stringify(invariantParts(nlsEn[key]))} vs zh-cn ${JSON.stringify(invariantParts(nlsZh[key]))}`);
  assert.deepEqual(mismatched, [], `zh-cn values whose placeholders/links/code differ from English:\n${mismatched.join('\n')}`);
});

test('command links in localized strings point at contributed or built-in commands', () => {
  const contributed = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
  const views = (Object.values(manifest.contributes.views) as { id: string }[][]).flat().map((v) => `${v.id}.focus`);
  const known = new Set([...contributed, ...views]);
  const unknown = Object.entries(nlsEn).flatMap(([key, text]) =>
    [...text.matchAll(/\]\(command:([\w.-]+)/g)].map((m) => m[1]).filter((id) => !known.has(id)).map((id) => `${key} -> ${id}`),
  );
  assert.deepEqual(unknown, [], `command links to unknown commands: ${unknown.join(', ')}`);
});

test('no user-visible string in contributes (or displayName/description) is left as a literal', () => {
  const literals = literalsInContributes();
  for (const top of ['displayName', 'description']) {
    if (!PLACEHOLDER.test(manifest[top])) literals.push(`${top} = ${JSON.stringify(manifest[top])}`);
  }
  assert.deepEqual(literals, [], `user-visible strings not localized with a %key%:\n${literals.join('\n')}`);
});

test('every setting has a markdownDescription, a scope, and one description per enum value', () => {
  const problems: string[] = [];
  for (const [id, prop] of Object.entries(manifest.contributes.configuration.properties as Record<string, Record<string, unknown>>)) {
    if (!prop.markdownDescription) problems.push(`${id}: no markdownDescription`);
    if (!prop.scope) problems.push(`${id}: no scope`);
    if (Array.isArray(prop.enum)) {
      const descriptions = (prop.enumDescriptions ?? prop.markdownEnumDescriptions) as unknown[] | undefined;
      if (!descriptions) problems.push(`${id}: enum without enumDescriptions`);
      else if (descriptions.length !== prop.enum.length) problems.push(`${id}: ${prop.enum.length} enum values, ${descriptions.length} descriptions`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the English bundle keeps the command titles users and tests know', () => {
  const title = (id: string): string => {
    const c = (manifest.contributes.commands as { command: string; title: string; category?: string }[]).find((cmd) => cmd.command === id);
    assert.ok(c, `package.json contributes no command ${id}`);
    const resolve = (s: string): string => nlsEn[PLACEHOLDER.exec(s)?.[1] ?? ''] ?? s;
    return c.category ? `${resolve(c.category)}: ${resolve(c.title)}` : resolve(c.title);
  };
  assert.equal(title('giggle.setApiKey'), 'Giggle: Set API Key');
  assert.equal(title('giggle.generateVideo'), 'Giggle: Generate Video');
  assert.equal(nlsEn[PLACEHOLDER.exec(manifest.displayName)?.[1] ?? ''], 'Giggle Video');
});

test('walkthrough media exist in every language (the zh-cn markdown is its own file)', () => {
  const english = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const chinese = JSON.parse(readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  const keys = Object.keys(english).filter((key) => key.endsWith('.media'));
  assert.ok(keys.length >= 3, 'the walkthrough steps name their markdown through package.nls');
  for (const key of keys) {
    for (const [language, bundle] of [['en', english], ['zh-cn', chinese]] as const) {
      assert.ok(existsSync(path.join(root, bundle[key])), `${language}: ${key} → ${bundle[key]} does not exist`);
    }
    assert.notEqual(chinese[key], english[key], `${key}: the Chinese walkthrough shows the English markdown`);
    assert.match(readFileSync(path.join(root, chinese[key]), 'utf8'), /\p{Script=Han}/u, `${chinese[key]} is not Chinese`);
  }
});
