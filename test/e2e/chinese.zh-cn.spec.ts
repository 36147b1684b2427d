// The extension in Simplified Chinese: code-server started with --locale zh-cn
// and a minimal test language pack (scripts/run-e2e.mjs --locale zh-cn; the
// real Microsoft pack is not reachable offline, so VS Code's own UI stays
// English while the extension's strings must switch). Checks the palette
// titles, the welcome view, the API-key input box, the Generate Video wizard,
// the Jobs tree, the status bar tooltip and the generator panel, and saves
// screenshots for the README.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { e2eEnv, saveScreenshot, useWorkbench } from './support/fixtures';
import { manifestText, paletteLabel } from './support/manifest';
import { escapeRegExp } from './support/workbench';

const LOCALE = 'zh-cn';
const bundle = JSON.parse(readFileSync(path.resolve(__dirname, '../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** The Chinese for an English source string (`comment` as in the l10n.t call), failing when there is none. */
function zh(english: string, comment?: string): string {
  const key = comment ? `${english}/${comment}` : english;
  const text = bundle[key];
  assert.ok(text, `bundle.l10n.zh-cn.json has no "${key}"`);
  assert.match(text, /\p{Script=Han}/u, `"${key}" is not translated`);
  return text;
}
/** A pattern for a translated template: its {n} placeholders match anything. */
const pattern = (text: string) => new RegExp(`^${text.split(/\{\d+\}/).map(escapeRegExp).join('.+')}$`);

describe('Giggle Video in Simplified Chinese (code-server --locale zh-cn)', function () {
  this.timeout(120_000);
  const ui = useWorkbench();
  const prompt = `纸船漂过水坑 e2e ${Date.now().toString(36)}`;

  before(function () {
    if (process.env.GIGGLE_E2E_LOCALE !== LOCALE || !e2eEnv.simUrl) this.skip();
  });

  it('lists the commands with Chinese titles in the palette', async () => {
    const { wb } = ui;
    for (const id of ['giggle.setApiKey', 'giggle.generateVideo', 'giggle.openGenerator']) {
      const label = paletteLabel(id, LOCALE);
      assert.match(label, /\p{Script=Han}/u, `${id} has no Chinese title`);
      assert.ok(await wb.paletteHasCommand(label), `the palette has no "${label}"`);
    }
    await wb.closeQuickInput();
  });

  it('shows the Chinese welcome view in the Jobs view', async () => {
    const { wb } = ui;
    await wb.openViewContainer(manifestText('%viewsContainers.giggle.title%', LOCALE));
    const jobs = manifestText('%views.giggle.jobs.name%', LOCALE);
    const welcome = wb.welcomeView(jobs);
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    const setKey = /\[([^\]]+)\]\(command:giggle\.setApiKey\)/.exec(manifestText('%viewsWelcome.noKey%', LOCALE))?.[1];
    assert.ok(setKey && /\p{Script=Han}/u.test(setKey), `the welcome's Set API Key button is not Chinese: ${setKey}`);
    await welcome.locator('.monaco-button', { hasText: setKey }).waitFor({ state: 'visible' });
  });

  it('shows the walkthrough in Chinese, with its Chinese step markdown', async () => {
    const { wb } = ui;
    const title = manifestText('%walkthrough.title%', LOCALE);
    assert.match(title, /\p{Script=Han}/u);
    await wb.openWalkthrough(title);
    await wb.page.getByText(manifestText('%walkthrough.step.setKey.title%', LOCALE)).first().waitFor({ state: 'visible' });
    // The selected step's markdown (media/walkthrough/zh-cn/setKey.md) renders in a webview.
    const heading = readFileSync(path.resolve(__dirname, '../..', manifestText('%walkthrough.step.setKey.media%', LOCALE)), 'utf8').split('\n')[0].replace(/^#\s*/, '');
    await wb.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame').getByText(heading).first().waitFor({ state: 'visible', timeout: 20_000 });
    await wb.runCommand('View: Close All Editors');
  });

  it('asks for the key in Chinese and confirms in Chinese', async () => {
    const { wb } = ui;
    await wb.runCommand(paletteLabel('giggle.setApiKey', LOCALE));
    await wb.quickInput.locator('.quick-input-title', { hasText: zh('Giggle API Key') }).waitFor({ state: 'visible' });
    const state = await wb.quickInputState();
    // VS Code appends its own (English, without its language pack) "(Press 'Enter' to confirm …)".
    const expected = zh("Paste your API key from giggle.pro. It is stored in VS Code's secret storage, never in settings.");
    assert.ok(state.message.startsWith(expected), `the input box says: ${state.message}`);
    await wb.answerQuickInput(e2eEnv.key);
    await wb.waitForNotification(zh('Giggle API key saved.'));
    await wb.clearNotifications();
  });

  it('walks Generate Video in Chinese and shows the job in the tree with a Chinese state', async () => {
    const { wb } = ui;
    const title = zh('Generate Video');
    await wb.runCommand(paletteLabel('giggle.generateVideo', LOCALE));
    await wb.acceptDefaultsUntilInputBox({ title });
    await wb.answerQuickInput(prompt, { title });
    const submit = new RegExp(`${pattern(zh('Submit — ≈ {0} credits')).source}|${pattern(zh('Submit — price unknown')).source}`);
    await saveScreenshot(wb, 'zh-cn-wizard-confirm').catch(() => {});
    await wb.confirmQuickPick(submit, { title });
    await wb.quickInput.waitFor({ state: 'hidden' });

    const jobs = manifestText('%views.giggle.jobs.name%', LOCALE);
    await wb.openViewContainer(manifestText('%viewsContainers.giggle.title%', LOCALE));
    const row = wb.treeItem(jobs, new RegExp(`^${escapeRegExp(prompt.slice(0, 10))}`));
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.locator('.label-description', { hasText: zh('ready', 'job state in the Jobs view') }).waitFor({ state: 'visible', timeout: 60_000 });
    const status = wb.page.locator('.part.statusbar .statusbar-item', { hasText: /^Giggle/ }).first();
    await wb.clearNotifications();
    const tooltip = (await status.getAttribute('aria-label')) ?? '';
    assert.ok(tooltip.includes(zh('Click to show the Giggle jobs')), `status bar item's label is not Chinese: ${tooltip}`);
    await saveScreenshot(wb, 'zh-cn-jobs');
  });

  it('offers the finished job in the palette, asking which job in Chinese and describing it in Chinese', async () => {
    const { wb } = ui;
    // The video commands appear in the palette once a job has a finished video (giggle.hasVideos).
    assert.ok(await wb.paletteHasCommand(paletteLabel('giggle.copyVideoLink', LOCALE)), 'Copy Video Link is in the palette once a video is ready');
    await wb.closeQuickInput();
    await wb.runCommand(paletteLabel('giggle.showJobDetails', LOCALE));
    await wb.quickInputRows.first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.strictEqual(await wb.quickInputBox.getAttribute('placeholder'), zh('Which job do you want to see?'));
    const row = wb.quickInputRows.filter({ has: wb.page.locator('.label-name', { hasText: prompt }) }).first();
    const description = ((await row.locator('.label-description').textContent()) ?? '').trim();
    assert.ok(description.includes(zh('ready', 'job state in the Jobs view')), `the job's description is not Chinese: ${description}`);
    await row.click();
    // The details open as Markdown, with Chinese field names.
    const model = zh('Model: {0} · {1}s · {2} · {3}').split('{0}')[0];
    await wb.page.locator('.monaco-editor .view-lines', { hasText: model }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await wb.runCommand('View: Close All Editors');
  });

  it('opens the generator panel in Chinese, with the price before Submit', async () => {
    const { wb } = ui;
    await wb.runCommand(paletteLabel('giggle.openGenerator', LOCALE));
    const frame = await wb.waitForWebview('body[data-ready="true"] #tab-video', { timeout: 30_000 });
    assert.strictEqual((await frame.locator('#tab-video').textContent())?.trim(), zh('Video'));
    assert.strictEqual((await frame.locator('#tab-mv').textContent())?.trim(), zh('Music video'));
    assert.strictEqual(await frame.locator('html').getAttribute('lang'), LOCALE);
    await frame.locator('#video-price[data-state="known"]').waitFor({ timeout: 20_000 });
    const credits = await frame.locator('#video-price').getAttribute('data-credits');
    assert.strictEqual((await frame.locator('#video-price').textContent())?.trim(), zh('Estimated price: {0} credits').replace('{0}', credits ?? '?'));
    await frame.locator('#video-prompt').fill('黄昏时分，一只纸船顺着雨后的街道漂流');
    await wb.clearNotifications();
    await saveScreenshot(wb, 'zh-cn-panel');
    // A field message (the extension's validation, shown under the field), in Chinese, naming the field by its label.
    await frame.locator('#video-prompt').fill('');
    await frame.locator('#video-submit').click();
    const error = ((await frame.locator('#video-prompt-error').filter({ hasText: /\S/ }).first().textContent({ timeout: 15_000 })) ?? '').trim();
    assert.match(error, /\p{Script=Han}/u, `the prompt's field message is not Chinese: ${error}`);
    assert.ok(error.startsWith(zh('prompt', 'request field named in validation messages; translate as "label（key）"')), `the message names the field by its Chinese label: ${error}`);
  });
});
