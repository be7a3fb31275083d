/**
 * Keyed lookup hashes (查询索引): HMAC-SHA256 of a reporter's phone under a key only the runtime holds,
 * stored on the case as an index attribute so staff can find a caller's earlier cases. The table and
 * URLs carry only the hash; without the key it cannot be checked against a list of numbers. The same
 * key derives the id and access code of a case filed with an Idempotency-Key (see `derive`).
 *
 * Keys: locally a 32-byte file under DATA_DIR/keys (created 0600 on first start, like the reporter-data
 * key) or a random key per process (tests); on AWS derived at cold start from a KMS HMAC key
 * (GenerateMac over a fixed label, so every instance derives the same key and no secret is stored).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KMSClient } from '@aws-sdk/client-kms';
import { phoneLookupForm } from '../../domain/phone-lookup.js';
import type { LookupKeys } from '../../services/ports.js';

type KeySource = Uint8Array | (() => Promise<Uint8Array>);

export function createLookupKeys(source: KeySource): LookupKeys {
  let pending: Promise<Uint8Array> | undefined;
  const key = async () => {
    if (source instanceof Uint8Array) return source;
    pending ??= source().catch((e) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
  return {
    async phone(phone) {
      const form = phoneLookupForm(phone);
      return createHmac('sha256', await key())
        .update(`phone\0${form}`)
        .digest('base64url');
    },
    async derive(purpose, input) {
      const k = await key();
      let block = 0;
      let buffered = Buffer.alloc(0);
      return (n) => {
        while (buffered.length < n) {
          const next = createHmac('sha256', k).update(`${purpose}\0${block++}\0${input}`).digest();
          buffered = Buffer.concat([buffered, next]);
        }
        const out = new Uint8Array(buffered.subarray(0, n));
        buffered = buffered.subarray(n);
        return out;
      };
    },
  };
}

export function localLookupKey(keyFile: string): Uint8Array {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
  }
  return new Uint8Array(readFileSync(keyFile));
}

/** The lookup key derived from a KMS HMAC key (HMAC_SHA_256 over a fixed label). */
export function kmsLookupKey(kms: KMSClient, keyId: string): () => Promise<Uint8Array> {
  return async () => {
    // Loaded on first use: the citizen function's cold start should not load the KMS client.
    const { GenerateMacCommand } = await import('@aws-sdk/client-kms');
    const res = await kms.send(
      new GenerateMacCommand({
        KeyId: keyId,
        MacAlgorithm: 'HMAC_SHA_256',
        Message: Buffer.from('duban-lookup-key/v1', 'utf8'),
      }),
    );
    if (res.Mac?.length !== 32) throw new Error('KMS returned no 32-byte MAC for the lookup key');
    return res.Mac;
  };
}
