import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_IMAGE_BYTES,
  detectImageType,
  frameFromImageBytes as checkImageBytes,
  imageInfo,
  validateFrame as checkFrame,
} from '../../../src/giggle/frames';
import type { FieldIssue } from '../../../src/giggle/issues';
import {
  GIF_4X6,
  JPEG_1X1,
  JPEG_3X2,
  JPEG_PROGRESSIVE_2X1,
  PDF,
  TEXT,
  WEBP_EXTENDED_300X200,
  WEBP_LOSSLESS_5X3,
  WEBP_LOSSY_7X9,
  makePng,
} from './imageFixtures';

const PNG = makePng(2, 3);

/** Issues as a caller reads them (field and words); test/unit/giggle/issues.test.ts covers their rules. */
const worded = (issues: FieldIssue[]) => issues.map(({ field, message }) => ({ field, message }));
const validateFrame = (frame: unknown, field: string) => worded(checkFrame(frame, field));
const frameFromImageBytes = (bytes: Uint8Array, field?: string) => {
  const result = checkImageBytes(bytes, field);
  return result.ok ? result : { ok: false as const, issues: worded(result.issues) };
};
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

test('detectImageType reads magic bytes, not names', () => {
  assert.equal(detectImageType(PNG), 'image/png');
  assert.equal(detectImageType(JPEG_1X1), 'image/jpeg');
  assert.equal(detectImageType(GIF_4X6), 'image/gif');
  assert.equal(detectImageType(WEBP_LOSSLESS_5X3), 'image/webp');
  assert.equal(detectImageType(PDF), undefined);
  assert.equal(detectImageType(TEXT), undefined);
  assert.equal(detectImageType(new Uint8Array()), undefined);
  // RIFF that is not WEBP (a WAV file) is not an image.
  assert.equal(detectImageType(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')), undefined);
});

test('imageInfo reads dimensions of every supported format', () => {
  assert.deepEqual(imageInfo(makePng(640, 360)), { mime: 'image/png', width: 640, height: 360, bytes: makePng(640, 360).length });
  assert.deepEqual(imageInfo(JPEG_1X1), { mime: 'image/jpeg', width: 1, height: 1, bytes: JPEG_1X1.length });
  assert.deepEqual(imageInfo(JPEG_3X2), { mime: 'image/jpeg', width: 3, height: 2, bytes: JPEG_3X2.length });
  assert.deepEqual(imageInfo(JPEG_PROGRESSIVE_2X1), { mime: 'image/jpeg', width: 2, height: 1, bytes: JPEG_PROGRESSIVE_2X1.length });
  assert.deepEqual(imageInfo(GIF_4X6), { mime: 'image/gif', width: 4, height: 6, bytes: GIF_4X6.length });
  assert.deepEqual(imageInfo(WEBP_LOSSLESS_5X3), { mime: 'image/webp', width: 5, height: 3, bytes: WEBP_LOSSLESS_5X3.length });
  assert.deepEqual(imageInfo(WEBP_LOSSY_7X9), { mime: 'image/webp', width: 7, height: 9, bytes: WEBP_LOSSY_7X9.length });
  assert.deepEqual(imageInfo(WEBP_EXTENDED_300X200), { mime: 'image/webp', width: 300, height: 200, bytes: WEBP_EXTENDED_300X200.length });
  assert.equal(imageInfo(PDF), undefined);
});

test('frameFromImageBytes accepts each real fixture and returns its exact base64', () => {
  for (const bytes of [PNG, JPEG_1X1, JPEG_PROGRESSIVE_2X1, GIF_4X6, WEBP_LOSSLESS_5X3, WEBP_LOSSY_7X9, WEBP_EXTENDED_300X200]) {
    const result = frameFromImageBytes(bytes);
    assert.deepEqual(result, { ok: true, value: { base64: base64(bytes) } });
  }
});

test('frameFromImageBytes refuses text and a PDF renamed .png, saying what they are', () => {
  const text = frameFromImageBytes(TEXT, 'startFrame');
  assert.equal(text.ok, false);
  assert.match(!text.ok ? text.issues[0].message : '', /^startFrame is not a PNG, JPEG, WebP or GIF image \(it looks like text\)$/);
  const pdf = frameFromImageBytes(PDF, 'startFrame');
  assert.deepEqual(pdf, { ok: false, issues: [{ field: 'startFrame', message: 'startFrame is not a PNG, JPEG, WebP or GIF image (it is a PDF document)' }] });
});

test('frameFromImageBytes refuses truncated files', () => {
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['PNG cut before IEND', PNG.subarray(0, PNG.length - 12), /does not end with an IEND chunk/],
    ['PNG cut one byte short', PNG.subarray(0, PNG.length - 1), /does not end with an IEND chunk/],
    ['PNG with IHDR partly present', PNG.subarray(0, 20), /IHDR header chunk is incomplete/],
    ['PNG signature only', PNG.subarray(0, 8), /IHDR header chunk is incomplete/],
    ['JPEG without FFD9', JPEG_1X1.subarray(0, JPEG_1X1.length - 2), /end-of-image marker/],
    ['GIF without trailer', GIF_4X6.subarray(0, GIF_4X6.length - 1), /GIF trailer/],
    ['WebP shorter than RIFF size', WEBP_LOSSY_7X9.subarray(0, 30), /RIFF header/],
  ];
  for (const [name, bytes, pattern] of cases) {
    const result = frameFromImageBytes(bytes, 'img');
    assert.equal(result.ok, false, name);
    if (!result.ok) {
      assert.equal(result.issues[0].field, 'img', name);
      assert.match(result.issues[0].message, /^img looks truncated: /, name);
      assert.match(result.issues[0].message, pattern, name);
    }
  }
});

test('frameFromImageBytes refuses an empty file and one over the 10 MiB limit, but accepts exactly the limit', () => {
  assert.equal(MAX_IMAGE_BYTES, 10 * 1024 * 1024);
  assert.deepEqual(frameFromImageBytes(new Uint8Array()), { ok: false, issues: [{ field: 'image', message: 'image is empty' }] });
  const base = makePng(1, 1);
  // tEXt chunk overhead: 12 bytes of framing + "Comment\0".
  const exact = makePng(1, 1, MAX_IMAGE_BYTES - base.length - 12 - 8);
  assert.equal(exact.length, MAX_IMAGE_BYTES);
  assert.equal(frameFromImageBytes(exact).ok, true);
  const over = makePng(1, 1, MAX_IMAGE_BYTES - base.length - 12 - 8 + 1);
  const result = frameFromImageBytes(over);
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.issues[0].message : '', /^image is 10,485,761 bytes; the limit is 10,485,760 bytes \(10\.0 MiB\)$/);
});

test('validateFrame accepts one well-formed key of each kind', () => {
  assert.deepEqual(validateFrame({ asset_id: 'lkllv0yv81' }, 'startFrame'), []);
  assert.deepEqual(validateFrame({ asset_id: 'A_b-9' }, 'startFrame'), []);
  assert.deepEqual(validateFrame({ url: 'https://example.com/a.png' }, 'startFrame'), []);
  assert.deepEqual(validateFrame({ url: 'http://example.com/a.png' }, 'startFrame'), []);
  assert.deepEqual(validateFrame({ base64: base64(PNG) }, 'startFrame'), []);
  assert.deepEqual(validateFrame({ base64: base64(JPEG_3X2) }, 'endFrame'), []);
});

test('validateFrame needs exactly one of asset_id, url, base64', () => {
  assert.deepEqual(validateFrame({}, 'startFrame'), [
    { field: 'startFrame', message: 'startFrame must have exactly one of asset_id, url or base64 (got none)' },
  ]);
  assert.deepEqual(validateFrame({ asset_id: 'a1', url: 'https://x.test/a.png' }, 'endFrame'), [
    { field: 'endFrame', message: 'endFrame must have exactly one of asset_id, url or base64 (got asset_id and url)' },
  ]);
  assert.deepEqual(validateFrame({ path: '/tmp/a.png' }, 'startFrame'), [
    { field: 'startFrame', message: 'startFrame has unknown key "path"; use exactly one of asset_id, url or base64' },
  ]);
});

test('validateFrame reports wrong JS types without throwing', () => {
  for (const [value, got] of [[null, 'null'], ['a.png', 'a string'], [[], 'an array'], [5, 'a number']] as const) {
    const issues = validateFrame(value, 'startFrame');
    assert.equal(issues.length, 1);
    assert.equal(issues[0].field, 'startFrame');
    assert.match(issues[0].message, new RegExp(`must be an object .*\\(got ${got}\\)$`));
  }
  assert.deepEqual(validateFrame({ asset_id: 12 }, 'startFrame'), [
    { field: 'startFrame.asset_id', message: 'startFrame.asset_id must be a string (got a number)' },
  ]);
});

test('validateFrame checks asset ids and URLs', () => {
  for (const bad of ['', 'has space', 'a/b', 'x'.repeat(129), 'https://x.test']) {
    const issues = validateFrame({ asset_id: bad }, 'startFrame');
    assert.equal(issues[0]?.field, 'startFrame.asset_id', bad);
  }
  assert.deepEqual(validateFrame({ asset_id: 'x'.repeat(128) }, 'startFrame'), []);
  assert.deepEqual(validateFrame({ url: 'ftp://example.com/a.png' }, 'startFrame'), [
    { field: 'startFrame.url', message: 'startFrame.url must be an http or https URL (got ftp)' },
  ]);
  assert.deepEqual(validateFrame({ url: 'example.com/a.png' }, 'startFrame'), [
    { field: 'startFrame.url', message: 'startFrame.url must be an absolute http or https URL' },
  ]);
  assert.equal(validateFrame({ url: 'file:///etc/passwd' }, 'startFrame')[0].field, 'startFrame.url');
});

test('validateFrame: base64 with a data: prefix gets a clear message naming the prefix', () => {
  const issues = validateFrame({ base64: `data:image/png;base64,${base64(PNG)}` }, 'startFrame');
  assert.deepEqual(issues, [
    { field: 'startFrame.base64', message: 'startFrame.base64 must be raw base64 without a "data:" prefix; remove "data:image/png;base64,"' },
  ]);
});

test('validateFrame: base64 must use the standard alphabet with padding', () => {
  const good = base64(PNG);
  const withBadChar = `${good.slice(0, 10)}*${good.slice(11)}`;
  assert.deepEqual(validateFrame({ base64: withBadChar }, 'endFrame'), [
    { field: 'endFrame.base64', message: 'endFrame.base64 is not valid base64: "*" at position 10 (allowed: A-Z a-z 0-9 + / and = padding)' },
  ]);
  const wrapped = `${good.slice(0, 8)}\n${good.slice(8)}`;
  assert.match(validateFrame({ base64: wrapped }, 'endFrame')[0].message, /whitespace or a line break at position 8/);
  const urlSafe = good.replace(/\+/g, '-').replace(/\//g, '_');
  if (urlSafe !== good) assert.match(validateFrame({ base64: urlSafe }, 'endFrame')[0].message, /is not valid base64/);
  // "QUJDRA" is "ABCD" without its "==" padding.
  assert.match(validateFrame({ base64: 'QUJDRA' }, 'endFrame')[0].message, /multiple of 4/);
  assert.match(validateFrame({ base64: `${good.slice(0, 4)}=${good.slice(5)}` }, 'endFrame')[0].message, /"=" padding only at the end/);
  assert.deepEqual(validateFrame({ base64: '' }, 'endFrame'), [{ field: 'endFrame.base64', message: 'endFrame.base64 is empty' }]);
});

test('validateFrame: base64 must decode to a real, complete image within the limit', () => {
  assert.match(validateFrame({ base64: base64(TEXT) }, 'startFrame')[0].message, /^startFrame\.base64 is not a PNG, JPEG, WebP or GIF image/);
  assert.match(validateFrame({ base64: base64(PDF) }, 'startFrame')[0].message, /PDF document/);
  assert.match(validateFrame({ base64: base64(PNG.subarray(0, PNG.length - 12)) }, 'startFrame')[0].message, /looks truncated/);
  // Over the limit is refused from the length alone, before decoding.
  const huge = 'A'.repeat(Math.ceil((MAX_IMAGE_BYTES + 3) / 3) * 4);
  assert.match(validateFrame({ base64: huge }, 'startFrame')[0].message, /^startFrame\.base64 decodes to [\d,]+ bytes; the limit is 10,485,760 bytes \(10\.0 MiB\)$/);
});
