/**
 * The log channel's redaction, without vscode: every level of the "Giggle"
 * channel passes through redactSecrets first, so the API key and the query
 * of signed URLs never reach the log, whatever the caller passes in. Kept
 * apart from log.ts so that unit tests can hold every level to it.
 */
import { redactSecrets } from '../giggle/redact';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  trace(message: string): void;
  show(): void;
  dispose(): void;
}

/** What the wrapper writes to: vscode's LogOutputChannel has this shape. */
export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  trace(message: string): void;
  show(preserveFocus?: boolean): void;
  dispose(): void;
}

/** `secrets` is asked on every line: a key set after the log was created is redacted too. */
export function redactingLog(sink: LogSink, secrets: () => readonly string[]): Log {
  const clean = (message: string) => redactSecrets(message, secrets());
  return {
    info: (message) => sink.info(clean(message)),
    warn: (message) => sink.warn(clean(message)),
    error: (message) => sink.error(clean(message)),
    debug: (message) => sink.debug(clean(message)),
    trace: (message) => sink.trace(clean(message)),
    show: () => sink.show(true),
    dispose: () => sink.dispose(),
  };
}
