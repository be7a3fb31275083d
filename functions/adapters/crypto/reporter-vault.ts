/**
 * Encryption of reporter personal data (举报人信息) with the AWS Encryption SDK.
 * AWS: a KMS keyring (the key lives in the stateful stack). Locally: a raw AES-256 keyring whose key
 * is a file under DATA_DIR, created on first start and never committed.
 *
 * A reporter's fields are sealed together as one message (format 2, `envelope`): one data key and
 * one header per complaint instead of one per field. Cases stored before hold one message per field
 * (format 1) and still open. The encryption context binds every ciphertext to its case and field
 * (`reporter` for the envelope): a ciphertext copied onto another case, or into another field, fails
 * to decrypt.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  type KeyringNode,
  KmsKeyringNode,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
} from '@aws-crypto/client-node';
import { type ReporterContact, SEALED_IN_ENVELOPE, type SealedReporter } from '../../domain/case.js';
import type { ReporterVault } from '../../services/ports.js';

const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
/**
 * Key-committing AES-256-GCM without the ECDSA message signature: the same service encrypts and
 * decrypts, so a signature (several ms per field) would guard against no one.
 */
const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;
const FIELDS = ['name', 'phone', 'email'] as const;
/** Encryption-context field of the one message holding all of a reporter's fields (format 2). */
const ENVELOPE = 'reporter';

export function createReporterVault(keyring: KeyringNode): ReporterVault {
  const sealField = async (caseId: string, field: string, clear: string) => {
    const { result } = await encrypt(keyring, Buffer.from(clear, 'utf8'), {
      encryptionContext: { purpose: 'duban-reporter', caseId, field },
      suiteId: SUITE,
    });
    return result.toString('base64');
  };
  const openField = async (caseId: string, field: string, sealed: string) => {
    const { plaintext, messageHeader } = await decrypt(keyring, Buffer.from(sealed, 'base64'));
    const ctx = messageHeader.encryptionContext;
    if (ctx.caseId !== caseId || ctx.field !== field || ctx.purpose !== 'duban-reporter') {
      throw new Error('ciphertext does not belong to this case field');
    }
    return plaintext.toString('utf8');
  };
  return {
    async seal(caseId, reporter) {
      const present = FIELDS.filter((f) => reporter[f]);
      if (present.length === 0) return {};
      const clear = Object.fromEntries(present.map((f) => [f, reporter[f]]));
      const out: SealedReporter = { envelope: await sealField(caseId, ENVELOPE, JSON.stringify(clear)) };
      for (const f of present) out[f] = SEALED_IN_ENVELOPE;
      return out;
    },
    async open(caseId, sealed) {
      if (sealed.envelope) {
        const clear = JSON.parse(await openField(caseId, ENVELOPE, sealed.envelope)) as ReporterContact;
        return Object.fromEntries(FIELDS.flatMap((f) => (clear[f] ? [[f, clear[f]]] : [])));
      }
      const out: ReporterContact = {};
      await Promise.all(
        FIELDS.map(async (f) => {
          const v = sealed[f];
          if (v) out[f] = await openField(caseId, f, v);
        }),
      );
      return out;
    },
    sealSecret: (caseId, secret) => sealField(caseId, 'accessCode', secret),
    openSecret: (caseId, sealed) => openField(caseId, 'accessCode', sealed),
  };
}

/** Raw AES keyring from a 32-byte key file, created (mode 0600) if missing. */
export function localKeyring(keyFile: string): KeyringNode {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
  }
  return new RawAesKeyringNode({
    keyNamespace: 'duban-local',
    keyName: 'reporter-data',
    unencryptedMasterKey: new Uint8Array(readFileSync(keyFile)),
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}

export function kmsKeyring(keyArn: string): KeyringNode {
  return new KmsKeyringNode({ generatorKeyId: keyArn });
}
