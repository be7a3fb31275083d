import { InvalidImageError } from './invalid-image.js';
import { concat } from './strip-jpeg.js';

/** WebP chunks that make the picture; EXIF, XMP and unknown chunks are dropped. */
const RENDERING_CHUNKS = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

const u32le = (b: Uint8Array, o: number) =>
  ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;

/** WebP (RIFF) without EXIF and XMP chunks; the VP8X flags and the RIFF size are corrected. */
export function stripWebp(b: Uint8Array): Uint8Array {
  const riffEnd = Math.min(b.length, 8 + u32le(b, 4));
  const kept: Uint8Array[] = [];
  let hasImage = false;
  let i = 12;
  while (i + 8 <= riffEnd) {
    const type = String.fromCharCode(...b.subarray(i, i + 4));
    const size = u32le(b, i + 4);
    const end = i + 8 + size + (size % 2); // chunks are padded to an even size
    if (i + 8 + size > riffEnd) throw new InvalidImageError('WebP chunk overruns the file');
    if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') hasImage = true;
    if (RENDERING_CHUNKS.has(type)) {
      const chunk = Uint8Array.from(b.subarray(i, Math.min(end, riffEnd)));
      if (type === 'VP8X' && chunk.length > 8) chunk[8] = (chunk[8] ?? 0) & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
      kept.push(chunk.length % 2 ? concat([chunk, new Uint8Array(1)]) : chunk);
    }
    i = end;
  }
  if (!hasImage) throw new InvalidImageError('WebP without image data');
  const body = concat(kept);
  const header = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}
