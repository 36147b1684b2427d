import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inertText, markdownCode, markdownText } from '../../../src/giggle/serviceText';

/** What VS Code's notifications turn into a link (vs/base/common/linkedText.ts, 1.100). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

const NASTY = [
  '[run](command:giggle.clearApiKey)',
  'Task failed: [Retry](command:giggle.clearApiKey?%5B%22x%22%5D "Retry now")',
  '[open](file:///etc/passwd) and [site](https://evil.example/x)',
  '[[a](command:x)](command:y)',
  '\\[run\\](command:giggle.clearApiKey)',
  '[run]((command:giggle.clearApiKey))',
  '[x](command:a) [y](command:b) [z](command:c)',
  'line one\n[run](command:giggle.clearApiKey)',
  '\u202e[nur](command:giggle.clearApiKey)',
];

test('inertText: no text from Giggle is ever a notification link, whatever its shape', () => {
  for (const text of NASTY) {
    const out = inertText(text);
    assert.equal(out.match(NOTIFICATION_LINK), null, `${JSON.stringify(text)} → ${JSON.stringify(out)}`);
    assert.equal(inertText(out), out, 'applying it twice changes nothing');
  }
  // The words stay readable: only the glue between label and target changes.
  assert.equal(inertText('[run](command:giggle.clearApiKey)'), '[run] (command:giggle.clearApiKey)');
  assert.equal(inertText('prompt contains sensitive content'), 'prompt contains sensitive content');
  assert.equal(inertText('任务失败（余额不足）'), '任务失败（余额不足）');
});

test('inertText removes bidi overrides and control characters that make text read differently', () => {
  assert.equal(inertText('a\u202eb\u2066c\u0007d'), 'a b c d');
  assert.equal(inertText('tab\tand\nnewline'), 'tab\tand\nnewline');
});

test('markdownText: no link, autolink, image, HTML or reference definition survives in Markdown', () => {
  const inputs = [
    ...NASTY,
    '<command:giggle.clearApiKey>',
    '![x](file:///etc/passwd)',
    '<a href="command:giggle.clearApiKey">run</a>',
    'see\n\n[run]: command:giggle.clearApiKey\n\n[run]',
    '`code` **bold** # heading',
  ];
  for (const text of inputs) {
    const out = markdownText(text);
    assert.ok(!/[\r\n]/.test(out), 'one line');
    // Every Markdown-significant character is preceded by a backslash.
    assert.ok(!/(^|[^\\])[[\]()<>`!*_|]/.test(out.replace(/\\\\/g, '')), `${JSON.stringify(text)} → ${out}`);
  }
  assert.equal(markdownText('[run](command:x)'), '\\[run\\] \\(command:x\\)');
  // Headings, lists and quotes only start a line; inside the text, dots and dashes read as they are.
  assert.equal(markdownText('# big'), '\\# big');
  assert.equal(markdownText('- item'), '\\- item');
  assert.equal(markdownText('1. first'), '1\\. first');
  assert.equal(markdownText('see https://cdn.giggle-x.pro/v/a.mp4…'), 'see https://cdn.giggle-x.pro/v/a.mp4…');
});

test('markdownCode: a backtick in an id cannot end the code span', () => {
  const cases: [string, string][] = [
    ['task-123', '`task-123`'],
    ['a`b', '``a`b``'],
    ['x``[run](command:giggle.clearApiKey)``y', '```x``[run] (command:giggle.clearApiKey)``y```'],
    ['`edge', '`` `edge ``'],
    ['edge`', '`` edge` ``'],
    ['', '` `'],
  ];
  for (const [id, expected] of cases) assert.equal(markdownCode(id), expected, JSON.stringify(id));
  // A blank line would end the paragraph, and the code span with it.
  assert.ok(!/\n/.test(markdownCode('id\n\n[run](command:x)')));
});
