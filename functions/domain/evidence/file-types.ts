/**
 * What a file is, decided by its first bytes (magic numbers) — never by its name or the type a
 * browser declared: a page saved as `photo.jpg` is still HTML, and must be refused as such.
 */

export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const evidenceTypes = [...photoTypes, 'application/pdf'] as const;
export type EvidenceType = (typeof evidenceTypes)[number];

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The evidence type of `bytes`, or undefined when it is none of the accepted ones. */
export function sniffType(bytes: Uint8Array): EvidenceType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}

export const isPhotoType = (t: string): t is (typeof photoTypes)[number] =>
  (photoTypes as readonly string[]).includes(t);

/** File name extension for downloads. */
export const extensionFor: Record<EvidenceType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};
