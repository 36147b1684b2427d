// Page helpers for driving the VS Code workbench (code-server 1.100) with
// playwright-core. UI tests build on these instead of raw selectors, so a
// change in VS Code's DOM is fixed in one place.
import type { FrameLocator, Locator, Page } from 'playwright-core';

export interface WaitOptions {
  timeout?: number;
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text: string) => new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);

export class Workbench {
  constructor(readonly page: Page) {}

  /** Opens `url` (a workbench URL) and waits until the workbench is usable. */
  static async open(page: Page, url: string, options: WaitOptions = {}): Promise<Workbench> {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const wb = new Workbench(page);
    await wb.waitReady(options);
    return wb;
  }

  /** The workbench is drawn and the (remote) extension host is connected. */
  async waitReady({ timeout = 60_000 }: WaitOptions = {}): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
  }

  // --- Command palette --------------------------------------------------------

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** The text box of the quick input (palette, input box, quick pick). */
  get quickInputBox(): Locator {
    return this.quickInput.locator('.quick-input-box input');
  }

  /** Visible rows of the quick input list. */
  get quickInputRows(): Locator {
    return this.quickInput.locator('.quick-input-list .monaco-list-row');
  }

  /** Opens the command palette (F1), with `text` typed after the `>`. */
  async openCommandPalette(text = ''): Promise<void> {
    await this.closeQuickInput();
    await this.page.locator('.monaco-workbench').focus();
    await this.page.keyboard.press('F1');
    await this.quickInput.waitFor({ state: 'visible' });
    await this.quickInputBox.fill(`>${text}`);
  }

  /** Labels of the palette's visible rows for `query` (e.g. "Giggle:"). The list is virtual: query narrowly. */
  async paletteLabels(query: string, { timeout = 10_000 }: WaitOptions = {}): Promise<string[]> {
    await this.openCommandPalette(query);
    await this.quickInputRows.first().waitFor({ state: 'visible', timeout }).catch(() => {});
    // Let the filter settle: read until two successive reads agree.
    let previous = '';
    for (let i = 0; i < 20; i++) {
      const labels = await this.rowLabels();
      const key = labels.join('\n');
      if (key === previous) break;
      previous = key;
      await this.page.waitForTimeout(100);
    }
    const labels = previous ? previous.split('\n') : [];
    await this.closeQuickInput();
    return labels;
  }

  /**
   * Whether the command palette offers a command labelled exactly `label`
   * ("Giggle: Set API Key"). The palette lists what was registered when it
   * opened, so this reopens it until `timeout` (extensions register late).
   */
  async paletteHasCommand(label: string, { timeout = 5_000 }: WaitOptions = {}): Promise<boolean> {
    const deadline = Date.now() + timeout;
    do {
      if ((await this.paletteLabels(label, { timeout: 2_000 })).includes(label)) return true;
    } while (Date.now() < deadline);
    return false;
  }

  /** Runs a command through the palette by its full label, as a user would (reopening the palette until it lists it). */
  async runCommand(label: string, { timeout = 20_000 }: WaitOptions = {}): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.openCommandPalette(label);
      const row = this.quickInputRows.filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: Math.min(3_000, Math.max(500, deadline - Date.now())) });
        await row.click();
        return;
      } catch (error) {
        await this.closeQuickInput();
        if (Date.now() >= deadline) throw new Error(`the command palette does not list "${label}" (${(error as Error).message.split('\n')[0]})`);
      }
    }
  }

  /** Types into the current quick input (input box or quick pick) and optionally presses Enter. */
  async answerQuickInput(text: string, { submit = true, title }: { submit?: boolean; title?: string | RegExp } = {}): Promise<void> {
    await this.quickInput.waitFor({ state: 'visible' });
    if (title !== undefined) await this.quickInput.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
    await this.quickInputBox.fill(text);
    if (submit) await this.quickInputBox.press('Enter');
  }

  /**
   * Accepts the confirmation step a wizard shows after its last question
   * (e.g. Generate Video's "Submit — ≈ N credits" / "Submit — price unknown")
   * by pressing Enter once its row is drawn and active.
   */
  async confirmQuickPick(label: RegExp = /^Submit — /, { timeout = 20_000, title }: WaitOptions & { title?: string | RegExp } = {}): Promise<void> {
    await this.quickInput.waitFor({ state: 'visible', timeout });
    if (title !== undefined) await this.quickInput.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout });
    const row = this.quickInputRows.filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
    await row.waitFor({ state: 'visible', timeout });
    await this.quickInputBox.press('Enter');
  }

  /** Picks the quick-pick row whose label matches. */
  async pickQuickItem(label: string | RegExp, { timeout = 10_000 }: WaitOptions = {}): Promise<void> {
    const matcher = typeof label === 'string' ? exactly(label) : label;
    const row = this.quickInputRows.filter({ has: this.page.locator('.label-name', { hasText: matcher }) }).first();
    await row.waitFor({ state: 'visible', timeout });
    await row.click();
  }

  /** Whether the visible quick input is a quick pick (has a list) rather than an input box. */
  async quickInputIsPick(): Promise<boolean> {
    return this.quickInput.locator('.quick-input-list').isVisible();
  }

  /**
   * Walks a multi-step quick input by accepting each step's active (default)
   * item with Enter, until an input box (free text) is shown or `maxSteps`
   * picks were accepted. Returns the number of steps accepted. Pass the
   * wizard's `title` so only its steps are answered.
   */
  async acceptDefaultsUntilInputBox({ maxSteps = 12, timeout = 20_000, title }: WaitOptions & { maxSteps?: number; title?: string | RegExp } = {}): Promise<number> {
    for (let step = 0; step < maxSteps; step++) {
      await this.quickInput.waitFor({ state: 'visible', timeout });
      // With a title, never mistake another quick input (e.g. the closing palette) for a step.
      if (title !== undefined) await this.quickInput.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout });
      // Wait for the step to draw its list or its text box.
      // (Predicates are strings: they run in the page, and this project's TypeScript has no DOM types.)
      await this.page.waitForFunction(
        `(() => {
          const list = document.querySelector('.quick-input-widget .quick-input-list');
          const rows = document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row').length;
          return !list || list.offsetParent === null || rows > 0;
        })()`,
        undefined,
        { timeout },
      );
      if (!(await this.quickInputIsPick())) return step;
      const before = await this.quickInput.locator('.quick-input-title').textContent();
      await this.quickInputBox.press('Enter');
      await this.page
        .waitForFunction(`document.querySelector('.quick-input-widget .quick-input-title')?.textContent !== ${JSON.stringify(before)}`, undefined, { timeout })
        .catch(() => {});
    }
    return maxSteps;
  }

  /** The title and validation/prompt message of the visible quick input. */
  async quickInputState(): Promise<{ title: string; message: string; value: string }> {
    return {
      title: (await this.quickInput.locator('.quick-input-title').textContent()) ?? '',
      message: (await this.quickInput.locator('.quick-input-message').textContent().catch(() => '')) ?? '',
      value: await this.quickInputBox.inputValue(),
    };
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    }
  }

  private async rowLabels(): Promise<string[]> {
    return this.quickInputRows.locator('.label-name').allTextContents().then((all) => all.map((s) => s.trim()));
  }

  // --- Notifications -------------------------------------------------------------

  /** Toasts currently shown (bottom right). */
  get toasts(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  /** Waits for a toast whose message matches; returns it. */
  async waitForNotification(message: string | RegExp, { timeout = 15_000 }: WaitOptions = {}): Promise<Locator> {
    const toast = this.toasts.filter({ has: this.page.locator('.notification-list-item-message', { hasText: message }) }).first();
    await toast.waitFor({ state: 'visible', timeout });
    return toast;
  }

  /** Messages of the visible toasts. */
  async notificationMessages(): Promise<string[]> {
    return (await this.toasts.locator('.notification-list-item-message').allTextContents()).map((s) => s.trim());
  }

  /** The source shown for a toast (e.g. "Giggle Video"), from its accessible label. */
  async notificationSource(toast: Locator): Promise<string | undefined> {
    const label = (await toast.locator('.monaco-list[aria-label]').first().getAttribute('aria-label')) ?? '';
    return /, source: ([^,]+),/.exec(label)?.[1];
  }

  /** Clicks a button (e.g. "Use It") on the toast whose message matches. */
  async clickNotificationButton(message: string | RegExp, button: string, options: WaitOptions = {}): Promise<void> {
    const toast = await this.waitForNotification(message, options);
    await toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: exactly(button) }).click();
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.toasts.first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  }

  // --- Activity bar, views, trees ------------------------------------------------

  /** The activity-bar entry titled `title` (its tooltip, e.g. "Giggle"). */
  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar .action-item a.action-label[aria-label="${title}"], .part.activitybar .action-item a.action-label[aria-label^="${title} ("]`).first();
  }

  /** Opens a view container from the activity bar (no-op when already open). */
  async openViewContainer(title: string, { timeout = 30_000 }: WaitOptions = {}): Promise<void> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible', timeout });
    // The workbench may restore (or an extension may reveal) the container while we look, and a
    // click on an already open container closes it: re-check until it is open and visible.
    const sidebar = this.page.locator('.part.sidebar');
    const deadline = Date.now() + timeout;
    for (;;) {
      const checked = (await item.locator('xpath=..').getAttribute('class'))?.includes('checked');
      if (checked && (await sidebar.isVisible())) return;
      if (!checked) await item.click();
      if (await sidebar.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false)) {
        if ((await item.locator('xpath=..').getAttribute('class'))?.includes('checked')) return;
      }
      if (Date.now() > deadline) throw new Error(`the "${title}" view container did not open within ${timeout} ms`);
    }
  }

  /** A view (pane) in the side bar, by its name ("Jobs"). Works also when its header is merged into the container title. */
  view(name: string): Locator {
    return this.page.locator('.part.sidebar .pane').filter({ has: this.page.locator(`.pane-header[aria-label="${name} Section"]`) });
  }

  /** The side bar's title, e.g. "GIGGLE: JOBS" when a container has a single view. */
  async sideBarTitle(): Promise<string> {
    return ((await this.page.locator('.part.sidebar .composite.title .title-label h2').textContent()) ?? '').trim();
  }

  /** Rows of the tree in view `name`. */
  treeItems(viewName: string): Locator {
    return this.view(viewName).locator('.monaco-list-row');
  }

  /** The tree row whose label matches. */
  treeItem(viewName: string, label: string | RegExp): Locator {
    const matcher = typeof label === 'string' ? exactly(label) : label;
    return this.treeItems(viewName).filter({ has: this.page.locator('.label-name', { hasText: matcher }) }).first();
  }

  /** Labels of the tree's visible rows. */
  async treeLabels(viewName: string): Promise<string[]> {
    return (await this.treeItems(viewName).locator('.label-name').allTextContents()).map((s) => s.trim());
  }

  /** The welcome content a view shows when empty (viewsWelcome), if any. */
  welcomeView(viewName: string): Locator {
    return this.view(viewName).locator('.welcome-view-content');
  }

  /** Title-bar actions of a view (icons such as "Refresh Jobs"), by accessible label. */
  viewAction(label: string): Locator {
    return this.page.locator(`.part.sidebar .title-actions a.action-label[aria-label="${label}"], .part.sidebar .pane-header .actions a.action-label[aria-label="${label}"]`).first();
  }

  /** Opens a tree row's context menu and picks `item`. */
  async treeItemContextMenu(viewName: string, label: string | RegExp, item: string): Promise<void> {
    await this.treeItem(viewName, label).click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible' });
    await menu.locator('.action-item .action-label', { hasText: exactly(item) }).click();
    // The click is sometimes not taken (the item only highlights); Enter runs the highlighted item.
    if (await menu.waitFor({ state: 'hidden', timeout: 1_000 }).then(() => false, () => true)) await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 5_000 });
  }

  /** Opens an extension's walkthrough by its (displayed) title through "Welcome: Open Walkthrough...". */
  async openWalkthrough(title: string, { timeout = 20_000 }: WaitOptions = {}): Promise<void> {
    await this.runCommand('Welcome: Open Walkthrough...');
    await this.pickQuickItem(new RegExp(escapeRegExp(title)));
    await this.page.locator('.getting-started-category-title, .gettingStartedSlide h2', { hasText: title }).first().waitFor({ state: 'visible', timeout });
  }

  // --- Editors and webviews ------------------------------------------------------

  /** Titles of open editor tabs. */
  async editorTabs(): Promise<string[]> {
    return (await this.page.locator('.tabs-container .tab .label-name').allTextContents()).map((s) => s.trim());
  }

  /**
   * The content frame of a webview (webview panels and webview views are two
   * nested iframes: the outer host frame and the extension's #active-frame).
   * `index` picks among several visible webviews.
   */
  webview(index = 0): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').nth(index).frameLocator('iframe#active-frame');
  }

  /** Waits for a webview to show `selector`, returning its frame. */
  async waitForWebview(selector: string, { timeout = 30_000, index = 0 }: WaitOptions & { index?: number } = {}): Promise<FrameLocator> {
    const frame = this.webview(index);
    await frame.locator(selector).first().waitFor({ state: 'visible', timeout });
    return frame;
  }

  // --- Misc ----------------------------------------------------------------------

  /** Text of the status bar entries (e.g. to find the extension's item). */
  async statusBarTexts(): Promise<string[]> {
    return (await this.page.locator('.part.statusbar .statusbar-item').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
