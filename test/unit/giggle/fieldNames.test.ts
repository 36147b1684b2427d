// Validation messages name the field: by its key in English (scripted callers
// pass those keys), by its translated label with the key in Chinese, so a
// message under the panel's Chinese labels reads naturally. This file
// configures @vscode/l10n with the Chinese bundle (node --test runs each file
// in its own process, so no other test sees it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { fieldLabel, fieldName } from '../../../src/giggle/fieldNames';
import { validateFrame } from '../../../src/giggle/frames';
import { panelMessage } from '../../../src/panel/fields';
import { validateMvSubmit, validateVideoRequest } from '../../../src/giggle/validation';

const ROOT = path.resolve(__dirname, '../../..');

test('in English a field is named by its key', () => {
  l10n.config({ contents: {} });
  assert.equal(fieldName('prompt'), 'prompt');
  assert.equal(fieldName('aspectRatio'), 'aspectRatio');
  const result = validateVideoRequest({ prompt: '  ', model: 'grok' });
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.issues[0].message, /^prompt must not be empty$/);
});

test('in Chinese a field is named by its label with the key; nested paths and unknown keys stay as they are', () => {
  l10n.config({ contents: JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) });
  assert.equal(fieldName('prompt'), '提示词（prompt）');
  assert.equal(fieldName('startFrame'), '首帧（startFrame）');
  assert.equal(fieldName('startFrame.asset_id'), 'startFrame.asset_id');
  assert.equal(fieldName('somethingNew'), 'somethingNew');
  const video = validateVideoRequest({ prompt: '  ', model: 'grok', duration: 7 });
  assert.equal(video.ok, false);
  const messages = video.ok ? [] : video.issues.map((issue) => issue.message);
  assert.ok(messages.some((m) => /^提示词（prompt）\s?不能为空$/.test(m)), messages.join(' | '));
  assert.ok(messages.some((m) => m.startsWith('对于 grok，时长（duration）')), messages.join(' | '));
  const mv = validateMvSubmit({ projectId: 'p1', aspect: '16:9', musicGenerateType: 'custom', referenceImage: 'asset1' });
  assert.equal(mv.ok, false);
  const mvMessages = mv.ok ? [] : mv.issues.map((issue) => issue.message);
  assert.ok(mvMessages.some((m) => m.startsWith('歌词（lyrics）')), mvMessages.join(' | '));
});

test('in Chinese the panel keeps the label-with-key wording, and names a nested frame key by its label', () => {
  l10n.config({ contents: JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) });
  const video = validateVideoRequest({ prompt: '  ', model: 'grok', duration: 7 });
  const issues = video.ok ? [] : video.issues;
  assert.match(panelMessage(issues[0]), /^提示词（prompt）\s?不能为空$/);
  assert.ok(panelMessage(issues[1]).startsWith('对于 grok，时长（duration）'), panelMessage(issues[1]));
  const [url] = validateFrame({ url: 'ftp://example.com/a.png' }, 'startFrame');
  assert.ok(url.message.startsWith('startFrame.url'), url.message);
  assert.ok(panelMessage(url).startsWith(`${fieldLabel('url')} `), panelMessage(url));
  assert.match(panelMessage(url), /\p{Script=Han}/u);
});
