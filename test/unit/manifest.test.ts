/**
 * package.json and the code must name the same commands, settings and
 * views: a contributed command without a handler fails silently for users
 * ("command not found"), and a handler without a contribution is invisible.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { INTERNAL_COMMANDS } from '../../src/commands/internal';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const allSource = readFileSync(path.join(root, 'src/commands/all.ts'), 'utf8');

function registeredCommands(): string[] {
  const block = allSource.slice(allSource.indexOf('export const COMMANDS'), allSource.indexOf('};', allSource.indexOf('export const COMMANDS')));
  return [...block.matchAll(/^\s{2}(\w+)[,:]/gm)].map((m) => `giggle.${m[1]}`).sort();
}

test('every contributed command is registered, and every registered command is contributed (or internal)', () => {
  const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
  const registered = registeredCommands();
  const internal: readonly string[] = INTERNAL_COMMANDS;
  assert.deepEqual(contributed, registered.filter((c) => !internal.includes(c)));
});

test('menus only reference contributed commands and the jobs view', () => {
  const contributed = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
  for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, { command: string; when?: string }[]>)) {
    for (const entry of entries) {
      assert.ok(contributed.has(entry.command), `${menu} references ${entry.command}`);
      if (menu.startsWith('view/')) assert.match(entry.when ?? '', /view == giggle\.jobs/);
    }
  }
});

test('the API base URL cannot be set by a workspace and is restricted in untrusted workspaces', () => {
  const props = manifest.contributes.configuration.properties;
  assert.ok(['application', 'machine'].includes(props['giggle.apiBaseUrl'].scope));
  assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('giggle.apiBaseUrl'));
});

test('every setting read in code is contributed with a markdownDescription', () => {
  const settingsSource = readFileSync(path.join(root, 'src/platform/settings.ts'), 'utf8');
  const block = settingsSource.slice(settingsSource.indexOf('SETTINGS = {'), settingsSource.indexOf('} as const'));
  const keys = [...block.matchAll(/:\s*'([\w.]+)'/g)].map((m) => `giggle.${m[1]}`);
  const props = manifest.contributes.configuration.properties;
  assert.ok(keys.length >= 8);
  for (const key of keys) {
    assert.ok(props[key], `${key} is contributed`);
    assert.ok(props[key].markdownDescription, `${key} has a markdownDescription`);
  }
});

test('activation never delays startup: no "*"; onStartupFinished so unfinished jobs are followed after a restart (issue #14)', () => {
  const events: string[] = manifest.activationEvents ?? [];
  assert.ok(!events.includes('*'));
  assert.ok(events.includes('onStartupFinished'));
  // Allowed only while activate() stays within its 10 ms budget (bench/activation.mjs) and sends nothing without unfinished jobs.
  assert.deepStrictEqual(
    events.filter((event) => !event.startsWith('onWebviewPanel:') && !event.startsWith('onView:') && !event.startsWith('onCommand:')),
    ['onStartupFinished'],
  );
});

test('the view container and jobs view are contributed with an existing icon', () => {
  const container = manifest.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'giggle');
  assert.ok(container);
  assert.ok(readdirSync(path.join(root, 'media')).includes(path.basename(container.icon)));
  assert.equal(manifest.contributes.views.giggle[0].id, 'giggle.jobs');
});
