import { randomBytes } from 'node:crypto';
import {
  buildClient,
  CommitmentPolicy,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
} from '@aws-crypto/client-node';
import { describe, expect, it } from 'vitest';
import { createReporterVault } from '../../functions/adapters/crypto/reporter-vault.js';
import { SEALED_IN_ENVELOPE } from '../../functions/domain/case.js';

const keyring = new RawAesKeyringNode({
  keyNamespace: 'duban-local',
  keyName: 'reporter-data',
  unencryptedMasterKey: new Uint8Array(randomBytes(32)),
  wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
});
const vault = createReporterVault(keyring);
const contact = { name: '王小明', phone: '13812345678', email: 'wang@example.cn' };

describe('reporter vault', () => {
  it('seals all fields as one message and marks which fields exist', async () => {
    // Act
    const sealed = await vault.seal('CASE000001', { name: contact.name, phone: contact.phone });
    // Assert
    expect(sealed).toEqual({
      envelope: expect.any(String),
      name: SEALED_IN_ENVELOPE,
      phone: SEALED_IN_ENVELOPE,
    });
    expect(Buffer.from(sealed.envelope ?? '', 'base64').toString('latin1')).not.toContain('13812345678');
    expect(await vault.open('CASE000001', sealed)).toEqual({ name: contact.name, phone: contact.phone });
  });

  it('opens cases stored with one message per field (format 1)', async () => {
    // Arrange: what the vault wrote before the envelope, field by field under its own context.
    const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const field = async (name: string, value: string) =>
      (
        await encrypt(keyring, Buffer.from(value), {
          encryptionContext: { purpose: 'duban-reporter', caseId: 'CASE000002', field: name },
        })
      ).result.toString('base64');
    const old = { name: await field('name', contact.name), phone: await field('phone', contact.phone) };
    // Act / Assert
    expect(await vault.open('CASE000002', old)).toEqual({ name: contact.name, phone: contact.phone });
  });

  it('refuses an envelope copied onto another case', async () => {
    const sealed = await vault.seal('CASE000003', contact);
    await expect(vault.open('CASE000004', sealed)).rejects.toThrow('does not belong');
  });

  it('seals nothing for a reporter without details', async () => {
    expect(await vault.seal('CASE000005', {})).toEqual({});
  });
});
