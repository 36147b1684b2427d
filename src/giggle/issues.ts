/**
 * What validation returns: issues naming the field they concern. A leaf
 * module (it imports nothing), so the validators, the frames checks and the
 * errors that carry issues can all use it without importing one another.
 */
export interface FieldIssue {
  /** The argument concerned, as the caller spelled it (camelCase, `startFrame.url` for nested keys). */
  field: string;
  /** The issue in words, naming the field by fieldName() (its key, so scripted callers can find it). */
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };
