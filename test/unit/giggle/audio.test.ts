import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_AUDIO_BYTES, audioContentProblem, audioSizeProblem, detectAudioType } from '../../../src/giggle/audio';

const bytes = (text: string, ...extra: number[]) => new Uint8Array([...Buffer.from(text, 'latin1'), ...extra]);

test('a song is told by its bytes: MP3 (ID3 tag or frame sync), WAV, OGG, FLAC', () => {
  assert.equal(detectAudioType(bytes('ID3\x04\x00')), 'audio/mpeg');
  assert.equal(detectAudioType(new Uint8Array([0xff, 0xfb, 0x90, 0x00])), 'audio/mpeg');
  assert.equal(detectAudioType(new Uint8Array([0xff, 0xf3, 0x90, 0x00])), 'audio/mpeg');
  assert.equal(detectAudioType(bytes('RIFF\x24\x00\x00\x00WAVEfmt ')), 'audio/wav');
  assert.equal(detectAudioType(bytes('OggS\x00\x02')), 'audio/ogg');
  assert.equal(detectAudioType(bytes('fLaC\x00\x00')), 'audio/flac');
});

test('what only looks like a song is refused: a WebP (RIFF but not WAVE), a JPEG (FF D8), reserved MPEG layer, text', () => {
  assert.equal(detectAudioType(bytes('RIFF\x24\x00\x00\x00WEBPVP8 ')), undefined);
  assert.equal(detectAudioType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), undefined);
  assert.equal(detectAudioType(new Uint8Array([0xff, 0xe0, 0x00, 0x00])), undefined);
  assert.equal(detectAudioType(bytes('just some text.mp3')), undefined);
  assert.equal(detectAudioType(new Uint8Array()), undefined);
  assert.match(audioContentProblem(bytes('%PDF-1.7')) ?? '', /not an MP3, WAV, OGG or FLAC file/);
  assert.equal(audioContentProblem(bytes('fLaC')), undefined);
});

test('size is checked before reading: empty and over-limit files are named with their size and the limit', () => {
  assert.match(audioSizeProblem(0) ?? '', /empty/);
  assert.equal(audioSizeProblem(MAX_AUDIO_BYTES), undefined);
  assert.match(audioSizeProblem(MAX_AUDIO_BYTES + 1) ?? '', /50\.0 MB.*at most 50 MB/);
  assert.match(audioSizeProblem(3 * 1048576, 2 * 1048576) ?? '', /3\.0 MB.*at most 2 MB/);
});
