// What the extension shows and sends, observed from inside the extension host:
// every notification (error, warning, information; modal or not), every
// webview panel it creates (its options, its HTML, each message it posts),
// and unhandled promise rejections / uncaught exceptions of the host process.
//
// The suites under test/integration/ are loaded from this repository, which is
// also the extension under development, so `require('vscode')` gives them the
// very API object the extension uses: wrapping vscode.window.showErrorMessage
// here sees the extension's calls. Installed once per extension host (state on
// globalThis, because each suite file is bundled with its own copy of this
// module) and never removed: wrappers pass every call through unchanged,
// except a modal dialog when a suite has set `respond` (then the suite answers
// it, as a user would, instead of leaving it open in the browser).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export type Level = 'error' | 'warning' | 'info';

export interface Shown {
  level: Level;
  message: string;
  items: string[];
  modal: boolean;
  detail?: string;
  at: number;
}

export interface PanelRecord {
  viewType: string;
  options: vscode.WebviewPanelOptions & vscode.WebviewOptions;
  panel: vscode.WebviewPanel;
  /** Every message the extension posted to the webview. */
  posted: unknown[];
}

export interface Observations {
  shown: Shown[];
  panels: PanelRecord[];
  /** Unhandled rejections (still unhandled after a grace period) and uncaught exceptions, as text. */
  unhandled: string[];
  /** Set by a suite to answer modal dialogs (return the button to "click", or undefined to dismiss). */
  respond?: (shown: Shown) => string | undefined;
}

const GLOBAL = '__giggleReliabilityObservations';

type ShowFn = (message: string, ...rest: unknown[]) => Thenable<unknown>;

function wrapShow(level: Level, original: ShowFn, obs: Observations): ShowFn {
  return function (this: unknown, message: string, ...rest: unknown[]) {
    const options = rest[0] && typeof rest[0] === 'object' && !('title' in (rest[0] as object)) ? (rest[0] as vscode.MessageOptions) : undefined;
    const items = rest
      .filter((item) => typeof item === 'string' || (item && typeof item === 'object' && 'title' in (item as object)))
      .map((item) => (typeof item === 'string' ? item : (item as vscode.MessageItem).title));
    const shown: Shown = { level, message: String(message), items, modal: !!options?.modal, detail: options?.detail, at: Date.now() };
    obs.shown.push(shown);
    if (shown.modal && obs.respond) {
      const choice = obs.respond(shown);
      const chosen = rest.find((item) => item === choice || (item && typeof item === 'object' && (item as vscode.MessageItem).title === choice));
      return Promise.resolve(chosen);
    }
    return original.call(vscode.window, message, ...rest);
  };
}

function install(): Observations {
  const obs: Observations = { shown: [], panels: [], unhandled: [] };
  const win = vscode.window as unknown as Record<string, unknown>;
  win.showErrorMessage = wrapShow('error', vscode.window.showErrorMessage as ShowFn, obs);
  win.showWarningMessage = wrapShow('warning', vscode.window.showWarningMessage as ShowFn, obs);
  win.showInformationMessage = wrapShow('info', vscode.window.showInformationMessage as ShowFn, obs);

  const createPanel = vscode.window.createWebviewPanel.bind(vscode.window);
  win.createWebviewPanel = (viewType: string, title: string, showOptions: unknown, options?: vscode.WebviewPanelOptions & vscode.WebviewOptions) => {
    const panel = createPanel(viewType, title, showOptions as vscode.ViewColumn, options);
    const record: PanelRecord = { viewType, options: options ?? {}, panel, posted: [] };
    const post = panel.webview.postMessage.bind(panel.webview);
    (panel.webview as unknown as { postMessage: (m: unknown) => Thenable<boolean> }).postMessage = (message: unknown) => {
      record.posted.push(message);
      return post(message);
    };
    obs.panels.push(record);
    return panel;
  };

  const pending = new Map<Promise<unknown>, string>();
  process.on('unhandledRejection', (reason, promise) => {
    pending.set(promise, describe(reason));
    setTimeout(() => {
      const text = pending.get(promise);
      if (text !== undefined) {
        pending.delete(promise);
        obs.unhandled.push(`unhandled rejection: ${text}`);
      }
    }, 1000);
  });
  process.on('rejectionHandled', (promise) => pending.delete(promise));
  process.on('uncaughtExceptionMonitor', (error) => obs.unhandled.push(`uncaught exception: ${describe(error)}`));
  return obs;
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${(value.stack ?? '').split('\n').slice(1, 4).join('\n')}`;
  return String(value);
}

/** The shared observations (installing the wrappers on first use). */
export function observe(): Observations {
  const holder = globalThis as unknown as Record<string, Observations | undefined>;
  holder[GLOBAL] ??= install();
  return holder[GLOBAL]!;
}

/** Notifications shown since `mark` (an index into `shown`, e.g. observe().shown.length taken earlier). */
export function shownSince(mark: number): Shown[] {
  return observe().shown.slice(mark);
}

/** The test profile's root (the driver creates <root>/workspace and <root>/user-data). */
export function profileRoot(): string | undefined {
  const workspace = process.env.GIGGLE_TEST_WORKSPACE;
  return workspace ? path.dirname(workspace) : undefined;
}

function walk(dir: string, out: string[] = [], depth = 0): string[] {
  if (depth > 8) return out;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out, depth + 1);
    else out.push(full);
  }
  return out;
}

/** Every file under the profile's user-data folder (logs, settings, global storage). */
export function userDataFiles(): string[] {
  const root = profileRoot();
  return root ? walk(path.join(root, 'user-data')) : [];
}

/**
 * The text of the extension's "Giggle" output channel, as VS Code wrote it to
 * disk (a log output channel is a file under the session's logs folder).
 */
export function giggleLogFiles(): string[] {
  return userDataFiles().filter((file) => /[\\/]logs[\\/]/.test(file) && /Giggle\.log$/.test(file));
}

export function giggleLogText(): string {
  return giggleLogFiles()
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}
