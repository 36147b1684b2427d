/**
 * One HTTP exchange with Giggle, turned into either parsed `data` or a typed
 * GiggleError. It never retries: whether a retry is safe depends on the
 * operation, and the seed forbids silently re-sending a submission.
 */
import * as l10n from '@vscode/l10n';
import fetch from 'node-fetch';
import type * as z from 'zod/v4-mini';
import {
  ApiError,
  AuthError,
  MalformedReplyError,
  MissingKeyError,
  ModerationError,
  NetworkError,
  RateLimitError,
  isGiggleError,
} from './errors';
import type { GiggleErrorKind, GiggleOperation, NetworkCause } from './errors';
import { redactSecrets } from './redact';
import { parseRetryAfter } from './retryAfter';
import { readCode, refusesKey } from './envelopeCode';
import { envelopeSchema, envelopeText, isModerationText, normalizeCode, parseReply } from './schemas';

export interface RequestLogEntry {
  operation: GiggleOperation;
  method: string;
  /** Path and only non-secret query values (task_id, project_id); for uploads the storage path without its signed query. */
  path: string;
  status?: number;
  durationMs: number;
  errorKind?: GiggleErrorKind;
}

export type FetchFunction = typeof fetch;

export interface TransportOptions {
  baseUrl: string;
  getApiKey: () => string | undefined | Promise<string | undefined>;
  timeoutMs: number;
  uploadTimeoutMs: number;
  fetch?: FetchFunction;
  onRequest?: (entry: RequestLogEntry) => void;
  userAgent: string;
}

export interface ApiCall {
  operation: GiggleOperation;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

interface RawReply {
  status: number;
  statusText: string;
  retryAfter: string | null;
  /** Empty when the body was over MAX_REPLY_BYTES (then `oversized`). */
  text: string;
  oversized: boolean;
}

/**
 * The largest reply body read. Giggle's JSON replies are a few KiB (a music
 * video project with every step is under 20 KiB); anything near this is not a
 * reply we can use, and reading it whole would let a broken proxy fill memory.
 */
export const MAX_REPLY_BYTES = 1024 * 1024;

export class Transport {
  private readonly baseUrl: string;
  private readonly fetchFn: FetchFunction;

  constructor(private readonly options: TransportOptions) {
    // Accept the base URL with or without trailing slashes.
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? fetch;
  }

  /** Sends an authenticated API call and parses `data` of a success envelope with `schema`. */
  async call<S extends z.ZodMiniType>(call: ApiCall, schema: S): Promise<z.output<S>> {
    const key = await this.readKey(call.operation);
    const query = call.query
      ? `?${Object.entries(call.query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`
      : '';
    const headers: Record<string, string> = {
      'x-auth': key,
      Accept: 'application/json',
      'User-Agent': this.options.userAgent,
    };
    let body: string | undefined;
    if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['Content-Type'] = 'application/json';
    }
    // Only a POST can have taken effect when its reply is lost; a GET is safe to repeat.
    const mayHaveTakenEffect = call.method === 'POST';
    const path = `${call.path}${query}`;
    return this.logged(call.operation, call.method, path, async (setStatus) => {
      // node-fetch would throw a bare TypeError (or resolve "https:///api" as host "api"):
      // refuse here, where it is certain nothing left the machine.
      if (!isUsableBaseUrl(this.baseUrl)) throw new NetworkError(call.operation, 'badUrl', { outcomeUnknown: false });
      const reply = await this.exchange(call.operation, `${this.baseUrl}${path}`, { method: call.method, headers, body }, this.options.timeoutMs, mayHaveTakenEffect);
      setStatus(reply.status);
      const data = this.interpret(call.operation, reply, mayHaveTakenEffect, key);
      const parsed = parseReply(schema, data, 'data');
      if (!parsed.ok) throw new MalformedReplyError(call.operation, parsed.detail, { httpStatus: reply.status, outcomeUnknown: mayHaveTakenEffect });
      return parsed.value;
    });
  }

  /** PUTs bytes to a presigned storage URL. No x-auth: the signature is the credential, and the key must not leave for another host. */
  async put(operation: GiggleOperation, url: string, contentType: string, bytes: Uint8Array): Promise<void> {
    const logPath = storagePath(url);
    await this.logged(operation, 'PUT', logPath, async (setStatus) => {
      const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const headers = { 'Content-Type': contentType, 'User-Agent': this.options.userAgent };
      // An upload PUT only replaces the same object, so it is never "outcome unknown".
      const reply = await this.exchange(operation, url, { method: 'PUT', headers, body }, this.options.uploadTimeoutMs, false);
      setStatus(reply.status);
      if (reply.status < 200 || reply.status >= 300) {
        // Storage errors are about the signed link (expired, wrong type), not the API key: never an AuthError.
        throw new ApiError(operation, {
          code: reply.status,
          apiMessage: reply.statusText
            ? l10n.t('the storage service refused the upload ({0})', reply.statusText)
            : l10n.t('the storage service refused the upload'),
          httpStatus: reply.status,
          fromEnvelope: false,
        });
      }
    });
  }

  private async logged<T>(operation: GiggleOperation, method: string, path: string, run: (setStatus: (status: number) => void) => Promise<T>): Promise<T> {
    const started = Date.now();
    let status: number | undefined;
    let errorKind: GiggleErrorKind | undefined;
    try {
      return await run((s) => (status = s));
    } catch (error) {
      errorKind = isGiggleError(error) ? error.kind : undefined;
      throw error;
    } finally {
      const entry: RequestLogEntry = { operation, method, path, durationMs: Date.now() - started };
      if (status !== undefined) entry.status = status;
      if (errorKind !== undefined) entry.errorKind = errorKind;
      try {
        this.options.onRequest?.(entry);
      } catch {
        // A failing logger must not turn a good reply into an error.
      }
    }
  }

  private async readKey(operation: GiggleOperation): Promise<string> {
    let key: string | undefined;
    try {
      key = await this.options.getApiKey();
    } catch {
      throw new MissingKeyError(operation, l10n.t('The Giggle API key could not be read'));
    }
    key = key?.trim();
    if (!key) throw new MissingKeyError(operation);
    // node-fetch would throw a TypeError quoting the whole header value, key included.
    if (!/^[\x20-\x7e]+$/.test(key)) {
      throw new MissingKeyError(operation, l10n.t('The stored Giggle API key contains characters that cannot be sent in an HTTP header'));
    }
    return key;
  }

  private async exchange(
    operation: GiggleOperation,
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string | Buffer },
    timeoutMs: number,
    mayHaveTakenEffect: boolean,
  ): Promise<RawReply> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      // The timer also covers reading the body: a server can stall mid-reply, and
      // node-fetch 2 does not notice a Content-Length reply cut short (only chunked ones).
      // Such a cut therefore ends as 'timeout', which is outcome-unknown like 'reset'.
      // redirect 'manual': following a redirect would carry x-auth to wherever it points.
      const response = await this.fetchFn(url, { ...init, signal: controller.signal, redirect: 'manual' });
      const text = await readCapped(response, MAX_REPLY_BYTES);
      // Hang up on the rest of an oversized body instead of letting it drain in the background.
      if (text === undefined) controller.abort();
      return {
        status: response.status,
        statusText: response.statusText,
        retryAfter: response.headers.get('retry-after'),
        text: text ?? '',
        oversized: text === undefined,
      };
    } catch (error) {
      const cause = timedOut ? 'timeout' : networkCause(error);
      // Refused, DNS and certificate failures happen before anything is sent.
      const unknown = mayHaveTakenEffect && (cause === 'timeout' || cause === 'reset' || cause === 'other');
      throw new NetworkError(operation, cause, { outcomeUnknown: unknown, timeoutMs: cause === 'timeout' ? timeoutMs : undefined });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Status and envelope → `data` of a success envelope, or a typed error. */
  private interpret(operation: GiggleOperation, reply: RawReply, mayHaveTakenEffect: boolean, key: string): unknown {
    const { status } = reply;
    if (status === 401 || status === 403) throw new AuthError(operation, status);
    if (status === 429) throw new RateLimitError(operation, status, parseRetryAfter(reply.retryAfter, Date.now()));

    const json = parseJson(reply.text);
    const envelope = json.ok ? parseReply(envelopeSchema, json.value, '') : undefined;
    const redact = (text: string) => redactSecrets(text, [key]);

    if (status < 200 || status >= 300) {
      const text = redact(envelope?.ok ? envelopeText(envelope.value) : reply.statusText);
      if (isModerationText(text)) throw new ModerationError(operation, text, { httpStatus: status });
      throw new ApiError(operation, {
        code: envelope?.ok ? normalizeCode(envelope.value.code) : status,
        apiMessage: text,
        httpStatus: status,
        // A 5xx may come from a proxy after the service acted; a 4xx is a refusal.
        outcomeUnknown: mayHaveTakenEffect && status >= 500,
        fromEnvelope: !!envelope?.ok,
      });
    }

    const malformed = (detail: string) => new MalformedReplyError(operation, detail, { httpStatus: status, outcomeUnknown: mayHaveTakenEffect });
    if (reply.oversized) throw malformed('reply is larger than 1 MiB');
    if (!json.ok) throw malformed('reply is not JSON');
    if (!envelope?.ok) throw malformed(envelope?.detail ?? 'reply is not an envelope');

    const code = normalizeCode(envelope.value.code);
    const reading = readCode(code);
    if (reading === 'success') return envelope.value.data;

    const text = redact(envelopeText(envelope.value));
    // Giggle reports business errors as HTTP 200 with the real code in the envelope; a refused key too.
    if (refusesKey(code, text)) throw new AuthError(operation, status, typeof code === 'number' ? code : undefined);
    // A non-numeric string code (see envelopeCode.ts): a query's data decides; another call's outcome is unknown.
    if (reading === 'unrecognised' && !mayHaveTakenEffect && envelope.value.data !== undefined && envelope.value.data !== null) return envelope.value.data;
    if (code === 429) throw new RateLimitError(operation, status, parseRetryAfter(reply.retryAfter, Date.now()), code);
    if (isModerationText(text)) throw new ModerationError(operation, text, { code, httpStatus: status });
    throw new ApiError(operation, { code, apiMessage: text, httpStatus: status, outcomeUnknown: reading === 'unrecognised' && mayHaveTakenEffect, fromEnvelope: true });
  }
}

/**
 * The body as text, or undefined as soon as it is known to exceed `limit` bytes
 * (from Content-Length, or while streaming when there is none): at most
 * `limit` bytes plus one chunk are ever held.
 */
async function readCapped(response: Awaited<ReturnType<FetchFunction>>, limit: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length')) > limit) return undefined;
  if (!response.body) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > limit) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Maps node-fetch / Node system errors to a coarse cause. Only the code is read: messages can hold the URL. */
function networkCause(error: unknown): NetworkCause {
  const e = error as { code?: unknown; errno?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.errno === 'string' ? e.errno : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') return 'dns';
  // Certificate checks run during the TLS handshake; Node writes the request only after it succeeds.
  if (CERTIFICATE_CODE.test(code)) return 'tls';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ECONNABORTED' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    /socket hang up|premature close/i.test(message)
  ) {
    return 'reset';
  }
  return 'other';
}

/** OpenSSL's certificate verification codes as Node reports them, and Node's own host-name check. */
const CERTIFICATE_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|INVALID_CA$|HOSTNAME_MISMATCH$|ERR_TLS_CERT_)/;

/** An absolute http(s) URL with a host and nothing that would garble the paths appended to it. */
function isUsableBaseUrl(baseUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    return false;
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '' && !parsed.search && !parsed.hash;
}

/** The storage path of a signed URL, without the query that holds the signature. */
function storagePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(invalid URL)';
  }
}
