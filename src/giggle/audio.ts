/**
 * The user's own song for a music video (music_generate_type `upload`): the
 * bytes decide what it is, not the file name, and only the four formats
 * Giggle's upload script sends as audio are accepted
 * (skills/giggle-files-management/scripts/upload.sh: mp3, wav, ogg, flac).
 */
import * as l10n from '@vscode/l10n';

export type AudioMime = 'audio/mpeg' | 'audio/wav' | 'audio/ogg' | 'audio/flac';

/** A song is uploaded whole in one PUT; beyond this it is almost surely not a song (or the wrong file). */
export const MAX_AUDIO_BYTES = 50 * 1024 * 1024;

export function detectAudioType(bytes: Uint8Array): AudioMime | undefined {
  if (ascii(bytes, 0, 3) === 'ID3') return 'audio/mpeg';
  // An MP3 without a tag starts with a frame: 11 sync bits, then a layer that is not "reserved" (00).
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) !== 0) return 'audio/mpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(bytes, 0, 4) === 'fLaC') return 'audio/flac';
  return undefined;
}

/** Why a file of this size cannot be the song (checked before it is read), or undefined. */
export function audioSizeProblem(size: number, max = MAX_AUDIO_BYTES): string | undefined {
  if (size === 0) return l10n.t('the file is empty');
  if (size > max) return l10n.t('the file is {0} MB; a song for a music video may be at most {1} MB', (size / 1048576).toFixed(1), Math.round(max / 1048576));
  return undefined;
}

/** Why these bytes are not a song Giggle takes, or undefined. */
export function audioContentProblem(bytes: Uint8Array): string | undefined {
  return detectAudioType(bytes) ? undefined : l10n.t('it is not an MP3, WAV, OGG or FLAC file (checked by its content, not its name)');
}

function ascii(b: Uint8Array, start: number, end: number): string {
  if (b.length < end) return '';
  return String.fromCharCode(...b.subarray(start, end));
}
