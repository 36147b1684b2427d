// Shared set-up for UI tests. scripts/run-e2e.mjs starts the simulator and a
// code-server with the packaged .vsix installed, then runs test/e2e/**/*.spec.ts
// with mocha (BDD) in a process whose environment says where things are:
//   GIGGLE_E2E_URL        workbench URL (code-server, workspace folder opened)
//   GIGGLE_E2E_WORKSPACE  that workspace folder on disk (has sample.png)
//   GIGGLE_E2E_ARTIFACTS  where failure screenshots go (test-results/e2e)
//   GIGGLE_SIM_URL, GIGGLE_TEST_KEY   the simulator and a key it accepts
//   CHROMIUM_PATH         the Chromium to drive
// Each suite that calls useWorkbench() gets a fresh browser context (so a
// fresh SecretStorage/globalState, which live in the browser in code-server)
// and a page with the workbench open; a failing test leaves a screenshot.
import { mkdirSync } from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { Workbench } from './workbench';
import { windowPresenceFiles } from './profile';
import chromiumArgs from '../../../scripts/lib/chromium-args.json';

/** The Chromium flags that work on these machines (shared with scripts/lib/chromium.mjs). */
export const CHROMIUM_ARGS: string[] = chromiumArgs;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the UI tests through scripts/run-e2e.mjs (npm run test:e2e)`);
  return value;
}

export const e2eEnv = {
  get workbenchUrl() {
    return required('GIGGLE_E2E_URL');
  },
  get workspace() {
    return required('GIGGLE_E2E_WORKSPACE');
  },
  get artifacts() {
    return process.env.GIGGLE_E2E_ARTIFACTS || path.resolve('test-results/e2e');
  },
  get simUrl() {
    return process.env.GIGGLE_SIM_URL;
  },
  get key() {
    return process.env.GIGGLE_TEST_KEY || 'sim-test-key';
  },
};

// One browser per run, shared by suites; closed by the runner (closeBrowser()).
const state = globalThis as unknown as { __giggleE2EBrowser?: Promise<Browser> };

export function getBrowser(): Promise<Browser> {
  state.__giggleE2EBrowser ??= chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: process.env.HEADFUL !== '1',
    args: CHROMIUM_ARGS,
  });
  return state.__giggleE2EBrowser;
}

export async function closeBrowser(): Promise<void> {
  const pending = state.__giggleE2EBrowser;
  state.__giggleE2EBrowser = undefined;
  if (pending) await (await pending).close().catch(() => {});
}

/** Saves a screenshot of the workbench as <GIGGLE_E2E_ARTIFACTS>/<name>.png (`npm run screenshots` picks the README's). */
export async function saveScreenshot(wb: Workbench, name: string): Promise<void> {
  mkdirSync(e2eEnv.artifacts, { recursive: true });
  await wb.page.screenshot({ path: path.join(e2eEnv.artifacts, `${name}.png`) });
}

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 120);

export interface WorkbenchFixture {
  /** The workbench of the current suite (fresh browser context). */
  readonly wb: Workbench;
  readonly context: BrowserContext;
}

/**
 * Call inside a `describe`: opens the workbench in a fresh browser context
 * before the suite (and waits for the Giggle activity-bar entry, unless
 * `waitForExtension: false`), screenshots every failing test into GIGGLE_E2E_ARTIFACTS,
 * and closes the context after the suite.
 */
export function useWorkbench(options: { url?: string; viewport?: { width: number; height: number }; waitForExtension?: boolean } = {}): WorkbenchFixture {
  let context: BrowserContext | undefined;
  let wb: Workbench | undefined;
  const consoleErrors: string[] = [];

  before(async function () {
    this.timeout(120_000);
    const browser = await getBrowser();
    context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    // Loading the workbench can take longer than Playwright's 30 s default on a loaded 2-core CI machine.
    context.setDefaultNavigationTimeout(120_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => consoleErrors.push(`[pageerror] ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    wb = await Workbench.open(page, options.url ?? e2eEnv.workbenchUrl);
    // Ready for tests once the extension's contributions are registered (its activity-bar entry shows).
    if (options.waitForExtension !== false) await wb.activityBarItem('Giggle').waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !wb) return;
    mkdirSync(e2eEnv.artifacts, { recursive: true });
    const file = path.join(e2eEnv.artifacts, `${slug(test.fullTitle())}.png`);
    await wb.page.screenshot({ path: file }).catch(() => {});
    console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    const errors = consoleErrors.filter((e) => /giggle/i.test(e)).slice(-5);
    if (errors.length) console.log(`      workbench console errors mentioning Giggle:\n        ${errors.join('\n        ')}`);
  });

  after(async function () {
    this.timeout(60_000);
    // Leaving the page ends its extension host (closing the context drops the connection, and code-server keeps
    // the host for a reconnection that never comes): a host left running would poll, pay and announce for later suites.
    const pages = context?.pages() ?? [];
    const remaining = windowPresenceFiles().length - pages.length;
    for (const page of pages) await page.goto('about:blank').catch(() => {});
    for (const deadline = Date.now() + 30_000; windowPresenceFiles().length > remaining && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 200));
    await context?.close().catch(() => {});
    context = undefined;
  });

  return {
    get wb() {
      if (!wb) throw new Error('the workbench is not open (did the before() hook fail?)');
      return wb;
    },
    get context() {
      if (!context) throw new Error('no browser context');
      return context;
    },
  };
}
