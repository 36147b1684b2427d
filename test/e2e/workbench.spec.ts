// UI end-to-end tests: the packaged .vsix installed in code-server (the path a
// real user takes), driven through Chromium like a user would.
import * as assert from 'assert';
import { e2eEnv, useWorkbench } from './support/fixtures';
import { paletteLabel } from './support/manifest';

describe('Giggle Video in the workbench', function () {
  this.timeout(60_000);
  const ui = useWorkbench();

  it('shows the Giggle activity-bar container with the Jobs tree', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Giggle');
    await wb.view('Jobs').waitFor({ state: 'visible', timeout: 30_000 });
    // The tree is part of the view (hidden while empty; rows are checked in generateVideo.spec.ts).
    await wb.view('Jobs').locator('[role="tree"][aria-label="Jobs"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.match(await wb.sideBarTitle(), /giggle/i);
  });

  it("lists the extension's commands in the command palette", async () => {
    const { wb } = ui;
    const expected = ['giggle.setApiKey', 'giggle.clearApiKey', 'giggle.generateVideo', 'giggle.generateMusicVideo', 'giggle.openGenerator', 'giggle.refresh', 'giggle.showLog'].map((id) => paletteLabel(id));
    const missing: string[] = [];
    for (const label of expected) {
      if (!(await wb.paletteHasCommand(label))) missing.push(label);
    }
    assert.deepStrictEqual(missing, [], `not in the command palette: ${missing.join(', ')}`);
  });

  it('runs "Set API Key" from the palette and shows its notification', async () => {
    const { wb } = ui;
    await wb.runCommand(paletteLabel('giggle.setApiKey'));
    await wb.answerQuickInput(e2eEnv.key);
    const toast = await wb.waitForNotification(/Giggle API key saved/);
    assert.strictEqual(await wb.notificationSource(toast), 'Giggle Video');
  });

  it('runs "Clear API Key" and shows its notification', async () => {
    const { wb } = ui;
    await wb.runCommand(paletteLabel('giggle.clearApiKey'));
    await wb.waitForNotification(/Giggle API key removed/);
  });
});
