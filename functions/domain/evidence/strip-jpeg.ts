import { InvalidImageError } from './invalid-image.js';

/**
 * JPEG without metadata: APP1 (Exif with GPS, camera, times; XMP), APP13 (Photoshop/IPTC), the other
 * application segments and comments are dropped. Kept: JFIF (APP0), the ICC colour profile (APP2
 * `ICC_PROFILE`), Adobe (APP14, needed to decode CMYK/YCCK) and everything that codes the picture.
 * The one Exif tag kept is Orientation, rewritten into a fresh minimal Exif block, so a phone photo
 * taken sideways is not shown sideways after stripping.
 */
export function stripJpeg(b: Uint8Array): Uint8Array {
  if (b[0] !== 0xff || b[1] !== 0xd8) throw new InvalidImageError('not a JPEG');
  const kept: Uint8Array[] = [];
  let orientation: number | undefined;
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) throw new InvalidImageError('JPEG marker expected');
    while (b[i + 1] === 0xff) i++; // fill bytes
    const marker = b[i + 1];
    if (marker === undefined) throw new InvalidImageError('JPEG truncated');
    if (marker === 0xd9) {
      kept.push(b.subarray(i, i + 2)); // EOI: anything after it is dropped
      return assemble(kept, orientation);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(b.subarray(i, i + 2)); // standalone markers
      i += 2;
      continue;
    }
    const length = ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
    const end = i + 2 + length;
    if (length < 2 || end > b.length) throw new InvalidImageError('JPEG segment overruns the file');
    const payload = b.subarray(i + 4, end);
    if (marker === 0xe1) orientation ??= exifOrientation(payload);
    if (keepSegment(marker, payload)) kept.push(b.subarray(i, end));
    i = end;
    if (marker === 0xda) {
      // Entropy-coded scan data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      let k = i;
      while (k < b.length) {
        const next = b[k + 1];
        if (b[k] === 0xff && next !== undefined && next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
        k++;
      }
      kept.push(b.subarray(i, k));
      i = k;
    }
  }
  throw new InvalidImageError('JPEG without end marker');
}

const startsWithText = (payload: Uint8Array, text: string) =>
  payload.length >= text.length && [...text].every((c, i) => payload[i] === c.charCodeAt(0));

function keepSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === 0xfe) return false; // COM
  if (marker < 0xe0 || marker > 0xef) return true; // tables, frame, scan headers
  if (marker === 0xe0) return true; // JFIF
  if (marker === 0xe2) return startsWithText(payload, 'ICC_PROFILE\0');
  if (marker === 0xee) return startsWithText(payload, 'Adobe');
  return false;
}

/** Orientation (tag 0x0112) from an Exif APP1 payload, if present and valid (1–8). */
export function exifOrientation(payload: Uint8Array): number | undefined {
  if (!startsWithText(payload, 'Exif\0\0')) return undefined;
  const t = payload.subarray(6);
  const little = t[0] === 0x49 && t[1] === 0x49;
  if (!little && !(t[0] === 0x4d && t[1] === 0x4d)) return undefined;
  const u16 = (o: number) =>
    o + 2 > t.length
      ? 0
      : little
        ? (t[o] ?? 0) | ((t[o + 1] ?? 0) << 8)
        : ((t[o] ?? 0) << 8) | (t[o + 1] ?? 0);
  const u32 = (o: number) => (little ? u16(o) + u16(o + 2) * 65536 : u16(o) * 65536 + u16(o + 2));
  const ifd = u32(4);
  const count = u16(ifd);
  for (let n = 0; n < count; n++) {
    const entry = ifd + 2 + n * 12;
    if (entry + 12 > t.length) return undefined;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** APP1 holding only an Orientation tag (big-endian TIFF, one IFD entry). */
export function orientationSegment(orientation: number): Uint8Array {
  const body = [
    ...[0x45, 0x78, 0x69, 0x66, 0, 0], // "Exif\0\0"
    ...[0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], // TIFF header, IFD0 at 8
    ...[0, 1], // one entry
    ...[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0], // Orientation, SHORT, 1 value
    ...[0, 0, 0, 0], // no next IFD
  ];
  const length = body.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...body]);
}

function assemble(kept: Uint8Array[], orientation: number | undefined): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.from([0xff, 0xd8])];
  // The Orientation block goes after JFIF (which must come first when present).
  const first = kept[0];
  const jfifFirst = first !== undefined && first[1] === 0xe0;
  if (jfifFirst) parts.push(first);
  if (orientation !== undefined && orientation !== 1) parts.push(orientationSegment(orientation));
  parts.push(...(jfifFirst ? kept.slice(1) : kept));
  return concat(parts);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
