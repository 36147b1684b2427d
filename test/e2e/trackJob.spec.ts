// "Track a Task or Project Started Elsewhere" from the Command Palette: a video
// task submitted outside VS Code (straight to the simulator, as a script or the
// website would) joins the Jobs list by its id and is followed to the end; a
// wrong id says so and adds nothing.
import * as assert from 'assert';
import { e2eEnv, useWorkbench } from './support/fixtures';

const TRACK = 'Giggle: Track a Task or Project Started Elsewhere…';

/** Submits a text-to-video task the way another client would, and returns its task id. */
async function submitElsewhere(prompt: string): Promise<string> {
  const res = await fetch(`${e2eEnv.simUrl}/api/v1/generation/text-to-video`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth': e2eEnv.key },
    body: JSON.stringify({ prompt, model: 'grok', duration: 6, aspect_ratio: '16:9', resolution: '720p' }),
  });
  const body = (await res.json()) as { code?: unknown; data?: { task_id?: string } };
  const taskId = body.data?.task_id;
  if (!res.ok || !taskId) throw new Error(`the simulator did not take the task: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return taskId;
}

describe('Track a task started elsewhere', function () {
  this.timeout(120_000);
  const ui = useWorkbench();

  before(async function () {
    if (!e2eEnv.simUrl) this.skip();
    // Both tests need the key (so each also runs alone under --grep).
    const { wb } = ui;
    await wb.runCommand('Giggle: Set API Key');
    await wb.answerQuickInput(e2eEnv.key);
    await wb.waitForNotification(/Giggle API key saved/);
  });

  async function trackFromPalette(taskId: string): Promise<void> {
    const { wb } = ui;
    await wb.runCommand(TRACK);
    await wb.pickQuickItem('Video task');
    await wb.answerQuickInput(taskId, { title: /Track a Giggle Job/ });
  }

  it('follows a video task typed in by its id to ready', async () => {
    const { wb } = ui;
    // [slow]: the task is still generating when it is tracked, so the extension has to follow it.
    const taskId = await submitElsewhere(`A lighthouse at dusk [slow] ${Date.now().toString(36)}`);
    await trackFromPalette(taskId);

    await wb.openViewContainer('Giggle');
    const row = wb.treeItem('Jobs', `Task ${taskId}`);
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.locator('.label-description', { hasText: /ready/ }).waitFor({ state: 'visible', timeout: 90_000 });
  });

  it('says a wrong id has no task and adds no job', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Giggle');
    // The list is drawn (its rows, or its welcome text when empty) before it is read.
    await wb.treeItems('Jobs').first().or(wb.welcomeView('Jobs')).waitFor({ state: 'visible', timeout: 30_000 });
    const before = await wb.treeLabels('Jobs');
    const wrongId = `no_such_task_${Date.now().toString(36)}`;

    await trackFromPalette(wrongId);
    await wb.waitForNotification(new RegExp(`Giggle has no video task with the id ${wrongId}`), { timeout: 30_000 });

    assert.deepStrictEqual(await wb.treeLabels('Jobs'), before, 'the Jobs list is unchanged');
    assert.ok(!before.some((label) => label.includes(wrongId)));
  });
});
