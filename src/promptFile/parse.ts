/**
 * A prompt file (`*.giggle.md`) read into its parts: the YAML front matter
 * between the first two `---` lines, each key with where its key and value
 * are in the file, and the Markdown body (the prompt, or a music video's
 * lyrics). Positions are 0-based lines and characters, as diagnostics take
 * them. Only the syntax is checked here; what the values mean is check.ts's.
 * No vscode import.
 */
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, parseDocument } from 'yaml';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface FrontMatterEntry {
  key: string;
  /** The value as YAML reads it (a string, number, boolean, list, map or null). */
  value: unknown;
  keyRange: Range;
  /** Where the value is; for a key without a value, right after the key. */
  valueRange: Range;
}

/** A text edit that resolves an issue (a quick fix). */
export interface PromptFix {
  title: string;
  range: Range;
  newText: string;
}

export interface PromptIssue {
  range: Range;
  severity: 'error' | 'warning';
  message: string;
  /** The front matter key (or `body`) the issue is about, when it is about one. */
  field?: string;
  fixes?: PromptFix[];
}

export interface ParsedPromptFile {
  /** By key, in the file's order. Empty when there is no readable front matter. */
  entries: Map<string, FrontMatterEntry>;
  /** The opening `---` line: where issues about a key that is absent go. */
  headerRange: Range;
  /** The line after which a missing key is best inserted (the closing `---`), when the front matter is closed. */
  closingLine?: number;
  /** The prompt (or lyrics), trimmed. */
  body: string;
  bodyRange: Range;
  /** Syntax problems: no front matter, not closed, YAML errors, duplicate keys, a front matter that is not a map. */
  issues: PromptIssue[];
}

const FENCE = /^---[ \t]*$/;

export function parsePromptFile(text: string): ParsedPromptFile {
  // VS Code's documents hold no byte order mark; a file read from disk may.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(/\r?\n/);
  const at = positionsOf(source);
  const headerRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: (lines[0] ?? '').length } };
  const issues: PromptIssue[] = [];
  const entries = new Map<string, FrontMatterEntry>();
  const whole = (startLine: number): { body: string; bodyRange: Range } => {
    const startOffset = at.offsetOfLine(startLine);
    const raw = source.slice(startOffset);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    return { body, bodyRange: { start: at.position(startOffset + lead), end: at.position(startOffset + lead + body.length) } };
  };

  if (!FENCE.test(lines[0] ?? '')) {
    issues.push({
      range: headerRange,
      severity: 'error',
      message: l10n.t('A prompt file starts with a front matter block: a line "---", the settings (model: …, duration: …), and another line "---"; the prompt follows it.'),
    });
    return { entries, headerRange, ...whole(0), issues };
  }
  const closing = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (closing < 0) {
    issues.push({ range: headerRange, severity: 'error', message: l10n.t('The front matter is not closed: add a line "---" after the settings, before the prompt.') });
    return { entries, headerRange, ...whole(lines.length), issues };
  }

  const yamlStart = at.offsetOfLine(1);
  const yamlText = source.slice(yamlStart, at.offsetOfLine(closing));
  const document = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false });
  const rangeOf = (from: number, to: number): Range => ({ start: at.position(yamlStart + from), end: at.position(yamlStart + Math.max(from, to)) });
  for (const error of document.errors) {
    const [from, to] = error.pos;
    const duplicate = error.code === 'DUPLICATE_KEY';
    issues.push({
      range: rangeOf(from, to),
      severity: 'error',
      message: duplicate
        ? l10n.t('This key is given twice; keep one.')
        : l10n.t('The front matter is not valid YAML: {0}', error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')),
    });
  }
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    issues.push({ range: rangeOf(0, yamlText.trimEnd().length), severity: 'error', message: l10n.t('The front matter must be "key: value" lines.') });
  } else if (contents) {
    for (const pair of contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      if (entries.has(key)) continue;
      const keyRange = rangeOf(pair.key.range[0], pair.key.range[1]);
      const node = pair.value as { range?: [number, number, number]; toJSON?: () => unknown } | null;
      const valueRange = node?.range ? rangeOf(node.range[0], node.range[1]) : { start: keyRange.end, end: keyRange.end };
      const value = isScalar(node) ? node.value : node && typeof node.toJSON === 'function' ? node.toJSON() : null;
      entries.set(key, { key, value, keyRange, valueRange });
    }
  }
  return { entries, headerRange, closingLine: closing, ...whole(closing + 1), issues };
}

/** Offsets to positions and back, for one text. */
function positionsOf(text: string) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return {
    offsetOfLine: (line: number) => (line < starts.length ? starts[line] : text.length),
    position(offset: number): Position {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid;
        else high = mid - 1;
      }
      const lineText = text.slice(starts[low], offset);
      return { line: low, character: lineText.endsWith('\r') ? lineText.length - 1 : lineText.length };
    },
  };
}
