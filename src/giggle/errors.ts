/**
 * Typed failures of the Giggle client, so the UI can react precisely: ask for
 * a key, wait before polling again, show a moderation notice, or mark a
 * submission "outcome unknown" instead of re-sending it (the seed forbids
 * silent re-submission, and a re-sent generation costs credits twice).
 *
 * Messages are built here from structured fields only (English source text,
 * localized through @vscode/l10n). Text that came from the service is passed in
 * already redacted by the client, so no message can carry the API key or a
 * full signed URL.
 */
import * as l10n from '@vscode/l10n';
import type { FieldIssue } from './issues';

export type GiggleOperation =
  | 'textToVideo'
  | 'imageToVideo'
  | 'queryTask'
  | 'createProject'
  | 'submitMv'
  | 'queryMv'
  | 'payMv'
  | 'retryMv'
  | 'presignAsset'
  | 'uploadAsset'
  | 'registerAsset'
  | 'modelPrice';

export type GiggleErrorKind =
  | 'missingKey'
  | 'auth'
  | 'rateLimited'
  | 'moderation'
  | 'api'
  | 'network'
  | 'malformed'
  | 'invalidInput';

/**
 * `tls`, `badUrl`, `dns` and `refused` fail before a request is written, so they never
 * make a submission "outcome unknown"; `timeout`, `reset` and `other` may come after.
 */
export type NetworkCause = 'timeout' | 'reset' | 'refused' | 'dns' | 'tls' | 'badUrl' | 'other';

/** "while …" phrases, so every message says which call failed. Translated when used (never at import time). */
export function describeOperation(operation: GiggleOperation | undefined): string {
  switch (operation) {
    case 'textToVideo':
      return l10n.t('submitting a text-to-video task');
    case 'imageToVideo':
      return l10n.t('submitting an image-to-video task');
    case 'queryTask':
      return l10n.t('querying a video task');
    case 'createProject':
      return l10n.t('creating a music video project');
    case 'submitMv':
      return l10n.t('submitting a music video');
    case 'queryMv':
      return l10n.t('querying a music video project');
    case 'payMv':
      return l10n.t('paying for a music video');
    case 'retryMv':
      return l10n.t('retrying a music video step');
    case 'presignAsset':
      return l10n.t('requesting an upload link');
    case 'uploadAsset':
      return l10n.t('uploading a file');
    case 'registerAsset':
      return l10n.t('registering an uploaded file');
    case 'modelPrice':
      return l10n.t('looking up a model price');
    default:
      return l10n.t('calling Giggle');
  }
}

interface BaseOptions {
  operation?: GiggleOperation;
  httpStatus?: number;
  outcomeUnknown?: boolean;
}

/**
 * Brand checked by isGiggleError. The extension ships as two bundles (the
 * eagerly loaded core and the lazily loaded features, see esbuild.mjs), each
 * with its own copy of this module, so `instanceof` would fail across them;
 * a registered symbol is the same in both.
 */
const GIGGLE_ERROR_BRAND = Symbol.for('giggle-video.GiggleError');

export class GiggleError extends Error {
  readonly [GIGGLE_ERROR_BRAND] = true;
  readonly kind: GiggleErrorKind;
  readonly operation?: GiggleOperation;
  readonly httpStatus?: number;
  /** The request may have reached the service and taken effect: never re-send a submission automatically, query state instead. */
  readonly outcomeUnknown: boolean;

  constructor(kind: GiggleErrorKind, message: string, options: BaseOptions = {}) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
    this.operation = options.operation;
    this.httpStatus = options.httpStatus;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

export function isGiggleError(e: unknown): e is GiggleError {
  return typeof e === 'object' && e !== null && (e as Partial<Record<typeof GIGGLE_ERROR_BRAND, unknown>>)[GIGGLE_ERROR_BRAND] === true;
}

/** No key is stored (or it cannot be sent): nothing was sent. */
export class MissingKeyError extends GiggleError {
  /** @param reason a localized sentence saying why no key can be sent. */
  constructor(operation?: GiggleOperation, reason = l10n.t('No Giggle API key is set')) {
    super('missingKey', l10n.t('{0}; nothing was sent while {1}. Set the key and try again.', reason, describeOperation(operation)), {
      operation,
    });
  }
}

export class AuthError extends GiggleError {
  /**
   * @param envelopeCode set when the HTTP status was 2xx but the envelope's
   *   code said 401/403 (Giggle reports business errors in the envelope).
   */
  constructor(operation: GiggleOperation | undefined, httpStatus: number, envelopeCode?: number) {
    const during = describeOperation(operation);
    const message =
      envelopeCode === undefined
        ? l10n.t('Giggle rejected the API key (HTTP {0}) while {1}', httpStatus, during)
        : l10n.t('Giggle rejected the API key (code {0}) while {1}', envelopeCode, during);
    super('auth', message, {
      operation,
      httpStatus,
    });
  }
}

export class RateLimitError extends GiggleError {
  /** From Retry-After (seconds or HTTP-date); undefined when the service gave no hint. */
  readonly retryAfterMs?: number;

  constructor(operation: GiggleOperation | undefined, httpStatus: number, retryAfterMs?: number, envelopeCode?: number) {
    const during = describeOperation(operation);
    let message: string;
    if (retryAfterMs === undefined) {
      message =
        envelopeCode === undefined
          ? l10n.t('Giggle is rate limiting requests (HTTP {0}) while {1}', httpStatus, during)
          : l10n.t('Giggle is rate limiting requests (code {0}) while {1}', envelopeCode, during);
    } else {
      const seconds = Math.ceil(retryAfterMs / 1000);
      message =
        envelopeCode === undefined
          ? l10n.t('Giggle is rate limiting requests (HTTP {0}) while {1}; retry after {2} s', httpStatus, during, seconds)
          : l10n.t('Giggle is rate limiting requests (code {0}) while {1}; retry after {2} s', envelopeCode, during, seconds);
    }
    super('rateLimited', message, {
      operation,
      httpStatus,
    });
    this.retryAfterMs = retryAfterMs;
  }
}

export class ModerationError extends GiggleError {
  readonly code?: number | string;
  readonly apiMessage: string;

  constructor(operation: GiggleOperation | undefined, apiMessage: string, options: { code?: number | string; httpStatus?: number } = {}) {
    super(
      'moderation',
      l10n.t('Giggle\'s content moderation rejected the prompt or image while {0}: {1}', describeOperation(operation), apiMessage),
      { operation, httpStatus: options.httpStatus },
    );
    this.code = options.code;
    this.apiMessage = apiMessage;
  }
}

export class ApiError extends GiggleError {
  readonly code: number | string;
  readonly apiMessage: string;
  /** True when the reply was a Giggle envelope (the service itself answered), false for a bare HTTP error page. */
  readonly fromEnvelope: boolean;

  constructor(
    operation: GiggleOperation | undefined,
    details: { code: number | string; apiMessage: string; httpStatus?: number; outcomeUnknown?: boolean; fromEnvelope?: boolean },
  ) {
    const during = describeOperation(operation);
    const http = details.httpStatus !== undefined && details.httpStatus !== 200 ? details.httpStatus : undefined;
    let message: string;
    if (http === undefined) {
      message = details.apiMessage
        ? l10n.t('Giggle answered with error code {0} while {1}: {2}', details.code, during, details.apiMessage)
        : l10n.t('Giggle answered with error code {0} while {1}', details.code, during);
    } else {
      message = details.apiMessage
        ? l10n.t('Giggle answered with error code {0} (HTTP {1}) while {2}: {3}', details.code, http, during, details.apiMessage)
        : l10n.t('Giggle answered with error code {0} (HTTP {1}) while {2}', details.code, http, during);
    }
    super('api', message, {
      operation,
      httpStatus: details.httpStatus,
      outcomeUnknown: details.outcomeUnknown,
    });
    this.code = details.code;
    this.apiMessage = details.apiMessage;
    this.fromEnvelope = details.fromEnvelope ?? true;
  }
}

/** What went wrong on the wire, as the opening clause of a NetworkError message. */
function describeCause(cause: NetworkCause, timeoutMs: number | undefined): string {
  switch (cause) {
    case 'timeout':
      return timeoutMs !== undefined ? l10n.t('Giggle did not answer in time ({0} ms)', timeoutMs) : l10n.t('Giggle did not answer in time');
    case 'reset':
      return l10n.t('The connection to Giggle was reset');
    case 'refused':
      return l10n.t('The connection to Giggle was refused');
    case 'dns':
      return l10n.t('The Giggle host name could not be resolved');
    case 'tls':
      return l10n.t('The secure connection to Giggle failed (its certificate was not accepted)');
    case 'badUrl':
      return l10n.t('The Giggle address is not a valid http or https URL (check the giggle.apiBaseUrl setting)');
    default:
      return l10n.t('A network error occurred');
  }
}

export class NetworkError extends GiggleError {
  /** Shadows Error.cause on purpose: a coarse reason, never the raw fetch error (its text can hold a signed URL). */
  override readonly cause: NetworkCause;

  constructor(operation: GiggleOperation | undefined, cause: NetworkCause, options: { outcomeUnknown: boolean; timeoutMs?: number }) {
    const what = describeCause(cause, cause === 'timeout' ? options.timeoutMs : undefined);
    const during = describeOperation(operation);
    let message: string;
    if (options.outcomeUnknown) message = l10n.t('{0} while {1}; the request may still have taken effect', what, during);
    else if (cause === 'tls' || cause === 'badUrl') message = l10n.t('{0} while {1}; nothing was sent', what, during);
    else message = l10n.t('{0} while {1}', what, during);
    super('network', message, {
      operation,
      outcomeUnknown: options.outcomeUnknown,
    });
    this.cause = cause;
  }
}

export class MalformedReplyError extends GiggleError {
  /** Which field or what was wrong, e.g. "data.task_id is missing" or "reply is not JSON". */
  readonly detail: string;

  constructor(operation: GiggleOperation | undefined, detail: string, options: { httpStatus?: number; outcomeUnknown: boolean }) {
    super('malformed', l10n.t('Giggle sent an unexpected reply while {0}: {1}', describeOperation(operation), detail), {
      operation,
      httpStatus: options.httpStatus,
      outcomeUnknown: options.outcomeUnknown,
    });
    this.detail = detail;
  }
}

/** Request validation failed: nothing was sent. */
export class InputError extends GiggleError {
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[], operation?: GiggleOperation) {
    const list = issues.map((issue) => issue.message).join('; ');
    super('invalidInput', l10n.t('Invalid input, nothing was sent: {0}', list), { operation });
    this.issues = issues;
  }
}
