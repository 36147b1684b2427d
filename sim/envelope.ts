/**
 * Giggle's reply envelope and the error codes the simulator answers with.
 * Business errors travel as HTTP 200 with a non-200 `code`, the way Giggle's
 * own scripts expect (they compare `code` with the number 200).
 */
import { randomUUID } from 'node:crypto';

/** Envelope codes. 200 is success; the others are the simulator's choice, documented in README. */
export const CODES = {
  ok: 200,
  invalidParam: 40001,
  conflict: 40009,
  notFound: 404,
} as const;

/** Thrown by handlers; the router turns it into an envelope. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** HTTP status; 200 for business errors, as giggle.pro does. */
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

export function invalid(message: string): ApiError {
  return new ApiError(CODES.invalidParam, message);
}

export function notFound(message: string): ApiError {
  return new ApiError(CODES.notFound, message);
}

export function conflict(message: string): ApiError {
  return new ApiError(CODES.conflict, message);
}

export interface Envelope {
  code: number | string;
  /** Usually the text is here; a `textField: 'message'` fault moves it to `message`. */
  msg?: string;
  message?: string;
  uuid: string;
  data: unknown;
}

export function success(data: unknown): Envelope {
  return { code: CODES.ok, msg: 'success', uuid: randomUUID(), data };
}

export function failure(code: number | string, msg: string): Envelope {
  return { code, msg, uuid: randomUUID(), data: null };
}
