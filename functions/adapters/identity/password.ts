import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../../services/staff-ports.js';

/** scrypt with N=2^15: a slow, salted hash for staff passwords (tens of ms per check). */
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, PARAMS, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${PARAMS.N}$${salt.toString('base64')}$${(await derive(password, salt)).toString('base64')}`;
}

/** A hash no password matches: checked for unknown users so they take as long as known ones. */
export const DUMMY_PASSWORD_HASH = `scrypt$${PARAMS.N}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, , saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await derive(password, Buffer.from(saltB64, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The scrypt hasher the staff-accounts service uses for local accounts. */
export const scryptPasswords: PasswordHasher = {
  hash: hashPassword,
  verify: verifyPassword,
  unmatchable: DUMMY_PASSWORD_HASH,
};
