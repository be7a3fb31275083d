import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import {
  asStoreKey,
  createCursorSealer,
  ephemeralCursorKey,
  kmsCursorKey,
  localCursorKey,
} from '../../functions/adapters/dynamo/cursor.js';
import { AppError } from '../../functions/services/errors.js';

const position = { pk: { S: 'CASE#1' }, sk: { S: 'CASE' } };

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(400);
  expect((err as AppError).fields?.[0]?.path).toBe('cursor');
}

describe('sealed paging cursors', () => {
  it('opens what it sealed for the same scope, versioned and opaque', async () => {
    // Arrange
    const sealer = createCursorSealer(ephemeralCursorKey());
    // Act
    const cursor = await sealer.seal('outbox:office:A', position);
    // Assert
    expect(cursor.startsWith('1.')).toBe(true);
    expect(cursor).not.toContain('CASE');
    expect(Buffer.from(cursor.slice(2), 'base64url').toString('latin1')).not.toContain('CASE#1');
    expect(await sealer.open('outbox:office:A', cursor)).toEqual(position);
  });

  it('refuses unsealed, tampered, other-scope, other-key and other-version cursors with a 400', async () => {
    // Arrange
    const sealer = createCursorSealer(ephemeralCursorKey());
    const other = createCursorSealer(ephemeralCursorKey());
    const cursor = await sealer.seal('cases:a', position);
    const flipped = `${cursor.slice(0, 10)}${cursor[10] === 'A' ? 'B' : 'A'}${cursor.slice(11)}`;
    // Act + Assert
    await refusal(sealer.open('cases:a', 'e30'));
    await refusal(sealer.open('cases:a', Buffer.from(JSON.stringify(position)).toString('base64url')));
    await refusal(sealer.open('cases:a', flipped));
    await refusal(sealer.open('cases:b', cursor));
    await refusal(other.open('cases:a', cursor));
    await refusal(sealer.open('cases:a', `2${cursor.slice(1)}`));
    await refusal(sealer.open('cases:a', cursor.slice(0, 30)));
  });

  it('accepts only string-keyed store keys as positions', async () => {
    expect(asStoreKey(position)).toEqual(position);
    for (const bad of [{}, [], null, 'x', { pk: { N: '1' } }, { pk: { S: 'a', N: '1' } }, { pk: 'a' }]) {
      expect(() => asStoreKey(bad)).toThrow(AppError);
    }
  });

  it('keeps the local key in a 0600 file under a 0700 directory and reuses it', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'duban-cursor-'));
    const file = join(dir, 'keys', 'cursor.key');
    // Act
    const first = localCursorKey(file);
    const second = localCursorKey(file);
    // Assert
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
  });

  it('derives the AWS key from a KMS HMAC key once, and retries after a KMS failure', async () => {
    // Arrange
    const kms = mockClient(KMSClient);
    const mac = new Uint8Array(32).fill(7);
    kms.on(GenerateMacCommand).rejectsOnce(new Error('throttled')).resolves({ Mac: mac });
    const sealer = createCursorSealer(kmsCursorKey(new KMSClient({ region: 'cn-north-1' }), 'key-1'));
    // Act
    const failed = await sealer.seal('s', position).then(
      () => 'sealed',
      () => 'failed',
    );
    const cursor = await sealer.seal('s', position);
    const reopened = await createCursorSealer(mac).open('s', cursor);
    await sealer.open('s', cursor);
    // Assert
    expect(failed).toBe('failed');
    expect(reopened).toEqual(position);
    expect(kms.commandCalls(GenerateMacCommand)).toHaveLength(2);
    expect(kms.commandCalls(GenerateMacCommand)[1]?.args[0].input).toMatchObject({
      KeyId: 'key-1',
      MacAlgorithm: 'HMAC_SHA_256',
    });
    kms.restore();
  });
});
