/**
 * The few services platform/ modules take from the context, named here so
 * that platform/ does not import src/context.ts: the context sits above
 * platform/ (its GiggleContext bundles platform's pieces with the views and
 * the client), and every GiggleContext satisfies these.
 */
import type * as vscode from 'vscode';
import type { GiggleClient } from '../giggle/client';
import type { ApiKeyStore } from './apiKey';
import type { Log } from './log';

/** Enough to log, show the log, and redact the key from a message. */
export interface LogServices {
  readonly log: Log;
  readonly keys: ApiKeyStore;
}

/** Enough to upload a frame once per account (frameUpload.ts). */
export interface UploadServices extends LogServices {
  readonly extension: vscode.ExtensionContext;
  client(): GiggleClient;
}
