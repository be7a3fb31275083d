import { InvalidImageError } from './invalid-image.js';
import { concat } from './strip-jpeg.js';

/**
 * Chunks that describe how to draw the picture; everything else is dropped: eXIf (Exif with GPS),
 * tEXt / zTXt / iTXt (free text, XMP), tIME, and any private chunk. Data after IEND is dropped too.
 */
const RENDERING_CHUNKS = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCV',
  'cLLI',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

const SIGNATURE_LENGTH = 8;

export function stripPng(b: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [b.subarray(0, SIGNATURE_LENGTH)];
  let i = SIGNATURE_LENGTH;
  let first = true;
  while (i + 12 <= b.length) {
    const length =
      (((b[i] ?? 0) << 24) >>> 0) + ((b[i + 1] ?? 0) << 16) + ((b[i + 2] ?? 0) << 8) + (b[i + 3] ?? 0);
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    const end = i + 12 + length;
    if (end > b.length) throw new InvalidImageError('PNG chunk overruns the file');
    if (first && type !== 'IHDR') throw new InvalidImageError('PNG without IHDR');
    first = false;
    if (RENDERING_CHUNKS.has(type)) kept.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') return concat(kept);
  }
  throw new InvalidImageError('PNG without IEND');
}
