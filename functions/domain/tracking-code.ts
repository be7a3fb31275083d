/**
 * Tracking codes (受理编号) and access codes (查询码).
 *
 * Both use an alphabet without the pairs people confuse when reading over the phone (0/O, 1/I/L),
 * so a hotline operator can read a code back and a citizen can type it without ambiguity.
 */

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const TRACKING_BODY_LENGTH = 10; // 31^10 ≈ 8·10^14 codes
const ACCESS_CODE_LENGTH = 10; // ≈ 50 bits of secret

/** Draws `n` symbols from CODE_ALPHABET using rejection sampling over the given random bytes source. */
export function randomCode(length: number, randomBytes: (n: number) => Uint8Array): string {
  const limit = 256 - (256 % CODE_ALPHABET.length); // reject bytes that would bias the distribution
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit && out.length < length) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
    }
  }
  return out;
}

/** A new case id: 10 symbols, the canonical form stored in keys (no separators). */
export function newCaseId(randomBytes: (n: number) => Uint8Array): string {
  return randomCode(TRACKING_BODY_LENGTH, randomBytes);
}

export function newAccessCode(randomBytes: (n: number) => Uint8Array): string {
  return randomCode(ACCESS_CODE_LENGTH, randomBytes);
}

/** Display form, grouped for reading aloud: `ABCDE-FGHJK`. */
export function formatTrackingCode(caseId: string): string {
  return `${caseId.slice(0, 5)}-${caseId.slice(5)}`;
}

/**
 * Canonical form of what a person typed: case, spaces and hyphens ignored. Returns undefined when the
 * input cannot be a tracking code (wrong length or a symbol outside the alphabet).
 */
export function normalizeTrackingCode(input: string): string | undefined {
  const s = input.toUpperCase().replace(/[\s\-_]/g, '');
  if (s.length !== TRACKING_BODY_LENGTH) return undefined;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return undefined;
  return s;
}

/** Same leniency for access codes (they are typed, too). */
export function normalizeAccessCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-_]/g, '');
}
