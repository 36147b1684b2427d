/**
 * A request that passed its validator carries a mark, so the layers below
 * the one submission path (the job's record-and-send step, the client) trust
 * it instead of checking it again: one validation per submission. Input
 * without the mark (a caller that builds requests itself) is still validated.
 *
 * The mark is a non-enumerable property under a registered symbol: it leaves
 * JSON (the in-flight fingerprint, the request body) untouched, a copy made
 * with `{ ...request }` does not carry it (a changed request is checked again),
 * and it is recognised in both bundles without shared module state.
 */
import type { Validated } from './validation';

const CHECKED: unique symbol = Symbol.for('giggle.checkedRequest');

export type Checked<T> = T & { readonly [CHECKED]: true };

export function markChecked<T extends object>(value: T): Checked<T> {
  if (!isChecked(value)) Object.defineProperty(value, CHECKED, { value: true, enumerable: false });
  return value as Checked<T>;
}

export function isChecked<T>(value: unknown): value is Checked<T> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CHECKED] === true;
}

/** The value as is when it was checked already; otherwise the validator's verdict, marked when it passes. */
export function validateOnce<T extends object>(input: unknown, validate: (input: unknown) => Validated<T>): Validated<T> {
  if (isChecked<T>(input)) return { ok: true, value: input };
  const result = validate(input);
  return result.ok ? { ok: true, value: markChecked(result.value) } : result;
}
