// The extension's manifest as the workbench shows it: package.json with its
// %key% placeholders resolved through package.nls.json (or the locale's
// package.nls.<locale>.json), so UI tests look for the labels users see.
import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function nls(locale: string): Record<string, string> {
  const english = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
  const localized = path.join(ROOT, `package.nls.${locale}.json`);
  return locale === 'en' || !existsSync(localized) ? english : { ...english, ...JSON.parse(readFileSync(localized, 'utf8')) };
}

/** Resolves a manifest string ("%command.x.title%" or plain text) for the locale. */
export function manifestText(value: string, locale = 'en'): string {
  const match = /^%(.+)%$/.exec(value);
  if (!match) return value;
  const text = nls(locale)[match[1]];
  assert.ok(text, `package.nls has no ${match[1]}`);
  return text;
}

/** "Giggle: Set API Key" for giggle.setApiKey, as the palette shows it. */
export function paletteLabel(id: string, locale = 'en'): string {
  const c = (manifest.contributes?.commands as CommandContribution[] | undefined)?.find((cmd) => cmd.command === id);
  assert.ok(c, `package.json contributes no command ${id}`);
  const title = manifestText(c.title, locale);
  return c.category ? `${manifestText(c.category, locale)}: ${title}` : title;
}
