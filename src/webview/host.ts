/**
 * The webview's link to the extension host: typed postMessage (the protocol's
 * types, no zod in the browser) and debounced setState.
 */
import type { WebviewMessage } from '../shared/protocol';
import type { PanelState } from './state';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function storedState(): unknown {
  return api.getState();
}

let timer: ReturnType<typeof setTimeout> | undefined;
let latest: PanelState | undefined;

/** Saves soon (typing does not save on every key); `now` for changes that must not be lost (submit, picked image). */
export function saveState(state: PanelState, now = false): void {
  latest = state;
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (now) api.setState(state);
  else timer = setTimeout(flushState, 150);
}

export function flushState(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (latest) api.setState(latest);
}

/** crypto.randomUUID needs a secure context, which a webview served over plain http (code-server) is not. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
