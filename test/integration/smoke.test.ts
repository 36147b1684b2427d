// Smoke tests of the extension's contract, inside a real extension host.
// They fail when activation breaks, a command is not registered, or the
// activity-bar container / jobs tree is not contributed.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, hasSimulator, simHealth, simUrl, testKey, within } from './helpers';

const COMMANDS = [
  'giggle.setApiKey',
  'giggle.clearApiKey',
  'giggle.generateVideo',
  'giggle.generateMusicVideo',
  'giggle.openGenerator',
  'giggle.refresh',
  'giggle.showLog',
];

interface Contributes {
  commands?: { command: string; title: string }[];
  viewsContainers?: { activitybar?: { id: string; title: string }[] };
  views?: Record<string, { id: string; name: string }[]>;
  configuration?: unknown;
}

function contributes(): Contributes {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return (ext.packageJSON.contributes ?? {}) as Contributes;
}

suite('Giggle Video: smoke', () => {
  test('the extension is present and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  test('activate() returns a public API object', async () => {
    const api = await activateExtension();
    assert.ok(api !== null && typeof api === 'object', `activate() returned ${api === null ? 'null' : typeof api}`);
  });

  test('every contract command is contributed and registered', async () => {
    await activateExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = new Set((contributes().commands ?? []).map((c) => c.command));
    const notRegistered = COMMANDS.filter((c) => !registered.has(c));
    const notContributed = COMMANDS.filter((c) => !contributed.has(c));
    assert.deepStrictEqual({ notRegistered, notContributed }, { notRegistered: [], notContributed: [] });
  });

  test('the "Giggle" activity-bar container holds the "Jobs" tree view', () => {
    const c = contributes();
    const container = (c.viewsContainers?.activitybar ?? []).find((v) => v.id === 'giggle');
    assert.ok(container, 'no activity-bar view container with id "giggle"');
    assert.strictEqual(container.title, 'Giggle');
    const view = (c.views?.giggle ?? []).find((v) => v.id === 'giggle.jobs');
    assert.ok(view, 'no view "giggle.jobs" in the "giggle" container');
    assert.strictEqual(view.name, 'Jobs');
  });

  test('the jobs view opens in the workbench', async () => {
    await activateExtension();
    // VS Code creates `<viewId>.focus` for every contributed view; it fails for unknown views.
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('giggle.jobs.focus'), 'the workbench knows no view "giggle.jobs" (no giggle.jobs.focus command)');
    await within(vscode.commands.executeCommand('giggle.jobs.focus'), 10_000, 'focusing the jobs view');
  });

  test('giggle.setApiKey takes the key as an argument without prompting; giggle.clearApiKey clears it', async () => {
    await activateExtension();
    await within(vscode.commands.executeCommand('giggle.setApiKey', testKey()), 10_000, 'giggle.setApiKey(key)');
    await within(vscode.commands.executeCommand('giggle.clearApiKey'), 10_000, 'giggle.clearApiKey');
    // Leave a key in place for suites that run after this one.
    await within(vscode.commands.executeCommand('giggle.setApiKey', testKey()), 10_000, 'giggle.setApiKey(key)');
  });

  suite('with the simulator', () => {
    suiteSetup(function () {
      if (!hasSimulator()) this.skip();
    });

    test('the simulator answers from the extension host', async () => {
      assert.strictEqual(await simHealth(), true);
    });

    test('the giggle.apiBaseUrl setting points at the simulator', () => {
      const configured = vscode.workspace.getConfiguration('giggle').get<string>('apiBaseUrl');
      assert.strictEqual(configured?.replace(/\/+$/, ''), simUrl());
    });
  });
});
