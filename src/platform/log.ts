/**
 * The "Giggle" log channel. Every line passes through redaction first: the
 * API key and the query of signed URLs never reach the log, whatever the
 * caller passes in.
 */
import * as vscode from 'vscode';
import { redactSecrets } from '../giggle/redact';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  show(): void;
  dispose(): void;
}

export function createLog(secrets: () => readonly string[]): Log {
  const channel = vscode.window.createOutputChannel('Giggle', { log: true });
  const clean = (message: string) => redactSecrets(message, secrets());
  return {
    info: (message) => channel.info(clean(message)),
    warn: (message) => channel.warn(clean(message)),
    error: (message) => channel.error(clean(message)),
    debug: (message) => channel.debug(clean(message)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
