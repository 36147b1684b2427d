/**
 * Image sniffing by magic bytes: type, dimensions, and whether the file is
 * complete. File extensions lie (a PDF renamed .png) and a half-written file
 * would cost credits for a broken frame, so the bytes decide.
 */

import * as l10n from '@vscode/l10n';

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

export interface ImageInfo {
  mime: ImageMime;
  width?: number;
  height?: number;
  /** Size of the file in bytes. */
  bytes: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The IEND chunk is always the same 12 bytes: length 0, type, CRC. */
const PNG_IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

export function detectImageType(bytes: Uint8Array): ImageMime | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
  const mime = detectImageType(bytes);
  if (!mime) return undefined;
  const size = mime === 'image/png' ? pngSize(bytes)
    : mime === 'image/jpeg' ? jpegSize(bytes)
    : mime === 'image/gif' ? gifSize(bytes)
    : webpSize(bytes);
  return { mime, ...size, bytes: bytes.length };
}

/**
 * Why the file looks cut short, or undefined when it looks complete. Checks
 * structure only (no decoding): enough to catch a file copied while still
 * being written or a download that stopped early.
 */
export function truncationProblem(bytes: Uint8Array, mime: ImageMime): string | undefined {
  switch (mime) {
    case 'image/png':
      // Signature (8) + IHDR length/type (8) + IHDR data (13) + CRC (4).
      if (bytes.length < 33 || ascii(bytes, 12, 16) !== 'IHDR' || u32be(bytes, 8) !== 13) return l10n.t('its IHDR header chunk is incomplete');
      if (!endsWith(bytes, PNG_IEND)) return l10n.t('it does not end with an IEND chunk');
      return undefined;
    case 'image/jpeg':
      // Some encoders pad after the EOI marker; zero padding is harmless.
      return endsWith(trimTrailingZeros(bytes), [0xff, 0xd9]) ? undefined : l10n.t('it does not end with the JPEG end-of-image marker (FFD9)');
    case 'image/gif':
      if (bytes.length < 13) return l10n.t('its header is incomplete');
      return endsWith(trimTrailingZeros(bytes), [0x3b]) ? undefined : l10n.t('it does not end with the GIF trailer');
    case 'image/webp': {
      // RIFF size counts everything after the first 8 bytes.
      const riffSize = bytes.length >= 8 ? u32le(bytes, 4) : 0;
      return bytes.length >= 8 + riffSize && bytes.length >= 20 ? undefined : l10n.t('it is shorter than its RIFF header says');
    }
  }
}

function pngSize(b: Uint8Array): { width?: number; height?: number } {
  if (b.length < 24 || ascii(b, 12, 16) !== 'IHDR') return {};
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function jpegSize(b: Uint8Array): { width?: number; height?: number } {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return {};
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Standalone markers have no length field.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2;
      continue;
    }
    // End of image or start of scan before any frame header: no size to read.
    if (marker === 0xd9 || marker === 0xda) return {};
    const length = u16be(b, i + 2);
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC) which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return {};
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + length;
  }
  return {};
}

function gifSize(b: Uint8Array): { width?: number; height?: number } {
  if (b.length < 10) return {};
  return { width: u16le(b, 6), height: u16le(b, 8) };
}

function webpSize(b: Uint8Array): { width?: number; height?: number } {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ' && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    // Lossy: 14-bit sizes after the 3-byte start code; the top 2 bits are scaling.
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    // Lossless: after the 0x2f signature, two 14-bit fields hold width-1 and height-1.
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    // Extended: flags (1) + reserved (3), then 24-bit canvas width-1 and height-1.
    return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  }
  return {};
}

function startsWith(b: Uint8Array, prefix: readonly number[]): boolean {
  return b.length >= prefix.length && prefix.every((value, i) => b[i] === value);
}

function endsWith(b: Uint8Array, suffix: readonly number[]): boolean {
  const offset = b.length - suffix.length;
  return offset >= 0 && suffix.every((value, i) => b[offset + i] === value);
}

function trimTrailingZeros(b: Uint8Array): Uint8Array {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  return b.subarray(0, end);
}

function ascii(b: Uint8Array, start: number, end: number): string {
  if (b.length < end) return '';
  return String.fromCharCode(...b.subarray(start, end));
}

function u16be(b: Uint8Array, i: number): number {
  return (b[i] << 8) | b[i + 1];
}

function u16le(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}

function u24le(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
}

function u32be(b: Uint8Array, i: number): number {
  return ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
}

function u32le(b: Uint8Array, i: number): number {
  return ((b[i + 3] << 24) >>> 0) + ((b[i + 2] << 16) | (b[i + 1] << 8) | b[i]);
}
