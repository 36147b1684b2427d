// UI tests of the generator panel (giggle.openGenerator): the packaged
// extension in code-server, driven inside the webview's frames, submitting to
// the simulator. Screenshots of both tabs in a dark and a light theme are
// saved to GIGGLE_E2E_ARTIFACTS (test-results/e2e/) for review.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { e2eEnv, getBrowser, saveScreenshot, useWorkbench } from './support/fixtures';
import { overrideSettings } from './support/profile';
import { simControl } from './support/sim';
import { Workbench } from './support/workbench';

const OPEN_PANEL = 'Giggle: Open Generator Panel';
const PANEL_TITLE = 'Giggle Generator';

interface SimRequest {
  seq: number;
  method: string;
  path: string;
  body: unknown;
}

async function simRequests(): Promise<SimRequest[]> {
  return ((await simControl('GET', 'requests')) as SimRequest[]).filter((r) => r.path.startsWith('/api/'));
}

const PRICE_PATH = '/api/v1/payment/model-price';
const TEXT_TO_VIDEO = '/api/v1/generation/text-to-video';

/** The newest request that could spend credits or create something (price lookups, which the panel makes as the form changes, do not count). */
async function lastSeq(): Promise<number> {
  return (await simRequests()).filter((r) => r.path !== PRICE_PATH).reduce((max, r) => Math.max(max, r.seq), 0);
}

function workspacePngBase64(): string {
  return readFileSync(path.join(e2eEnv.workspace, 'sample.png')).toString('base64');
}

/** The panel's webview (the generator is the only webview these tests open). */
async function panel(wb: Workbench): Promise<FrameLocator> {
  return wb.waitForWebview('body[data-ready="true"] #tab-video', { timeout: 30_000 });
}

/**
 * Opens the generator in a new browser window (its own extension host, nothing restored) once the
 * extension is in use there (a first command loaded its features bundle), and returns the time the
 * panel reports. The cold path, features loaded by this very command, is measured by
 * bench/activation.mjs.
 */
async function openInFreshWindow(): Promise<number> {
  const context = await (await getBrowser()).newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const wb = await Workbench.open(await context.newPage(), e2eEnv.workbenchUrl);
    await wb.activityBarItem('Giggle').waitFor({ state: 'visible', timeout: 60_000 });
    await wb.runCommand('Giggle: Show Log');
    // Let the new window settle (its extension host, the built-in extensions starting up), as a window is
    // by the time someone opens the generator; a window still starting up measures its own start-up.
    await wb.page.waitForTimeout(3_000);
    await wb.runCommand(OPEN_PANEL);
    return Number(await (await panel(wb)).locator('body').getAttribute('data-open-ms'));
  } finally {
    await context.close().catch(() => {});
  }
}

async function openPanel(wb: Workbench): Promise<FrameLocator> {
  await focusWorkbench(wb);
  await wb.runCommand(OPEN_PANEL);
  return panel(wb);
}

/** Picks sample.png for a frame field through "Workspace image…" (a quick pick in the workbench). */
async function pickSamplePng(wb: Workbench, frame: FrameLocator, fieldId: string): Promise<void> {
  await frame.locator(`#${fieldId}-mode-image`).check();
  await frame.locator(`#${fieldId}-workspace`).click();
  await wb.pickQuickItem('sample.png');
  await frame.locator(`#${fieldId}-details`).waitFor({ state: 'visible', timeout: 15_000 });
}

/** Moves keyboard focus out of the webview (F1 inside it does not always reach the workbench). */
async function focusWorkbench(wb: Workbench): Promise<void> {
  await wb.page.keyboard.press('Escape');
  const title = wb.page.locator('.part.sidebar .composite.title');
  if (await title.isVisible()) await title.click({ position: { x: 5, y: 5 } });
}

async function setColorTheme(wb: Workbench, theme: string): Promise<void> {
  await focusWorkbench(wb);
  await wb.runCommand('Preferences: Color Theme');
  await wb.answerQuickInput(theme);
  await wb.quickInput.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  await wb.page.waitForTimeout(500);
}

/** Waits until the Jobs tree shows a row labelled `label` whose description contains `phase`. */
async function waitForJob(wb: Workbench, label: string, phase: RegExp, timeout = 60_000): Promise<void> {
  await wb.openViewContainer('Giggle');
  const row = wb.treeItem('Jobs', label);
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  const deadline = Date.now() + timeout;
  for (;;) {
    const description = (await row.locator('.label-description').textContent().catch(() => '')) ?? '';
    if (phase.test(description)) return;
    if (Date.now() > deadline) assert.fail(`the job "${label}" did not reach ${phase} (last: "${description}")`);
    await wb.page.waitForTimeout(250);
  }
}

describe('Generator panel', function () {
  this.timeout(180_000);
  const ui = useWorkbench({ viewport: { width: 1400, height: 1000 } });

  before(async () => {
    const { wb } = ui;
    await wb.runCommand('Giggle: Set API Key');
    await wb.answerQuickInput(e2eEnv.key);
    await wb.waitForNotification(/Giggle API key saved/);
    await wb.clearNotifications();
    // code-server starts in a light theme; the first screenshots are the dark ones.
    await setColorTheme(wb, 'Dark Modern');
  });

  it('opens quickly with two keyboard-operable tabs, and reveals rather than duplicates', async () => {
    const { wb } = ui;
    await wb.openCommandPalette(OPEN_PANEL);
    const row = wb.quickInputRows.filter({ hasText: OPEN_PANEL }).first();
    await row.waitFor({ state: 'visible' });
    const t0 = Date.now();
    await row.click();
    const frame = await panel(wb);
    await frame.locator('#video-prompt').waitFor({ state: 'visible' });
    const ms = Date.now() - t0;
    const inWebview = await frame.locator('body').getAttribute('data-ready-ms');
    assert.ok(ms < 3000, `Playwright saw the form after ${ms} ms`);
    // Measured by the extension itself: from giggle.openGenerator reaching it to the form being interactive,
    // here and in four fresh windows (in code-server a panel re-opened in the same window waits about a second
    // for its HTML document in the workbench's webview loader, before any of ours runs, so reopening is not
    // a fair sample). Most of it (180–330 ms) is the workbench creating the webview's frames, which varies
    // with the load of the browser and code-server on this 2-core machine. The 400 ms budget is held by the
    // benchmark (npm run bench: median of five fresh code-server starts, BENCHMARKS.md), as performance is
    // measured by benchmark scripts here; this test prints the same figure and fails on a regression far
    // beyond the noise.
    const openTimes = [Number(await frame.locator('body').getAttribute('data-open-ms'))];
    for (let i = 0; i < 4; i++) openTimes.push(await openInFreshWindow());
    // Number() of a missing attribute is 0 and of "missing" NaN: both must fail here, not count as fast.
    assert.ok(openTimes.every((t) => Number.isFinite(t) && t > 0), `the panel reports its opening time: ${openTimes.join(', ')}`);
    const median = [...openTimes].sort((a, b) => a - b)[2];
    console.log(`      giggle.openGenerator → interactive form: median ${median} ms of ${openTimes.join(', ')} ms (budget 400 ms, held by npm run bench; first open: webview document → interactive ${inWebview} ms; Playwright, with its polling, saw it after ${ms} ms)`);
    assert.ok(median < 1_000, `the form took ${median} ms (median of ${openTimes.join(', ')}) to become interactive`);

    // Tabs: role=tablist, arrow keys move between them.
    assert.strictEqual(await frame.locator('[role="tablist"] [role="tab"]').count(), 2);
    await frame.locator('#tab-video').focus();
    await frame.locator('#tab-video').press('ArrowRight');
    assert.strictEqual(await frame.locator('#tab-mv').getAttribute('aria-selected'), 'true');
    assert.ok(await frame.locator('#panel-mv').isVisible());
    await frame.locator('#tab-mv').press('ArrowLeft');
    assert.strictEqual(await frame.locator('#tab-video').getAttribute('aria-selected'), 'true');

    // Every model, each with its description; every visible control has a label.
    assert.strictEqual(await frame.locator('#video-model option').count(), 13);
    assert.match((await frame.locator('#video-model option[value="wan25"]').textContent()) ?? '', /Wanxiang/);
    const unlabelled = await frame.locator('input:not([type=radio]):not([type=checkbox]), select, textarea').evaluateAll((els) =>
      els.filter((el) => !el.ownerDocument.querySelector(`label[for="${el.id}"]`)).map((el) => el.id || el.outerHTML.slice(0, 60)),
    );
    assert.deepStrictEqual(unlabelled, []);

    await openPanel(wb);
    const tabs = (await wb.editorTabs()).filter((t) => t === PANEL_TITLE);
    assert.strictEqual(tabs.length, 1, 'a second Open Generator Panel must reveal the open panel');
  });

  it('keeps a valid duration when the model changes, and says so', async () => {
    const frame = await panel(ui.wb);
    await frame.locator('#video-model').selectOption('sora2');
    await frame.locator('#video-duration').selectOption('12');
    await frame.locator('#video-model').selectOption('sora2-fast');
    assert.strictEqual(await frame.locator('#video-duration').inputValue(), '10');
    assert.match((await frame.locator('#video-duration-note').textContent()) ?? '', /changed from 12 to 10 seconds/);
    assert.deepStrictEqual(await frame.locator('#video-duration option').allTextContents(), ['10 seconds', '15 seconds']);
  });

  it('shows the estimated price before Submit, follows the model and duration, and says "Price unknown" when Giggle does not answer', async () => {
    const { wb } = ui;
    const frame = await panel(wb);
    await frame.locator('#tab-video').click();
    const price = frame.locator('#video-price');
    await frame.locator('#video-model').selectOption('kling25');
    await frame.locator('#video-duration').selectOption('5');
    await price.and(frame.locator('[data-state="known"]')).waitFor({ timeout: 15_000 });
    const fiveSeconds = Number(await price.getAttribute('data-credits'));
    assert.ok(fiveSeconds > 0, 'a positive price');
    assert.strictEqual((await price.textContent())?.trim(), `Estimated price: ${fiveSeconds} credits`);
    // The simulator charges per second: twice the duration, twice the price (the answer for 5 s must not linger).
    await frame.locator('#video-duration').selectOption('10');
    await frame.locator(`#video-price[data-state="known"][data-credits="${fiveSeconds * 2}"]`).waitFor({ timeout: 15_000 });
    const asked = (await simRequests()).filter((r) => r.path === PRICE_PATH).at(-1)?.body as Record<string, unknown>;
    assert.deepStrictEqual({ model: asked.model, duration: asked.duration }, { model: 'kling25', duration: 10 });

    await simControl('POST', 'faults', { match: { method: 'POST', path: PRICE_PATH }, kind: 'status', status: 503 });
    try {
      await frame.locator('#video-model').selectOption('sora2');
      await price.and(frame.locator('[data-state="unknown"]')).waitFor({ timeout: 20_000 });
      assert.strictEqual((await price.textContent())?.trim(), 'Price unknown');
      assert.ok(await frame.locator('#video-submit').isEnabled(), 'an unknown price does not block Submit');
    } finally {
      await simControl('DELETE', 'faults');
    }
  });

  it('shows field messages for invalid input and sends nothing', async () => {
    const { wb } = ui;
    const frame = await panel(wb);
    const before = await lastSeq();

    await frame.locator('#video-prompt').fill('');
    await frame.locator('#video-startFrame-mode-url').check();
    await frame.locator('#video-startFrame-url').fill('not a url');
    await frame.locator('#video-endFrame-mode-asset').check();
    await frame.locator('#video-endFrame-asset').fill('has spaces/and slashes');
    await frame.locator('#video-submit').click();
    await frame.locator('#video-prompt-error').filter({ hasText: /prompt must not be empty/i }).waitFor({ timeout: 15_000 });
    assert.match((await frame.locator('#video-startFrame-error').textContent()) ?? '', /URL/);
    assert.match((await frame.locator('#video-endFrame-error').textContent()) ?? '', /asset id/i);
    assert.strictEqual(await frame.locator('#video-prompt').getAttribute('aria-invalid'), 'true');
    assert.match((await frame.locator('#alert').textContent()) ?? '', /3 fields need attention; nothing was sent/);
    assert.ok(await frame.locator('#video-submit').isEnabled(), 'Submit is enabled again after a refusal');
    // The banner follows the fixes: the count drops with each fixed field, and the banner goes with the last.
    await frame.locator('#video-prompt').fill('a fixed prompt');
    await frame.locator('#alert', { hasText: /2 fields need attention/ }).waitFor({ timeout: 5_000 });
    await frame.locator('#video-startFrame-mode-none').check();
    await frame.locator('#video-endFrame-mode-none').check();
    await frame.locator('#alert', { hasText: /\S/ }).waitFor({ state: 'detached', timeout: 5_000 });
    assert.strictEqual(((await frame.locator('#alert').textContent()) ?? '').trim(), '', 'the banner went with the last fix');

    // Music video: the scene description limit is live; custom mode needs its own fields; the reference image is required.
    await frame.locator('#tab-mv').click();
    await frame.locator('#mv-mode-custom').check();
    await frame.locator('#mv-sceneDescription').fill('x'.repeat(201));
    await frame.locator('#mv-sceneDescription-error').filter({ hasText: /201 characters; the limit is 200/ }).waitFor();
    assert.match((await frame.locator('#mv-sceneDescription-count').textContent()) ?? '', /201 \/ 200/);
    await frame.locator('#mv-submit').click();
    await frame.locator('#mv-lyrics-error').filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
    for (const id of ['mv-name', 'mv-title', 'mv-style', 'mv-referenceImage', 'mv-sceneDescription']) {
      assert.notStrictEqual(((await frame.locator(`#${id}-error`).textContent()) ?? '').trim(), '', `#${id} shows no message`);
    }
    await frame.locator('#mv-sceneDescription').fill('A sunny beach');
    assert.strictEqual(((await frame.locator('#mv-sceneDescription-error').textContent()) ?? '').trim(), '');
    // The refusal belongs to the music-video form: the video tab does not show it, the music-video tab still does.
    await frame.locator('#alert', { hasText: /5 fields need attention/ }).waitFor({ timeout: 5_000 });
    await frame.locator('#tab-video').click();
    await frame.locator('#alert', { hasText: /\S/ }).waitFor({ state: 'detached', timeout: 5_000 });
    await frame.locator('#tab-mv').click();
    await frame.locator('#alert', { hasText: /5 fields need attention/ }).waitFor({ timeout: 5_000 });

    await wb.page.waitForTimeout(500);
    assert.strictEqual(await lastSeq(), before, 'invalid input reached the API');
  });

  it('submits a video with a workspace PNG as start frame; the job completes and the API got the exact base64', async () => {
    const { wb } = ui;
    const frame = await panel(wb);
    await frame.locator('#tab-video').click();
    const prompt = `panel e2e video ${Date.now()}`;
    await frame.locator('#video-prompt').fill(prompt);
    assert.match((await frame.locator('#video-prompt-count').textContent()) ?? '', new RegExp(`^${prompt.length} / 2000`));
    await frame.locator('#video-model').selectOption('kling25');
    await frame.locator('#video-duration').selectOption('10');
    await frame.locator('#video-aspectRatio').selectOption('9:16');
    await frame.locator('#video-resolution').selectOption('1080p');
    await pickSamplePng(wb, frame, 'video-startFrame');
    assert.match((await frame.locator('#video-startFrame-details').textContent()) ?? '', /PNG, \d+ B, \d+ × \d+ px/);
    await frame.locator('#video-endFrame-mode-none').check();
    await saveScreenshot(wb, 'panel-video-dark');

    const before = await lastSeq();
    await frame.locator('#video-submit').click();
    await frame.locator('#status').filter({ hasText: /Video submitted \(task [0-9a-f-]+\)/ }).waitFor({ timeout: 30_000 });
    assert.ok(await frame.locator('#video-submit').isEnabled());

    const sent = (await simRequests()).filter((r) => r.seq > before && r.method === 'POST' && r.path.includes('/generation/'));
    assert.strictEqual(sent.length, 1, 'exactly one submission');
    assert.strictEqual(sent[0].path, '/api/v1/generation/image-to-video');
    const body = sent[0].body as Record<string, unknown>;
    assert.deepStrictEqual(body.start_frame, { base64: workspacePngBase64() });
    assert.strictEqual(body.end_frame, undefined);
    assert.deepStrictEqual(
      { prompt: body.prompt, model: body.model, duration: body.duration, aspect_ratio: body.aspect_ratio, resolution: body.resolution },
      { prompt, model: 'kling25', duration: 10, aspect_ratio: '9:16', resolution: '1080p' },
    );

    await waitForJob(wb, prompt, /ready/);
  });

  it('submits a custom-mode music video with a workspace PNG as reference image; it completes after payment', async () => {
    const { wb } = ui;
    const frame = await openPanel(wb);
    await frame.locator('#tab-mv').click();
    const name = `panel e2e mv ${Date.now()}`;
    await frame.locator('#mv-name').fill(name);
    await frame.locator('#mv-aspect').selectOption('9:16');
    await frame.locator('#mv-mode-custom').check();
    await frame.locator('#mv-title').fill('Ocean Lights');
    await frame.locator('#mv-style').fill('dreamy synth-pop');
    await frame.locator('#mv-lyrics').fill('Waves at night\nCity lights');
    await frame.locator('#mv-sceneDescription').fill('A sunny beach at dusk');
    await frame.locator('#mv-subtitleEnabled').check();
    await pickSamplePng(wb, frame, 'mv-referenceImage');
    await saveScreenshot(wb, 'panel-mv-dark');

    const before = await lastSeq();
    await frame.locator('#mv-submit').click();
    await frame.locator('#status').filter({ hasText: /Music video submitted \(project [\w-]+\)/ }).waitFor({ timeout: 30_000 });
    const submit = (await simRequests()).find((r) => r.seq > before && r.path === '/api/v1/trustee_mode/mv/submit');
    assert.ok(submit, 'no /trustee_mode/mv/submit request');
    const body = submit.body as Record<string, unknown>;
    assert.strictEqual(body.reference_image_url, workspacePngBase64());
    assert.deepStrictEqual(
      { type: body.music_generate_type, lyrics: body.lyrics, style: body.style, title: body.title, aspect: body.aspect, scene: body.scene_description, subtitles: body.subtitle_enabled },
      { type: 'custom', lyrics: 'Waves at night\nCity lights', style: 'dreamy synth-pop', title: 'Ocean Lights', aspect: '9:16', scene: 'A sunny beach at dusk', subtitles: true },
    );

    // The default payment setting asks first (a modal dialog); pay, then wait for the finished video.
    const pay = wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Pay$/ });
    await pay.waitFor({ state: 'visible', timeout: 60_000 });
    await pay.click();
    await waitForJob(wb, name, /ready/, 120_000);
  });

  it('"My own song" and the 30-second length: the workspace song.mp3 picked by the host is submitted in upload mode to an aimv-30 project', async () => {
    const { wb } = ui;
    const frame = await openPanel(wb);
    await frame.locator('#tab-mv').click();
    // Fails at its first step in the simulator ([fail:music-generate]): otherwise it reaches the payment gate
    // after this test and the modal "Pay?" question blocks the next test's clicks.
    const name = `panel e2e own song ${Date.now()} [fail:music-generate]`;
    await frame.locator('#mv-name').fill(name);
    await frame.locator('#mv-projectType').selectOption('aimv-30');
    await frame.locator('#mv-mode-upload').check();
    await frame.locator('#mv-song').click();
    await wb.pickQuickItem(/song\.mp3/);
    await frame.locator('#mv-song-file').filter({ hasText: /song\.mp3/ }).waitFor({ timeout: 15_000 });
    await pickSamplePng(wb, frame, 'mv-referenceImage');

    const before = await lastSeq();
    await frame.locator('#mv-submit').click();
    await frame.locator('#status').filter({ hasText: /Music video submitted \(project [\w-]+\)/ }).waitFor({ timeout: 30_000 });
    const requests = (await simRequests()).filter((r) => r.seq > before).map((r) => ({ path: r.path, body: (r.body ?? {}) as Record<string, unknown> }));
    const create = requests.find((r) => r.path === '/api/v1/project/create' && r.body.name === name);
    assert.strictEqual(create?.body.type, 'aimv-30', 'the 30-second version');
    const submit = requests.find((r) => r.path === '/api/v1/trustee_mode/mv/submit');
    assert.strictEqual(submit?.body.music_generate_type, 'upload');
    assert.match(String(submit?.body.music_asset_id), /^[a-z0-9]+$/, 'the song as an asset id');
    const presigns = requests.filter((r) => r.path === '/api/v1/asset/get-presigned-url' && r.body.content_type === 'audio/mpeg');
    assert.ok(presigns.length <= 1, 'the song was uploaded at most once (an earlier upload of the same content is reused)');
  });

  it('keeps the form when the panel is hidden and shown again, and remembers the last model as default', async () => {
    const { wb } = ui;
    let frame = await panel(wb);
    await frame.locator('#tab-video').click();
    await frame.locator('#video-prompt').fill('kept while hidden');
    await wb.page.waitForTimeout(400);
    // Hide the panel behind another editor, then bring it back.
    await focusWorkbench(wb);
    await wb.runCommand('File: New Untitled Text File');
    await wb.page.locator('.tabs-container .tab', { hasText: PANEL_TITLE }).click();
    frame = await panel(wb);
    assert.strictEqual(await frame.locator('#video-prompt').inputValue(), 'kept while hidden');
    assert.match((await frame.locator('#video-startFrame-details').textContent()) ?? '', /PNG/);

    // A new panel preselects what was last submitted (kling25, 9:16, 1080p).
    await focusWorkbench(wb);
    await wb.runCommand('View: Close All Editors');
    await wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Don't Save$/ }).click({ timeout: 5_000 }).catch(() => {});
    frame = await openPanel(wb);
    assert.strictEqual(await frame.locator('#video-model').inputValue(), 'kling25');
    assert.strictEqual(await frame.locator('#video-aspectRatio').inputValue(), '9:16');
    assert.strictEqual(await frame.locator('#video-resolution').inputValue(), '1080p');
    assert.strictEqual(await frame.locator('#mv-aspect').inputValue(), '9:16');
  });

  it('remembers a submission in flight across a webview reload and a closed and reopened panel, then shows its outcome', async () => {
    const { wb } = ui;
    // Long enough for the steps below whatever the load: the simulator holds the request until released.
    const restoreSettings = overrideSettings({ 'giggle.requestTimeoutSeconds': 300 });
    try {
      let frame = await openPanel(wb);
      await frame.locator('#tab-video').click();
      const prompt = `panel held submission ${Date.now()}`;
      await frame.locator('#video-prompt').fill(prompt);
      await frame.locator('#video-startFrame-mode-none').check();
      await frame.locator('#video-endFrame-mode-none').check();
      await simControl('POST', 'faults', { match: { method: 'POST', path: TEXT_TO_VIDEO }, kind: 'hold', times: 1 });
      const before = await lastSeq();
      await frame.locator('#video-submit').click();
      for (const deadline = Date.now() + 30_000; !(await simRequests()).some((r) => r.seq > before && r.path === TEXT_TO_VIDEO); await wb.page.waitForTimeout(100)) {
        assert.ok(Date.now() < deadline, 'the submission reached the simulator');
      }
      const submitting = async (where: string) => {
        const button = frame.locator('#video-submit');
        await button.filter({ hasText: /Submitting…/ }).waitFor({ timeout: 15_000 });
        assert.ok(await button.isDisabled(), `Submit is disabled ${where}`);
      };
      await submitting('while the request is out');

      // The webview reloads: a new document, the same submission.
      const firstDocument = await frame.locator('body').getAttribute('data-interactive-at');
      await focusWorkbench(wb);
      await wb.runCommand('Developer: Reload Webviews');
      for (const deadline = Date.now() + 30_000; ; await wb.page.waitForTimeout(100)) {
        frame = await panel(wb);
        const now = await frame.locator('body').getAttribute('data-interactive-at').catch(() => firstDocument);
        if (now && now !== firstDocument) break;
        assert.ok(Date.now() < deadline, 'the webview reloaded');
      }
      await submitting('after the webview reloaded');

      // The panel is closed and opened again: still the same submission, and no second one can start.
      await focusWorkbench(wb);
      await wb.runCommand('View: Close All Editors');
      await wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Don't Save$/ }).click({ timeout: 5_000 }).catch(() => {});
      await wb.page.locator('.tabs-container .tab', { hasText: PANEL_TITLE }).waitFor({ state: 'detached', timeout: 15_000 });
      frame = await openPanel(wb);
      await submitting('in the reopened panel');

      // Giggle answers: the outcome shows in the panel open now.
      await simControl('DELETE', 'faults');
      await frame.locator('#status').filter({ hasText: /Video submitted \(task [0-9a-f-]+\)/ }).waitFor({ timeout: 60_000 });
      assert.ok(await frame.locator('#video-submit').isEnabled(), 'Submit is enabled again');
      const sent = (await simRequests()).filter((r) => r.seq > before && r.path === TEXT_TO_VIDEO);
      assert.strictEqual(sent.length, 1, 'sent once');
      assert.strictEqual((sent[0].body as { prompt?: string }).prompt, prompt);
    } finally {
      await simControl('DELETE', 'faults');
      restoreSettings();
    }
  });

  it('restores the panel and its form after a window reload', async () => {
    const { wb } = ui;
    let frame = await panel(wb);
    await frame.locator('#tab-mv').click();
    await frame.locator('#mv-name').fill('survives a reload');
    await wb.page.waitForTimeout(400);
    // "Reload Window" shuts the workbench down properly, so it saves which editors are open (a bare page reload may not).
    await focusWorkbench(wb);
    const reloaded = wb.page.waitForEvent('domcontentloaded', { timeout: 60_000 });
    await wb.runCommand('Developer: Reload Window');
    await reloaded;
    await wb.waitReady();
    frame = await panel(wb);
    assert.strictEqual(await frame.locator('#tab-mv').getAttribute('aria-selected'), 'true');
    assert.strictEqual(await frame.locator('#mv-name').inputValue(), 'survives a reload');
    await frame.locator('#tab-video').click();
  });

  it('opens from the Explorer context menu with the image as start frame', async () => {
    const { wb } = ui;
    await focusWorkbench(wb);
    await wb.runCommand('View: Show Explorer');
    const row = wb.page.locator('.explorer-folders-view .monaco-list-row', { has: wb.page.locator('.label-name', { hasText: /^sample\.png$/ }) }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click({ button: 'right' });
    const menu = wb.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible' });
    const item = menu.locator('.action-item .action-label', { hasText: /^Generate Video from This Image$/ });
    await item.hover();
    await item.click();
    // The menu sometimes ignores the first synthetic click; Enter runs the hovered item.
    await menu.waitFor({ state: 'hidden', timeout: 2_000 }).catch(async () => wb.page.keyboard.press('Enter'));
    const frame = await panel(wb);
    await frame.locator('#video-startFrame-details').waitFor({ state: 'visible', timeout: 15_000 });
    assert.strictEqual(await frame.locator('#tab-video').getAttribute('aria-selected'), 'true');
    assert.ok(await frame.locator('#video-startFrame-mode-image').isChecked());
  });

  it('saves screenshots of both tabs in a light theme', async () => {
    const { wb } = ui;
    await setColorTheme(wb, 'Light Modern');
    const frame = await panel(wb);
    await frame.locator('#tab-video').click();
    await saveScreenshot(wb, 'panel-video-light');
    await frame.locator('#tab-mv').click();
    await saveScreenshot(wb, 'panel-mv-light');
    await setColorTheme(wb, 'Dark Modern');
  });
});
