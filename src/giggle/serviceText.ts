/**
 * Text that came from Giggle (err_msg, msg/message, step errors, ids) is
 * data, never markup. VS Code turns `[label](command:…)` in a notification
 * into a link that runs the command, and a MarkdownString or Markdown
 * document renders links, autolinks and images; so anything Giggle wrote
 * passes through one of these before it is shown.
 */

/** Bidi overrides and isolates (they can make text read differently from what it is) and control characters other than tab and newline. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * For plain-text places that still recognise link syntax (notifications, the
 * panel): `](` becomes `] (`, which no renderer reads as a link, and the text
 * stays readable. Safe to apply twice.
 */
export function inertText(text: string): string {
  return text.replace(INVISIBLE, ' ').replace(/\]\(/g, '] (');
}

/**
 * For a MarkdownString or Markdown document: one line, with every character
 * that means something inline escaped (links, images, autolinks, HTML, code,
 * emphasis, tables, entities), and the ones that only mean something at the
 * start of a line (headings, lists, quotes) escaped there. Dots and dashes
 * inside the text stay as they are, so host names still read normally.
 */
export function markdownText(text: string): string {
  return inertText(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]()<>|~&!]/g, '\\$&')
    .replace(/^(\s*)([#+\-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * An id shown as code: a fence longer than any run of backticks inside, so a
 * backtick in the id cannot close the code span early (and with it let the
 * rest of the id be read as Markdown).
 */
export function markdownCode(text: string): string {
  const line = inertText(text).replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space on each side when both are there; a backtick at an edge needs that space.
  const padded = /^`|`$/.test(line) || /^ .* $/.test(line) ? ` ${line} ` : line;
  return `${fence}${padded || ' '}${fence}`;
}
