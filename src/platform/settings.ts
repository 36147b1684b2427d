/**
 * Typed access to the extension's settings: one private get(), one getter per
 * setting, so names in package.json and code cannot drift apart silently
 * (test/unit/manifest.test.ts checks the names).
 */
import * as vscode from 'vscode';
import { DEFAULT_ASPECT_RATIO, DEFAULT_MODEL, DEFAULT_RESOLUTION } from '../giggle/catalogue';
import { SETTING_RANGES, clampSetting } from './settingRanges';
import { testTimeoutFloorSeconds } from './testHooks';

export const SETTINGS = {
  apiBaseUrl: 'apiBaseUrl',
  defaultModel: 'defaultModel',
  defaultAspectRatio: 'defaultAspectRatio',
  defaultResolution: 'defaultResolution',
  downloadFolder: 'downloadFolder',
  musicVideoPayment: 'musicVideo.payment',
  historyMaxJobs: 'history.maxJobs',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  framesUpload: 'frames.upload',
} as const;

export const GIGGLE_BASE_URL = 'https://giggle.pro';

/** The smallest request timeout a user can set (package.json's minimum for giggle.requestTimeoutSeconds). */
const MIN_TIMEOUT_SECONDS = SETTING_RANGES.requestTimeoutSeconds.minimum;

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
  historyMaxJobs: () => clampSetting(get<unknown>(SETTINGS.historyMaxJobs, undefined), SETTING_RANGES['history.maxJobs']),
  /** How a frame read from a file is sent: inline as base64 (default) or uploaded as a Giggle asset. */
  framesUpload: (): 'base64' | 'asset' => (get<string>(SETTINGS.framesUpload, 'base64') === 'asset' ? 'asset' : 'base64'),
  /** Below the setting's minimum only under the integration driver's floor (testHooks.ts). */
  requestTimeoutMs: () =>
    clampSetting(get<unknown>(SETTINGS.requestTimeoutSeconds, undefined), SETTING_RANGES.requestTimeoutSeconds, { minimum: testTimeoutFloorSeconds(MIN_TIMEOUT_SECONDS) }) * 1000,
  /** How long a download may receive nothing before it is stopped: a minute, or a request timeout below 5 s (possible only under the test floor). */
  downloadStallMs: (): number => {
    const request = settings.requestTimeoutMs();
    return request < MIN_TIMEOUT_SECONDS * 1000 ? request : 60_000;
  },
  affects(event: vscode.ConfigurationChangeEvent, key: string): boolean {
    return event.affectsConfiguration(`giggle.${key}`);
  },
};
