// Validation issues are data (field, rule, allowed values); their words are made from that data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ASPECT_RATIOS, findModel } from '../../../src/giggle/catalogue';
import { validateFrame } from '../../../src/giggle/frames';
import { describeIssue } from '../../../src/giggle/issues';
import { validateVideoRequest } from '../../../src/giggle/validation';

test('an issue says which field broke which rule, and what the rule allows', () => {
  const result = validateVideoRequest({ prompt: 'p', model: 'grok', duration: 7, aspectRatio: '21:9' });
  const issues = result.ok ? [] : result.issues;
  assert.deepEqual(
    issues.map(({ field, detail }) => ({ field, detail })),
    [
      { field: 'duration', detail: { rule: 'duration', allowed: findModel('grok')?.durations, model: 'grok', got: '7' } },
      { field: 'aspectRatio', detail: { rule: 'oneOf', allowed: ASPECT_RATIOS, got: '"21:9"' } },
    ],
  );
  const [url] = validateFrame({ url: 'ftp://example.com/a.png' }, 'endFrame');
  assert.deepEqual(url.detail, { rule: 'urlProtocol', allowed: ['http:', 'https:'], got: 'ftp' });
  assert.equal(url.field, 'endFrame.url');
});

test('the words come from the rule: the same issue named by its key or by a label', () => {
  const [issue] = validateFrame({ url: 'example.com/a.png' }, 'startFrame');
  assert.ok(issue.detail);
  assert.equal(issue.message, 'startFrame.url must be an absolute http or https URL');
  assert.equal(describeIssue(issue.detail, 'startFrame.url'), issue.message);
  assert.equal(describeIssue(issue.detail, 'The link'), 'The link must be an absolute http or https URL');
  // Rules whose scripted wording has the key inside the sentence read like the rest when named otherwise.
  const model = { rule: 'model', allowed: ['grok', 'kling25'], got: '"x"' } as const;
  assert.equal(describeIssue(model, 'model'), 'model must be one of grok, kling25 (got "x")');
  assert.equal(describeIssue(model, 'Model', false), 'Model must be one of grok, kling25 (got "x")');
});
