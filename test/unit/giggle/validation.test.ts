import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PROMPT_LENGTH, MAX_SCENE_DESCRIPTION } from '../../../src/giggle/catalogue';
import { validateMvCreate, validateMvSubmit, validateVideoRequest } from '../../../src/giggle/validation';
import type { FieldIssue, Validated } from '../../../src/giggle/validation';
import { GIF_4X6, PDF, makePng } from './imageFixtures';

const PNG_B64 = makePng(2, 2).toString('base64');

function issuesOf<T>(result: Validated<T>): FieldIssue[] {
  assert.equal(result.ok, false, 'expected validation to fail');
  // As a caller reads them (field and words); test/unit/giggle/issues.test.ts covers their rules.
  return result.ok ? [] : result.issues.map(({ field, message }) => ({ field, message }));
}

function fieldsOf<T>(result: Validated<T>): string[] {
  return issuesOf(result).map((issue) => issue.field);
}

// ---- validateVideoRequest ---------------------------------------------------

test('video: defaults fill model, duration, aspect ratio and resolution; prompt is trimmed', () => {
  assert.deepEqual(validateVideoRequest({ prompt: '  a cat  ' }), {
    ok: true,
    value: { prompt: 'a cat', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' },
  });
  assert.deepEqual(validateVideoRequest({ prompt: 'a cat', model: 'sora2' }), {
    ok: true,
    value: { prompt: 'a cat', model: 'sora2', duration: 4, aspectRatio: '16:9', resolution: '720p' },
  });
  // wan25's usable default is 5, not the seed table's 0.
  const wan = validateVideoRequest({ prompt: 'x', model: 'wan25' });
  assert.equal(wan.ok && wan.value.duration, 5);
});

test('video: explicit values and frames are kept', () => {
  const result = validateVideoRequest({
    prompt: 'p',
    model: 'veo31',
    duration: 8,
    aspectRatio: '9:16',
    resolution: '1080p',
    startFrame: { asset_id: 'abc' },
    endFrame: { base64: PNG_B64 },
  });
  assert.deepEqual(result, {
    ok: true,
    value: {
      prompt: 'p',
      model: 'veo31',
      duration: 8,
      aspectRatio: '9:16',
      resolution: '1080p',
      startFrame: { asset_id: 'abc' },
      endFrame: { base64: PNG_B64 },
    },
  });
});

test('video: prompt must be non-empty text within MAX_PROMPT_LENGTH code points', () => {
  assert.deepEqual(issuesOf(validateVideoRequest({ prompt: '   \n ' })), [{ field: 'prompt', message: 'prompt must not be empty' }]);
  assert.deepEqual(issuesOf(validateVideoRequest({})), [{ field: 'prompt', message: 'prompt is required and must be text (got undefined)' }]);
  assert.deepEqual(issuesOf(validateVideoRequest({ prompt: 42 })), [{ field: 'prompt', message: 'prompt is required and must be text (got a number)' }]);
  assert.equal(validateVideoRequest({ prompt: 'x'.repeat(MAX_PROMPT_LENGTH) }).ok, true);
  assert.deepEqual(issuesOf(validateVideoRequest({ prompt: 'x'.repeat(MAX_PROMPT_LENGTH + 1) })), [
    { field: 'prompt', message: `prompt must be at most ${MAX_PROMPT_LENGTH} characters (got ${MAX_PROMPT_LENGTH + 1})` },
  ]);
  // An emoji is one character (two UTF-16 units): 2000 emoji fit.
  assert.equal(validateVideoRequest({ prompt: '🎬'.repeat(MAX_PROMPT_LENGTH) }).ok, true);
});

test('video: unknown model lists the known ones', () => {
  const [issue] = issuesOf(validateVideoRequest({ prompt: 'p', model: 'gpt-video' }));
  assert.equal(issue.field, 'model');
  assert.match(issue.message, /^model must be one of grok, grok-fast, sora2, .*wan25 \(got "gpt-video"\)$/);
  assert.equal(fieldsOf(validateVideoRequest({ prompt: 'p', model: null }))[0], 'model');
});

test('video: a duration outside the model list is refused with the allowed values', () => {
  assert.deepEqual(issuesOf(validateVideoRequest({ prompt: 'p', model: 'grok', duration: 8 })), [
    { field: 'duration', message: 'duration must be one of 6, 10 seconds for grok (got 8)' },
  ]);
  assert.deepEqual(issuesOf(validateVideoRequest({ prompt: 'p', model: 'minimax23', duration: 10 })), [
    { field: 'duration', message: 'duration must be one of 6 seconds for minimax23 (got 10)' },
  ]);
  assert.deepEqual(issuesOf(validateVideoRequest({ prompt: 'p', model: 'wan25', duration: 0 })), [
    { field: 'duration', message: 'duration must be one of 5, 10 seconds for wan25 (got 0)' },
  ]);
  // Numbers as strings are not silently coerced.
  assert.deepEqual(issuesOf(validateVideoRequest({ prompt: 'p', duration: '6' })), [
    { field: 'duration', message: 'duration must be one of 6, 10 seconds for grok (got "6")' },
  ]);
  assert.equal(fieldsOf(validateVideoRequest({ prompt: 'p', duration: null }))[0], 'duration');
  assert.equal(fieldsOf(validateVideoRequest({ prompt: 'p', duration: [6] }))[0], 'duration');
});

test('video: aspect ratio and resolution must be in range', () => {
  assert.deepEqual(issuesOf(validateVideoRequest({ prompt: 'p', aspectRatio: '21:9' })), [
    { field: 'aspectRatio', message: 'aspectRatio must be one of 16:9, 9:16, 1:1, 3:4, 4:3 (got "21:9")' },
  ]);
  assert.deepEqual(issuesOf(validateVideoRequest({ prompt: 'p', resolution: 1080 })), [
    { field: 'resolution', message: 'resolution must be one of 480p, 720p, 1080p (got 1080)' },
  ]);
});

test('video: frames are validated with their field names', () => {
  assert.deepEqual(fieldsOf(validateVideoRequest({ prompt: 'p', startFrame: { base64: `data:image/png;base64,${PNG_B64}` } })), [
    'startFrame.base64',
  ]);
  assert.deepEqual(fieldsOf(validateVideoRequest({ prompt: 'p', endFrame: { url: 'ftp://x/a.png' } })), ['endFrame.url']);
  assert.deepEqual(fieldsOf(validateVideoRequest({ prompt: 'p', startFrame: null })), ['startFrame']);
  assert.deepEqual(fieldsOf(validateVideoRequest({ prompt: 'p', endFrame: { base64: PDF.toString('base64') } })), ['endFrame.base64']);
});

test('video: every problem is reported at once, and non-objects never throw', () => {
  assert.deepEqual(fieldsOf(validateVideoRequest({ prompt: '', model: 'grok', duration: 7, aspectRatio: 'x', resolution: 'y' })), [
    'prompt',
    'duration',
    'aspectRatio',
    'resolution',
  ]);
  for (const [input, got] of [[null, 'null'], [[], 'an array'], ['prompt', 'a string'], [undefined, 'undefined']] as const) {
    assert.deepEqual(issuesOf(validateVideoRequest(input)), [{ field: 'request', message: `request must be an object (got ${got})` }]);
  }
});

// ---- validateMvCreate -------------------------------------------------------

test('mv create: name non-empty and at most 100 characters; aspect 16:9 or 9:16', () => {
  assert.deepEqual(validateMvCreate({ name: ' My song ', aspect: '9:16' }), { ok: true, value: { name: 'My song', aspect: '9:16' } });
  assert.deepEqual(issuesOf(validateMvCreate({ name: ' ', aspect: '16:9' })), [{ field: 'name', message: 'name must not be empty' }]);
  assert.equal(validateMvCreate({ name: 'n'.repeat(100), aspect: '16:9' }).ok, true);
  assert.deepEqual(issuesOf(validateMvCreate({ name: 'n'.repeat(101), aspect: '16:9' })), [
    { field: 'name', message: 'name must be at most 100 characters (got 101)' },
  ]);
  assert.deepEqual(issuesOf(validateMvCreate({ name: 'n', aspect: '1:1' })), [
    { field: 'aspect', message: 'aspect must be one of 16:9, 9:16 (got "1:1")' },
  ]);
  assert.deepEqual(fieldsOf(validateMvCreate({ name: 5 })), ['name', 'aspect']);
  assert.deepEqual(fieldsOf(validateMvCreate(null)), ['request']);
});

// ---- validateMvSubmit -------------------------------------------------------

const promptSubmit = { projectId: 'p1', musicGenerateType: 'prompt', aspect: '16:9', prompt: 'a happy song', referenceImage: 'lkllv0yv81' };
const customSubmit = {
  projectId: 'p1',
  musicGenerateType: 'custom',
  aspect: '9:16',
  lyrics: 'la la',
  style: 'pop',
  title: 'Song',
  referenceImageUrl: 'https://example.com/ref.png',
};

test('mv submit: prompt mode fills defaults', () => {
  assert.deepEqual(validateMvSubmit(promptSubmit), {
    ok: true,
    value: {
      projectId: 'p1',
      musicGenerateType: 'prompt',
      aspect: '16:9',
      sceneDescription: '',
      subtitleEnabled: false,
      referenceImage: 'lkllv0yv81',
      prompt: 'a happy song',
      vocalGender: 'auto',
      instrumental: false,
    },
  });
});

test('mv submit: custom mode keeps lyrics, style, title and drops prompt-mode fields', () => {
  assert.deepEqual(validateMvSubmit({ ...customSubmit, sceneDescription: 'beach', subtitleEnabled: true, vocalGender: 'male' }), {
    ok: true,
    value: {
      projectId: 'p1',
      musicGenerateType: 'custom',
      aspect: '9:16',
      sceneDescription: 'beach',
      subtitleEnabled: true,
      referenceImageUrl: 'https://example.com/ref.png',
      lyrics: 'la la',
      style: 'pop',
      title: 'Song',
    },
  });
});

test('mv submit: mode must be prompt, custom or upload', () => {
  for (const mode of ['uploaded', undefined, 'PROMPT', 1]) {
    const issues = issuesOf(validateMvSubmit({ ...promptSubmit, musicGenerateType: mode }));
    assert.equal(issues.length, 1);
    assert.equal(issues[0].field, 'musicGenerateType');
    assert.match(issues[0].message, /^musicGenerateType must be "prompt", "custom" or "upload" \(got /);
  }
});

test('mv submit: upload mode requires the song as musicAssetId and sends nothing of the other modes', () => {
  const upload = { projectId: 'p1', aspect: '16:9', referenceImage: 'img1', musicGenerateType: 'upload' };
  assert.deepEqual(fieldsOf(validateMvSubmit(upload)), ['musicAssetId']);
  assert.deepEqual(fieldsOf(validateMvSubmit({ ...upload, musicAssetId: '  ' })), ['musicAssetId']);
  const ok = validateMvSubmit({ ...upload, musicAssetId: 'song1', prompt: 'ignored' });
  assert.ok(ok.ok);
  assert.equal((ok.value as { musicAssetId: string }).musicAssetId, 'song1');
  assert.equal((ok.value as { prompt?: string }).prompt, undefined);
});

test('mv submit: prompt mode requires prompt; vocalGender and instrumental are checked', () => {
  assert.deepEqual(fieldsOf(validateMvSubmit({ ...promptSubmit, prompt: undefined })), ['prompt']);
  assert.deepEqual(issuesOf(validateMvSubmit({ ...promptSubmit, vocalGender: 'robot' })), [
    { field: 'vocalGender', message: 'vocalGender must be one of auto, male, female (got "robot")' },
  ]);
  assert.deepEqual(issuesOf(validateMvSubmit({ ...promptSubmit, instrumental: 'true' })), [
    { field: 'instrumental', message: 'instrumental must be true or false (got "true")' },
  ]);
  const female = validateMvSubmit({ ...promptSubmit, vocalGender: 'female', instrumental: true });
  assert.ok(female.ok && female.value.musicGenerateType === 'prompt' && female.value.vocalGender === 'female' && female.value.instrumental);
});

test('mv submit: custom mode requires lyrics, style and title', () => {
  assert.deepEqual(fieldsOf(validateMvSubmit({ ...customSubmit, lyrics: '', style: undefined, title: null })), ['lyrics', 'style', 'title']);
});

test('mv submit: exactly one of referenceImage / referenceImageUrl', () => {
  assert.deepEqual(issuesOf(validateMvSubmit({ ...promptSubmit, referenceImage: undefined })), [
    { field: 'referenceImage', message: 'referenceImage (an asset id) or referenceImageUrl (an https URL or raw base64 image) is required' },
  ]);
  assert.deepEqual(issuesOf(validateMvSubmit({ ...promptSubmit, referenceImageUrl: 'https://example.com/a.png' })), [
    { field: 'referenceImageUrl', message: 'give either referenceImage or referenceImageUrl, not both' },
  ]);
  assert.deepEqual(fieldsOf(validateMvSubmit({ ...promptSubmit, referenceImage: 'not an id!' })), ['referenceImage']);
});

test('mv submit: referenceImageUrl is an https URL or a raw base64 image', () => {
  const withUrl = (referenceImageUrl: unknown) => validateMvSubmit({ ...customSubmit, referenceImageUrl });
  assert.equal(withUrl(GIF_4X6.toString('base64')).ok, true);
  assert.deepEqual(issuesOf(withUrl('http://example.com/a.png')), [
    { field: 'referenceImageUrl', message: 'referenceImageUrl must be an https URL (got http)' },
  ]);
  assert.match(issuesOf(withUrl(`data:image/gif;base64,${GIF_4X6.toString('base64')}`))[0].message, /without a "data:" prefix/);
  assert.match(issuesOf(withUrl(PDF.toString('base64')))[0].message, /^referenceImageUrl is not a PNG, JPEG, WebP or GIF image/);
  assert.match(issuesOf(withUrl('not base64 at all'))[0].message, /^referenceImageUrl is not valid base64/);
  assert.deepEqual(issuesOf(withUrl(12)), [
    { field: 'referenceImageUrl', message: 'referenceImageUrl must be an https URL or raw base64 image (got a number)' },
  ]);
});

test('mv submit: sceneDescription counts code points up to 200; subtitleEnabled is boolean', () => {
  assert.equal(validateMvSubmit({ ...promptSubmit, sceneDescription: 'é'.repeat(MAX_SCENE_DESCRIPTION) }).ok, true);
  // 200 emoji are 400 UTF-16 units but 200 characters.
  assert.equal(validateMvSubmit({ ...promptSubmit, sceneDescription: '🌊'.repeat(MAX_SCENE_DESCRIPTION) }).ok, true);
  assert.deepEqual(issuesOf(validateMvSubmit({ ...promptSubmit, sceneDescription: '🌊'.repeat(MAX_SCENE_DESCRIPTION + 1) })), [
    { field: 'sceneDescription', message: 'sceneDescription must be at most 200 characters (got 201)' },
  ]);
  assert.deepEqual(issuesOf(validateMvSubmit({ ...promptSubmit, sceneDescription: null })), [
    { field: 'sceneDescription', message: 'sceneDescription must be text (got null)' },
  ]);
  assert.deepEqual(issuesOf(validateMvSubmit({ ...promptSubmit, subtitleEnabled: 1 })), [
    { field: 'subtitleEnabled', message: 'subtitleEnabled must be true or false (got 1)' },
  ]);
});

test('mv submit: projectId and aspect are required; non-objects never throw', () => {
  assert.deepEqual(fieldsOf(validateMvSubmit({ ...promptSubmit, projectId: '', aspect: '4:3' })), ['projectId', 'aspect']);
  assert.deepEqual(fieldsOf(validateMvSubmit([promptSubmit])), ['request']);
  assert.deepEqual(fieldsOf(validateMvSubmit('x')), ['request']);
});
