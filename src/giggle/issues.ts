/**
 * What validation returns: issues naming the field they concern and the rule
 * it broke, with what the rule allows. The words are made from those facts
 * by describeIssue, for the audience at hand: scripted callers read the
 * field's key (`prompt must not be empty`), the panel reads its label
 * (`Prompt must not be empty`), and nobody rewrites one text into the other.
 *
 * A leaf of src/giggle (only @vscode/l10n): the validators, the frames
 * checks and the errors that carry issues all import it, never one another.
 */
import * as l10n from '@vscode/l10n';

/** A broken rule and the facts its wording needs (values already shown as text where they are not the rule's subject). */
export type IssueRule =
  | { rule: 'textRequired'; got: string }
  | { rule: 'textEmpty' }
  | { rule: 'tooLong'; limit: number; length: number }
  | { rule: 'notText'; got: string }
  | { rule: 'notBoolean'; got: string }
  | { rule: 'oneOf'; allowed: readonly string[]; got: string }
  /** The model list, worded with the key itself for scripted callers ("model must be one of …"). */
  | { rule: 'model'; allowed: readonly string[]; got: string }
  | { rule: 'duration'; allowed: readonly number[]; model: string; got: string }
  | { rule: 'referenceAssetId'; got: string }
  | { rule: 'imageEmpty' }
  | { rule: 'imageTooLarge'; bytes: number }
  | { rule: 'notAnImage'; looksLike?: 'pdf' | 'text' }
  | { rule: 'imageTruncated'; reason: string }
  | { rule: 'imageZeroSize' }
  | { rule: 'frameNotObject'; got: string }
  | { rule: 'frameUnknownKey'; keys: string }
  | { rule: 'frameKeyCount'; present: readonly string[] }
  | { rule: 'notString'; got: string }
  | { rule: 'assetId' }
  | { rule: 'urlNotAbsolute'; allowed: readonly string[] }
  | { rule: 'urlProtocol'; allowed: readonly string[]; got: string }
  | { rule: 'base64DataPrefix'; prefix: string }
  | { rule: 'base64Char'; char: string; position: number }
  | { rule: 'base64Length' }
  | { rule: 'base64TooLarge'; bytes: number };

export interface FieldIssue {
  /** The argument concerned, as the caller spelled it (camelCase, `startFrame.url` for nested keys). */
  field: string;
  /** The issue in words for scripted callers and logs: describeIssue(issue) when the issue has a rule. */
  message: string;
  /** Set by the shared validators; issues from elsewhere (a file that cannot be read) carry their message only. */
  detail?: IssueRule;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/**
 * Giggle documents no frame size limit. 10 MiB is our own ceiling: it covers
 * any reasonable still (a 4K PNG is typically 5-8 MiB) while keeping the
 * base64 JSON body (about 13.4 MiB) within what HTTP APIs commonly accept.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** An issue whose message is worded from its rule, naming the field by `fieldName` (see describeIssue). */
export function ruleIssue(field: string, detail: IssueRule, fieldName: (field: string) => string): FieldIssue {
  return { field, message: describeIssue(detail, fieldName(field)), detail };
}

/**
 * The issue in words, naming its field `name`. `keyWording`: scripted callers
 * read a few rules with the key itself in the sentence ("model must be one
 * of …", as the translations word them); without it those read like the rest.
 */
export function describeIssue(detail: IssueRule, name: string, keyWording = true): string {
  switch (detail.rule) {
    case 'textRequired':
      return l10n.t('{0} is required and must be text (got {1})', name, detail.got);
    case 'textEmpty':
      return l10n.t('{0} must not be empty', name);
    case 'tooLong':
      return l10n.t('{0} must be at most {1} characters (got {2})', name, detail.limit, detail.length);
    case 'notText':
      return l10n.t('{0} must be text (got {1})', name, detail.got);
    case 'notBoolean':
      return l10n.t('{0} must be true or false (got {1})', name, detail.got);
    case 'oneOf':
      return l10n.t('{0} must be one of {1} (got {2})', name, detail.allowed.join(', '), detail.got);
    case 'model':
      return keyWording
        ? l10n.t('model must be one of {0} (got {1})', detail.allowed.join(', '), detail.got)
        : l10n.t('{0} must be one of {1} (got {2})', name, detail.allowed.join(', '), detail.got);
    case 'duration':
      return keyWording
        ? l10n.t('duration must be one of {0} seconds for {1} (got {2})', detail.allowed.join(', '), detail.model, detail.got)
        : l10n.t('{0} must be one of {1} seconds for {2} (got {3})', name, detail.allowed.join(', '), detail.model, detail.got);
    case 'referenceAssetId':
      return keyWording
        ? l10n.t('referenceImage must be an asset id of 1 to 128 letters, digits, "_" or "-" (got {0})', detail.got)
        : l10n.t('{0} must be an asset id of 1 to 128 letters, digits, "_" or "-" (got {1})', name, detail.got);
    case 'imageEmpty':
      return l10n.t('{0} is empty', name);
    case 'imageTooLarge':
      return tooLargeMessage(name, detail.bytes);
    case 'notAnImage':
      if (detail.looksLike === 'pdf') return l10n.t('{0} is not a PNG, JPEG, WebP or GIF image (it is a PDF document)', name);
      if (detail.looksLike === 'text') return l10n.t('{0} is not a PNG, JPEG, WebP or GIF image (it looks like text)', name);
      return l10n.t('{0} is not a PNG, JPEG, WebP or GIF image', name);
    case 'imageTruncated':
      return l10n.t('{0} looks truncated: {1}', name, detail.reason);
    case 'imageZeroSize':
      return l10n.t('{0} has a zero width or height', name);
    case 'frameNotObject':
      return l10n.t('{0} must be an object with exactly one of asset_id, url or base64 (got {1})', name, detail.got);
    case 'frameUnknownKey':
      return l10n.t('{0} has unknown key {1}; use exactly one of asset_id, url or base64', name, detail.keys);
    case 'frameKeyCount':
      return detail.present.length === 0
        ? l10n.t('{0} must have exactly one of asset_id, url or base64 (got none)', name)
        : l10n.t('{0} must have exactly one of asset_id, url or base64 (got {1})', name, listOf(detail.present, (list, k) => l10n.t('{0} and {1}', list, k)));
    case 'notString':
      return l10n.t('{0} must be a string (got {1})', name, detail.got);
    case 'assetId':
      return l10n.t('{0} must be 1 to 128 letters, digits, "_" or "-"', name);
    case 'urlNotAbsolute':
      return l10n.t('{0} must be an absolute {1} URL', name, protocols(detail.allowed));
    case 'urlProtocol':
      return l10n.t('{0} must be an {1} URL (got {2})', name, protocols(detail.allowed), detail.got);
    case 'base64DataPrefix':
      return l10n.t('{0} must be raw base64 without a "data:" prefix; remove "{1}"', name, detail.prefix);
    case 'base64Char':
      return /\s/.test(detail.char)
        ? l10n.t('{0} is not valid base64: whitespace or a line break at position {1} (allowed: A-Z a-z 0-9 + / and = padding)', name, detail.position)
        : l10n.t('{0} is not valid base64: "{1}" at position {2} (allowed: A-Z a-z 0-9 + / and = padding)', name, detail.char, detail.position);
    case 'base64Length':
      return l10n.t('{0} is not valid base64: its length must be a multiple of 4 with "=" padding only at the end', name);
    case 'base64TooLarge':
      return l10n.t('{0} decodes to {1}', name, sizeOverLimit(detail.bytes));
  }
}

/** "http or https": the protocols without their colon, joined in the reader's language. */
function protocols(allowed: readonly string[]): string {
  return listOf(allowed.map((p) => p.replace(':', '')), (list, p) => l10n.t('{0} or {1}', list, p));
}

/** "a and b and c" (or "or"): the items joined pairwise, so each language words the conjunction itself. */
function listOf(items: readonly string[], join: (list: string, item: string) => string): string {
  return items.slice(1).reduce(join, items[0] ?? '');
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** "<subject> is 10.5 MiB; the limit is 10.0 MiB": an image (a field, or a file by name) over the frame limit. */
export function tooLargeMessage(subject: string, bytes: number): string {
  return l10n.t({ message: '{0} is {1}', args: [subject, sizeOverLimit(bytes)], comment: ['a field or file name, then its size over the limit, e.g. "10.5 MiB; the limit is 10.0 MiB"'] });
}

/**
 * "10.5 MiB; the limit is 10.0 MiB". A size just over the limit would read
 * as equal to it in MiB, so it is given in bytes then: "10,485,761 bytes; the
 * limit is 10,485,760 bytes (10.0 MiB)".
 */
function sizeOverLimit(bytes: number, limit = MAX_IMAGE_BYTES): string {
  if (mib(bytes) !== mib(limit)) return l10n.t('{0} MiB; the limit is {1} MiB', mib(bytes), mib(limit));
  const grouped = (n: number) => n.toLocaleString('en-US');
  return l10n.t('{0} bytes; the limit is {1} bytes ({2} MiB)', grouped(bytes), grouped(limit), mib(limit));
}
