/**
 * The "Giggle" log channel. Every line passes through redaction first
 * (redactingLog.ts): the API key and the query of signed URLs never reach the
 * log, whatever the caller passes in.
 */
import * as vscode from 'vscode';
import { redactingLog } from './redactingLog';
import type { Log } from './redactingLog';

export type { Log } from './redactingLog';

export function createLog(secrets: () => readonly string[]): Log {
  return redactingLog(vscode.window.createOutputChannel('Giggle', { log: true }), secrets);
}
