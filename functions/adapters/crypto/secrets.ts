import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Secrets } from '../../services/ports.js';

/**
 * Access codes are ~50 bits of randomness, salted and hashed (SHA-256). A slow hash would add nothing
 * here: whoever holds the table already holds everything the access code unlocks (the public view),
 * while reporter data stays encrypted; online guessing is stopped by the code's entropy and rate limits.
 */
function hash(code: string, salt: Buffer): Buffer {
  return createHash('sha256').update(salt).update(code, 'utf8').digest();
}

export function createSecrets(): Secrets {
  return {
    randomBytes: (n) => randomBytes(n),
    async hashAccessCode(code) {
      const salt = randomBytes(16);
      return `${salt.toString('base64')}$${hash(code, salt).toString('base64')}`;
    },
    async verifyAccessCode(code, stored) {
      const [saltB64, hashB64] = stored.split('$');
      const expected = Buffer.from(hashB64 ?? '', 'base64');
      const actual = hash(code, Buffer.from(saltB64 ?? '', 'base64'));
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
    digest: (text) => createHash('sha256').update(text, 'utf8').digest('base64url'),
  };
}
