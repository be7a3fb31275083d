import type { EvidenceType } from './file-types.js';
import { stripJpeg } from './strip-jpeg.js';
import { stripPng } from './strip-png.js';
import { stripWebp } from './strip-webp.js';

/**
 * The file as anyone will see it: photos without location, camera and time metadata. PDFs (staff
 * uploads of official notices) are kept as they are: they are documents the office itself issued.
 */
export function stripMetadata(type: EvidenceType, bytes: Uint8Array): Uint8Array {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    case 'application/pdf':
      return bytes;
  }
}
