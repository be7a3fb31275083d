/**
 * Real, small images made from scratch for tests — a JPEG, a PNG and a WebP that browsers decode —
 * each optionally carrying the metadata phones write: Exif with GPS position and camera make,
 * XMP with a location, free-text comments.
 */
import { crc32, deflateSync } from 'node:zlib';

const text = (s: string) => Buffer.from(s, 'latin1');
const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

/** Latitude 29°30'12.34"N as Exif rationals: bytes a stripped file must no longer contain. */
export const GPS_LATITUDE_BYTES = Buffer.from([
  ...be32(29),
  ...be32(1),
  ...be32(30),
  ...be32(1),
  ...be32(1234),
  ...be32(100),
]);
export const CAMERA_MAKE = 'DubanCam';
export const XMP_MARKER = 'x:xmpmeta';

/** Exif (big-endian TIFF): IFD0 with Make, Orientation and a GPS IFD holding a latitude. */
export function exifTiff(orientation = 6): Buffer {
  const make = text(`${CAMERA_MAKE}\0`);
  const ifd0At = 8;
  const ifd0Len = 2 + 3 * 12 + 4;
  const makeAt = ifd0At + ifd0Len;
  const gpsAt = makeAt + make.length;
  const gpsLen = 2 + 2 * 12 + 4;
  const ratAt = gpsAt + gpsLen;
  return Buffer.from([
    ...text('MM'),
    0,
    42,
    ...be32(ifd0At),
    ...be16(3),
    ...[...be16(0x010f), ...be16(2), ...be32(make.length), ...be32(makeAt)],
    ...[...be16(0x0112), ...be16(3), ...be32(1), ...be16(orientation), 0, 0],
    ...[...be16(0x8825), ...be16(4), ...be32(1), ...be32(gpsAt)],
    ...be32(0),
    ...make,
    ...be16(2),
    ...[...be16(0x0001), ...be16(2), ...be32(2), ...text('N\0\0\0')],
    ...[...be16(0x0002), ...be16(5), ...be32(3), ...be32(ratAt)],
    ...be32(0),
    ...GPS_LATITUDE_BYTES,
  ]);
}

export const xmpPacket = () =>
  text(
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
      `<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="29,30.2057N"/></rdf:RDF></x:xmpmeta>`,
  );

function segment(marker: number, payload: Buffer) {
  return Buffer.from([0xff, marker, ...be16(payload.length + 2), ...payload]);
}

/**
 * A baseline greyscale JPEG of w×h (multiples of 8), mid-grey: every block has DC difference 0 and
 * only an end-of-block, coded with one-symbol Huffman tables.
 */
export function makeJpeg(
  opts: { width?: number; height?: number; metadata?: boolean; orientation?: number } = {},
) {
  const w = opts.width ?? 16;
  const h = opts.height ?? 16;
  const blocks = (w / 8) * (h / 8);
  const bits = blocks * 2; // '0' DC category 0 + '0' EOB per block
  const data = new Uint8Array(Math.ceil(bits / 8));
  if (bits % 8) data[data.length - 1] = 0xff >> (bits % 8); // pad with 1s
  const meta = opts.metadata
    ? [
        segment(0xe1, Buffer.concat([text('Exif\0\0'), exifTiff(opts.orientation ?? 6)])),
        segment(0xe1, Buffer.concat([text('http://ns.adobe.com/xap/1.0/\0'), xmpPacket()])),
        segment(0xed, text('Photoshop 3.0\0 8BIM location 29.50N')),
        segment(0xfe, text('taken at 29.5034N 105.9012E')),
      ]
    : [];
  const table = (cls: number) => Buffer.from([cls, 1, ...new Array(15).fill(0), 0]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from([...text('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0])),
    ...meta,
    segment(0xdb, Buffer.from([0, ...new Array(64).fill(1)])),
    segment(0xc0, Buffer.from([8, ...be16(h), ...be16(w), 1, 1, 0x11, 0])),
    segment(0xc4, table(0x00)),
    segment(0xc4, table(0x10)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from(data),
    Buffer.from([0xff, 0xd9]),
  ]);
}

function pngChunk(type: string, data: Buffer) {
  const typeAndData = Buffer.concat([text(type), data]);
  return Buffer.concat([Buffer.from(be32(data.length)), typeAndData, Buffer.from(be32(crc32(typeAndData)))]);
}

/** An RGB PNG of w×h in one colour; with metadata: eXIf, tEXt, iTXt (XMP) and tIME chunks. */
export function makePng(opts: { width?: number; height?: number; metadata?: boolean } = {}) {
  const w = opts.width ?? 4;
  const h = opts.height ?? 4;
  const row = Buffer.from([0, ...new Array(w).fill([200, 60, 40]).flat()]);
  const meta = opts.metadata
    ? [
        pngChunk('eXIf', exifTiff()),
        pngChunk('tEXt', text('Comment\0taken at 29.5034N 105.9012E')),
        pngChunk('iTXt', Buffer.concat([text('XML:com.adobe.xmp\0\0\0\0\0'), xmpPacket()])),
        pngChunk('tIME', Buffer.from([...be16(2026), 3, 1, 9, 30, 0])),
      ]
    : [];
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', Buffer.from([...be32(w), ...be32(h), 8, 2, 0, 0, 0])),
    ...meta,
    pngChunk('IDAT', deflateSync(Buffer.concat(new Array(h).fill(row)))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Bits written least-significant first, as VP8L reads them. */
function bitWriter() {
  const bytes: number[] = [];
  let acc = 0;
  let n = 0;
  return {
    put(value: number, count: number) {
      for (let i = 0; i < count; i++) {
        acc |= ((value >> i) & 1) << n;
        if (++n === 8) {
          bytes.push(acc);
          acc = 0;
          n = 0;
        }
      }
    },
    done: () => Buffer.from(n ? [...bytes, acc] : bytes),
  };
}

const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];

function riffChunk(type: string, data: Buffer) {
  return Buffer.concat([text(type), Buffer.from(le32(data.length)), data, Buffer.alloc(data.length % 2)]);
}

/**
 * A lossless WebP (VP8L) of w×h in one colour: five one-symbol prefix codes, so each pixel costs no
 * bits. With metadata it is an extended WebP (VP8X) with EXIF and XMP chunks.
 */
export function makeWebp(opts: { width?: number; height?: number; metadata?: boolean } = {}) {
  const w = opts.width ?? 4;
  const h = opts.height ?? 4;
  const bw = bitWriter();
  bw.put(0x2f, 8);
  bw.put(w - 1, 14);
  bw.put(h - 1, 14);
  bw.put(0, 1); // no alpha
  bw.put(0, 3); // version
  bw.put(0, 1); // no transform
  bw.put(0, 1); // no colour cache
  bw.put(0, 1); // no meta prefix codes
  for (const symbol of [60, 200, 40, 255, 0]) {
    // green, red, blue, alpha, distance
    bw.put(1, 1); // simple code
    bw.put(0, 1); // one symbol
    const wide = symbol > 1 ? 1 : 0;
    bw.put(wide, 1);
    bw.put(symbol, wide ? 8 : 1);
  }
  const vp8l = riffChunk('VP8L', bw.done());
  const chunks = opts.metadata
    ? [
        riffChunk('VP8X', Buffer.from([0x08 | 0x04, 0, 0, 0, ...le24(w - 1), ...le24(h - 1)])),
        vp8l,
        riffChunk('EXIF', exifTiff()),
        riffChunk('XMP ', xmpPacket()),
      ]
    : [vp8l];
  const body = Buffer.concat([text('WEBP'), ...chunks]);
  return Buffer.concat([text('RIFF'), Buffer.from(le32(body.length)), body]);
}
