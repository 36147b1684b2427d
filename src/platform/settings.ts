/**
 * Typed access to the extension's settings: one private get(), one getter per
 * setting, so names in package.json and code cannot drift apart silently
 * (test/unit/manifest.test.ts checks the names).
 */
import * as vscode from 'vscode';
import { DEFAULT_ASPECT_RATIO, DEFAULT_MODEL, DEFAULT_RESOLUTION } from '../giggle/catalogue';

export const SETTINGS = {
  apiBaseUrl: 'apiBaseUrl',
  defaultModel: 'defaultModel',
  defaultAspectRatio: 'defaultAspectRatio',
  defaultResolution: 'defaultResolution',
  downloadFolder: 'downloadFolder',
  musicVideoPayment: 'musicVideo.payment',
  historyMaxJobs: 'history.maxJobs',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
} as const;

export const GIGGLE_BASE_URL = 'https://giggle.pro';

function get<T>(key: string, fallback: T, scope?: vscode.Uri): T {
  return vscode.workspace.getConfiguration('giggle', scope).get<T>(key, fallback);
}

export const settings = {
  /**
   * Application scope only: a workspace's settings.json must never redirect
   * the API key to another host, so a workspace value is ignored here even if
   * VS Code were to offer one.
   */
  apiBaseUrl(): string {
    const inspected = vscode.workspace.getConfiguration('giggle').inspect<string>(SETTINGS.apiBaseUrl);
    const value = inspected?.globalValue ?? inspected?.defaultValue ?? GIGGLE_BASE_URL;
    return value.trim() || GIGGLE_BASE_URL;
  },
  defaultModel: () => get(SETTINGS.defaultModel, DEFAULT_MODEL),
  defaultAspectRatio: () => get(SETTINGS.defaultAspectRatio, DEFAULT_ASPECT_RATIO),
  defaultResolution: () => get(SETTINGS.defaultResolution, DEFAULT_RESOLUTION),
  downloadFolder: (scope?: vscode.Uri) => get(SETTINGS.downloadFolder, 'videos', scope),
  musicVideoPayment: (): 'ask' | 'auto' => (get<string>(SETTINGS.musicVideoPayment, 'ask') === 'auto' ? 'auto' : 'ask'),
  historyMaxJobs: () => get(SETTINGS.historyMaxJobs, 200),
  requestTimeoutMs: () => Math.max(5, get(SETTINGS.requestTimeoutSeconds, 30)) * 1000,
  affects(event: vscode.ConfigurationChangeEvent, key: string): boolean {
    return event.affectsConfiguration(`giggle.${key}`);
  },
};
