/**
 * Sealed paging cursors. A cursor is the store's position (a DynamoDB LastEvaluatedKey, or one per
 * partition for merged lists) encrypted and authenticated with AES-256-GCM under a key only the
 * runtime holds, bound to the query it came from (the scope is the GCM associated data). A client can
 * hand back only a cursor this service issued for the same query: anything else — forged, truncated,
 * from another list or another key — is a 400 naming `cursor`, never a store error.
 *
 * Format: `1.` + base64url(iv ‖ ciphertext ‖ tag). The leading version lets the format change later
 * while old cursors still answer 400 rather than being misread.
 *
 * Keys: locally a 32-byte file under DATA_DIR/keys (created 0600 on first start, like the reporter-data
 * key) or a random key per process (tests); on AWS the key is derived at cold start from a KMS HMAC key
 * (GenerateMac over a fixed label — deterministic, so every Lambda instance derives the same key and no
 * secret is stored anywhere; see `kmsCursorKey`).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { KMSClient } from '@aws-sdk/client-kms';
import { validationError } from '../../services/errors.js';

const VERSION = '1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SHAPE = /^1\.[A-Za-z0-9_-]{38,}$/;

export interface CursorSealer {
  /** Seals a position for the query named by `scope`. */
  seal(scope: string, position: unknown): Promise<string>;
  /** The position sealed for `scope`, or a 400 (`cursor`) for anything this service did not issue. */
  open(scope: string, cursor: string): Promise<unknown>;
}

export const badCursor = () =>
  validationError([{ path: 'cursor', message: 'is not a cursor this API returned for this list' }]);

/** `key` resolves to 32 bytes; it is fetched once (and again only after a failure). */
export function createCursorSealer(key: Uint8Array | (() => Promise<Uint8Array>)): CursorSealer {
  let pending: Promise<Uint8Array> | undefined;
  const getKey = async () => {
    if (key instanceof Uint8Array) return key;
    pending ??= key().catch((err) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
  const aad = (scope: string) => Buffer.from(`duban-cursor/v${VERSION}/${scope}`, 'utf8');

  return {
    async seal(scope, position) {
      const k = await getKey();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      cipher.setAAD(aad(scope));
      const body = Buffer.concat([cipher.update(JSON.stringify(position), 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    async open(scope, cursor) {
      if (!SHAPE.test(cursor)) throw badCursor();
      const k = await getKey();
      const raw = Buffer.from(cursor.slice(2), 'base64url');
      if (raw.length <= IV_BYTES + TAG_BYTES) throw badCursor();
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, raw.subarray(0, IV_BYTES));
        decipher.setAAD(aad(scope));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const clear = Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]);
        return JSON.parse(clear.toString('utf8'));
      } catch {
        throw badCursor();
      }
    },
  };
}

/** A DynamoDB key (string attributes only, as all of ours are) — or a 400. */
export function asStoreKey(value: unknown): Record<string, AttributeValue> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badCursor();
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 || entries.length > 6) throw badCursor();
  for (const [, v] of entries) {
    const s = (v as { S?: unknown } | null)?.S;
    if (typeof s !== 'string' || Object.keys(v as object).length !== 1) throw badCursor();
  }
  return value as Record<string, AttributeValue>;
}

/** Random key for a process that keeps no data (tests, in-memory runtime). */
export const ephemeralCursorKey = () => new Uint8Array(randomBytes(32));

/** 32-byte key file, created with mode 0600 (directory 0700) if missing. */
export function localCursorKey(keyFile: string): Uint8Array {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  chmodSync(keyFile, 0o600);
  const key = readFileSync(keyFile);
  if (key.length !== 32) throw new Error(`${keyFile} is not a 32-byte key`);
  return new Uint8Array(key);
}

/**
 * On AWS: HMAC-SHA-256 of a fixed label under a KMS HMAC key (CURSOR_KEY_ID). The same on every instance,
 * never stored; one KMS call per cold start. Retiring the KMS key invalidates outstanding cursors (a 400,
 * and the client starts the list again).
 */
export function kmsCursorKey(kms: KMSClient, keyId: string): () => Promise<Uint8Array> {
  return async () => {
    // Loaded here, not at the top: every function seals cursors, only those that page lists derive
    // the key, and the citizen function's cold start should not load the KMS client (see infra/bundle.ts).
    const { GenerateMacCommand } = await import('@aws-sdk/client-kms');
    const res = await kms.send(
      new GenerateMacCommand({
        KeyId: keyId,
        MacAlgorithm: 'HMAC_SHA_256',
        Message: Buffer.from(`duban-cursor-key/v${VERSION}`, 'utf8'),
      }),
    );
    if (res.Mac?.length !== 32) throw new Error('KMS returned no 32-byte MAC for the cursor key');
    return res.Mac;
  };
}
