// The main job, as a user does it: set the API key, walk "Generate Video"
// with its defaults, and watch the job finish in the Jobs tree, against the
// simulator (time scale 0.01, so it takes a second or two).
import * as assert from 'assert';
import { e2eEnv, useWorkbench } from './support/fixtures';
import { simControl } from './support/sim';

describe('Generating a video from the workbench', function () {
  this.timeout(90_000);
  const ui = useWorkbench();
  const prompt = `A paper boat sails across a puddle, e2e ${Date.now().toString(36)}`;

  before(function () {
    if (!e2eEnv.simUrl) this.skip();
  });

  it('sets the API key from the palette', async () => {
    const { wb } = ui;
    await wb.runCommand('Giggle: Set API Key');
    await wb.answerQuickInput(e2eEnv.key);
    await wb.waitForNotification(/Giggle API key saved/);
  });

  it('walks "Generate Video" with the defaults and submits the prompt', async () => {
    const { wb } = ui;
    await wb.runCommand('Giggle: Generate Video');
    const steps = await wb.acceptDefaultsUntilInputBox({ title: /Generate Video/ });
    assert.ok(steps >= 1, 'the wizard showed no choices before the prompt');
    await wb.answerQuickInput(prompt, { title: /Generate Video/ });
    // The last step confirms, with the estimated credits (or "price unknown").
    await wb.confirmQuickPick(/^Submit — (≈ \d+ credits|price unknown)$/, { title: /Generate Video/ });
    await wb.quickInput.waitFor({ state: 'hidden' });

    // The submission leaves after the quick input closes: give it a few seconds to arrive.
    type Recorded = { method: string; path: string; headers: Record<string, string>; body?: { prompt?: string } };
    let submit: Recorded | undefined;
    let paths: string[] = [];
    for (const deadline = Date.now() + 15_000; !submit && Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      const requests = (await simControl('GET', 'requests')) as Recorded[];
      submit = requests.find((r) => r.method === 'POST' && r.body?.prompt === prompt);
      paths = requests.filter((r) => r.method === 'POST').map((r) => r.path).slice(-10);
    }
    assert.ok(submit, `the simulator received no submission with the prompt (last POSTs: ${paths.join(', ')})`);
    assert.strictEqual(submit.headers['x-auth'], e2eEnv.key);
  });

  it('shows the job in the Jobs tree until it is ready', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Giggle');
    // The label is the prompt, shortened with an ellipsis when long.
    const row = wb.treeItem('Jobs', new RegExp(`^${prompt.slice(0, 30)}`));
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.locator('.label-description', { hasText: /ready/ }).waitFor({ state: 'visible', timeout: 60_000 });
  });
});
