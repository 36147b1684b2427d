/**
 * Typed failures of the Giggle client, so the UI can react precisely: ask for
 * a key, wait before polling again, show a moderation notice, or mark a
 * submission "outcome unknown" instead of re-sending it (the seed forbids
 * silent re-submission, and a re-sent generation costs credits twice).
 *
 * Messages are English and built here from structured fields only. Text that
 * came from the service is passed in already redacted by the client, so no
 * message can carry the API key or a full signed URL.
 */
import type { FieldIssue } from './validation';

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

export type NetworkCause = 'timeout' | 'reset' | 'refused' | 'dns' | 'other';

/** "while …" phrases, so every message says which call failed. */
const OPERATION_PHRASES: Record<GiggleOperation, string> = {
  textToVideo: 'submitting a text-to-video task',
  imageToVideo: 'submitting an image-to-video task',
  queryTask: 'querying a video task',
  createProject: 'creating a music video project',
  submitMv: 'submitting a music video',
  queryMv: 'querying a music video project',
  payMv: 'paying for a music video',
  retryMv: 'retrying a music video step',
  presignAsset: 'requesting an upload link',
  uploadAsset: 'uploading a file',
  registerAsset: 'registering an uploaded file',
  modelPrice: 'looking up a model price',
};

export function describeOperation(operation: GiggleOperation | undefined): string {
  return operation ? OPERATION_PHRASES[operation] : 'calling Giggle';
}

interface BaseOptions {
  operation?: GiggleOperation;
  httpStatus?: number;
  outcomeUnknown?: boolean;
}

export class GiggleError extends Error {
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
  return e instanceof GiggleError;
}

/** No key is stored (or it cannot be sent): nothing was sent. */
export class MissingKeyError extends GiggleError {
  constructor(operation?: GiggleOperation, reason = 'No Giggle API key is set') {
    super('missingKey', `${reason}; nothing was sent while ${describeOperation(operation)}. Set the key and try again.`, {
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
    const where = envelopeCode === undefined ? `HTTP ${httpStatus}` : `code ${envelopeCode}`;
    super('auth', `Giggle rejected the API key (${where}) while ${describeOperation(operation)}`, {
      operation,
      httpStatus,
    });
  }
}

export class RateLimitError extends GiggleError {
  /** From Retry-After (seconds or HTTP-date); undefined when the service gave no hint. */
  readonly retryAfterMs?: number;

  constructor(operation: GiggleOperation | undefined, httpStatus: number, retryAfterMs?: number, envelopeCode?: number) {
    const where = envelopeCode === undefined ? `HTTP ${httpStatus}` : `code ${envelopeCode}`;
    const wait = retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    super('rateLimited', `Giggle is rate limiting requests (${where}) while ${describeOperation(operation)}${wait}`, {
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
      `Giggle's content moderation rejected the prompt or image while ${describeOperation(operation)}: ${apiMessage}`,
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
    const http = details.httpStatus !== undefined && details.httpStatus !== 200 ? ` (HTTP ${details.httpStatus})` : '';
    const text = details.apiMessage ? `: ${details.apiMessage}` : '';
    super('api', `Giggle answered with error code ${details.code}${http} while ${describeOperation(operation)}${text}`, {
      operation,
      httpStatus: details.httpStatus,
      outcomeUnknown: details.outcomeUnknown,
    });
    this.code = details.code;
    this.apiMessage = details.apiMessage;
    this.fromEnvelope = details.fromEnvelope ?? true;
  }
}

const CAUSE_PHRASES: Record<NetworkCause, string> = {
  timeout: 'Giggle did not answer in time',
  reset: 'the connection to Giggle was reset',
  refused: 'the connection to Giggle was refused',
  dns: 'the Giggle host name could not be resolved',
  other: 'a network error occurred',
};

export class NetworkError extends GiggleError {
  /** Shadows Error.cause on purpose: a coarse reason, never the raw fetch error (its text can hold a signed URL). */
  override readonly cause: NetworkCause;

  constructor(operation: GiggleOperation | undefined, cause: NetworkCause, options: { outcomeUnknown: boolean; timeoutMs?: number }) {
    const after = cause === 'timeout' && options.timeoutMs !== undefined ? ` (${options.timeoutMs} ms)` : '';
    const unknown = options.outcomeUnknown ? '; the request may still have taken effect' : '';
    super('network', `${capitalize(CAUSE_PHRASES[cause])}${after} while ${describeOperation(operation)}${unknown}`, {
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
    super('malformed', `Giggle sent an unexpected reply while ${describeOperation(operation)}: ${detail}`, {
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
    super('invalidInput', `Invalid input, nothing was sent: ${list}`, { operation });
    this.issues = issues;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
