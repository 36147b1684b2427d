/**
 * The simulator's public shapes (see sim/README.md). Other engineers code
 * against these names, so they change only together with the README.
 */

export interface SimulatorOptions {
  /** Bind address; loopback only, because the simulator has no real security. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Accepted `x-auth` values; anything else is 401. */
  apiKeys?: string[];
  /** Multiplies every simulated duration (0.002 makes a 90 s video take 180 ms). */
  timeScale?: number;
  /** MV: how many progress queries report `completed` before `download_url` appears. */
  downloadUrlLagPolls?: number;
  /**
   * Lifetime of signed media URLs in real milliseconds. When omitted it is
   * 3_600_000 (Giggle's hour) multiplied by timeScale.
   */
  signedUrlTtlMs?: number;
  /** Clock in epoch ms; tests inject a fake one. `advance(ms)` adds on top of it. */
  now?: () => number;
  /** Largest JSON body accepted; larger ones get a 413 envelope. */
  maxBodyBytes?: number;
  /**
   * How an unknown or missing `x-auth` is answered. Default: HTTP 401 with
   * `{code: 401, msg: 'invalid API key'}`. Giggle's scripts never look at the
   * HTTP status of a refused key, so `{status: 200, code: 40100, message:
   * 'Invalid API key'}` stages "an invalid key answered as HTTP 200".
   */
  invalidKeyReply?: InvalidKeyReply;
  /** Called once per answered request (the CLI prints these). */
  onLog?: (entry: LogEntry) => void;
}

export interface InvalidKeyReply {
  status: number;
  code: number | string;
  message: string;
}

export interface RecordedRequest {
  seq: number;
  time: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON, or undefined (no body, not JSON, or binary upload). */
  body: unknown;
  /** The body as UTF-8 text; empty for binary uploads (see `size`). */
  rawBody: string;
  /** Extension: body length in bytes. */
  size: number;
  /** Extension: the fault kind applied to this request, if any. */
  fault?: FaultKind;
}

/** A request to /media (signed video, thumbnail and asset links). */
export interface MediaRequest {
  seq: number;
  time: number;
  method: string;
  path: string;
  query: Record<string, string>;
  range?: string;
  status: number;
  /** The fault kind applied to it, if any (as on RecordedRequest). */
  fault?: FaultKind;
}

export type FaultKind = 'latency' | 'hold' | 'status' | 'apiError' | 'reset' | 'hang' | 'malformed' | 'missingField' | 'stringCode' | 'patchData';

export interface FaultMatch {
  method?: string;
  /** Exact path, or a prefix ending in '*'. */
  path?: string;
}

export interface FaultRule {
  match?: FaultMatch;
  kind: FaultKind;
  /** How many requests this rule applies to; unlimited when omitted. */
  times?: number;
  latencyMs?: number;
  status?: number;
  retryAfterSeconds?: number;
  message?: string;
  /** apiError: the envelope code; stringCode: the string to send instead of `"200"` (e.g. `"success"`). */
  code?: number | string;
  afterProcessing?: boolean;
  field?: string;
  /** patchData: fields merged into the real reply's `data` (replacing those of the same name). */
  data?: Record<string, unknown>;
  /** Any envelope reply: put the text in `message` instead of `msg` (some Giggle replies do). */
  textField?: 'msg' | 'message';
}

export interface LogEntry {
  method: string;
  /** Path, with signed query strings already shortened. */
  path: string;
  status: number;
  ms: number;
  fault?: FaultKind;
}
