/**
 * Evidence files: the type comes from the content, and photos lose their metadata (GPS position,
 * camera, comments, XMP) before anyone sees them. The images are made in the test (test/support/images).
 */
import { describe, expect, it } from 'vitest';
import { checkEvidenceFile, MAX_EVIDENCE_BYTES } from '../../functions/domain/evidence/evidence.js';
import { sniffType } from '../../functions/domain/evidence/file-types.js';
import { exifOrientation, stripJpeg } from '../../functions/domain/evidence/strip-jpeg.js';
import { stripPng } from '../../functions/domain/evidence/strip-png.js';
import { stripWebp } from '../../functions/domain/evidence/strip-webp.js';
import {
  CAMERA_MAKE,
  GPS_LATITUDE_BYTES,
  makeJpeg,
  makePng,
  makeWebp,
  XMP_MARKER,
} from '../support/images.js';

const contains = (haystack: Uint8Array, needle: Uint8Array | string) =>
  Buffer.from(haystack).includes(
    Buffer.from(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : needle),
  );

/** Nothing that locates or identifies: GPS rationals, camera make, XMP, comments. */
function expectNoMetadata(bytes: Uint8Array) {
  expect(contains(bytes, GPS_LATITUDE_BYTES)).toBe(false);
  expect(contains(bytes, CAMERA_MAKE)).toBe(false);
  expect(contains(bytes, XMP_MARKER)).toBe(false);
  expect(contains(bytes, 'GPSLatitude')).toBe(false);
  expect(contains(bytes, '29.5034N')).toBe(false);
}

describe('file type by content', () => {
  it.each([
    ['JPEG', makeJpeg(), 'image/jpeg'],
    ['PNG', makePng(), 'image/png'],
    ['WebP', makeWebp(), 'image/webp'],
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf'],
  ])('recognises %s from its first bytes', (_name, bytes, type) => {
    // Act / Assert
    expect(sniffType(bytes)).toBe(type);
  });

  it.each([
    ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00')],
    ['a RIFF that is not WebP (WAV)', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ')],
    ['empty', Buffer.alloc(0)],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffType(bytes)).toBeUndefined();
  });
});

describe('checkEvidenceFile', () => {
  it('refuses a non-photo whatever it is called; only staff may add a PDF', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n');
    expect(checkEvidenceFile(Buffer.from('<html>photo.jpg</html>'), 'citizen')).toEqual({
      ok: false,
      problem: 'EVIDENCE_TYPE',
    });
    expect(checkEvidenceFile(pdf, 'citizen')).toEqual({ ok: false, problem: 'EVIDENCE_TYPE' });
    expect(checkEvidenceFile(pdf, 'staff')).toMatchObject({ ok: true, type: 'application/pdf' });
  });

  it('refuses a file over 10 MB and an empty one', () => {
    const big = Buffer.concat([makeJpeg(), Buffer.alloc(MAX_EVIDENCE_BYTES)]);
    expect(checkEvidenceFile(big, 'citizen')).toEqual({ ok: false, problem: 'EVIDENCE_TOO_LARGE' });
    expect(checkEvidenceFile(Buffer.alloc(0), 'citizen')).toEqual({ ok: false, problem: 'EVIDENCE_EMPTY' });
  });

  it('refuses a photo whose structure is broken (truncated)', () => {
    const truncated = makePng().subarray(0, 40);
    expect(checkEvidenceFile(truncated, 'citizen')).toEqual({ ok: false, problem: 'EVIDENCE_UNREADABLE' });
  });

  it('returns the photo stripped', () => {
    const result = checkEvidenceFile(makeWebp({ metadata: true }), 'citizen');
    expect(result.ok).toBe(true);
    if (result.ok) expectNoMetadata(result.bytes);
  });
});

describe('JPEG stripping', () => {
  it('drops Exif (GPS, camera), XMP, Photoshop/IPTC and comments', () => {
    // Arrange
    const original = makeJpeg({ metadata: true });
    expect(contains(original, GPS_LATITUDE_BYTES)).toBe(true); // the fixture really carries them
    expect(contains(original, XMP_MARKER)).toBe(true);
    // Act
    const stripped = stripJpeg(original);
    // Assert
    expectNoMetadata(stripped);
    expect(contains(stripped, '8BIM')).toBe(false);
    expect(sniffType(stripped)).toBe('image/jpeg');
  });

  it('keeps only the orientation, in a fresh minimal Exif block', () => {
    const stripped = stripJpeg(makeJpeg({ metadata: true, orientation: 6 }));
    const app1 = Buffer.from(stripped).indexOf(Buffer.from([0xff, 0xe1]));
    const length = (stripped[app1 + 2] ?? 0) * 256 + (stripped[app1 + 3] ?? 0);
    const payload = stripped.subarray(app1 + 4, app1 + 2 + length);
    expect(exifOrientation(payload)).toBe(6);
    expect(length).toBe(34); // header + one IFD entry: nothing else fits
  });

  it('leaves a photo without metadata unchanged, and stripping twice changes nothing', () => {
    const plain = makeJpeg();
    expect(Buffer.from(stripJpeg(plain)).equals(plain)).toBe(true);
    const once = stripJpeg(makeJpeg({ metadata: true }));
    expect(Buffer.from(stripJpeg(once)).equals(Buffer.from(once))).toBe(true);
  });

  it('keeps the picture itself: the stripped file equals the same image made without metadata', () => {
    const stripped = stripJpeg(makeJpeg({ metadata: true, orientation: 1 }));
    expect(Buffer.from(stripped).equals(makeJpeg())).toBe(true);
  });
});

describe('PNG stripping', () => {
  it('drops eXIf, tEXt, iTXt (XMP) and tIME; keeps the image chunks byte for byte', () => {
    const original = makePng({ metadata: true });
    expect(contains(original, GPS_LATITUDE_BYTES)).toBe(true);
    const stripped = stripPng(original);
    expectNoMetadata(stripped);
    for (const chunk of ['eXIf', 'tEXt', 'iTXt', 'tIME']) expect(contains(stripped, chunk)).toBe(false);
    expect(Buffer.from(stripped).equals(makePng())).toBe(true);
  });

  it('drops bytes hidden after IEND', () => {
    const withTrailer = Buffer.concat([makePng(), Buffer.from('29.5034N 105.9012E')]);
    expect(Buffer.from(stripPng(withTrailer)).equals(makePng())).toBe(true);
  });
});

describe('WebP stripping', () => {
  it('drops EXIF and XMP chunks, clears their VP8X flags and fixes the RIFF size', () => {
    const original = makeWebp({ metadata: true });
    expect(contains(original, GPS_LATITUDE_BYTES)).toBe(true);
    const stripped = stripWebp(original);
    expectNoMetadata(stripped);
    expect(contains(stripped, 'EXIF')).toBe(false);
    const vp8x = Buffer.from(stripped).indexOf('VP8X');
    expect((stripped[vp8x + 8] ?? 0) & 0x0c).toBe(0);
    expect(Buffer.from(stripped).readUInt32LE(4)).toBe(stripped.length - 8);
  });

  it('leaves a simple WebP as it was', () => {
    expect(Buffer.from(stripWebp(makeWebp())).equals(makeWebp())).toBe(true);
  });
});
