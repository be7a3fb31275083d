/**
 * The S3 adapter against faults the real service produces (aws-sdk-client-mock), and the presigned
 * POST policy it signs for browser uploads.
 */
import { createHmac } from 'node:crypto';
import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createS3ObjectStore, presignedLinks } from '../../functions/adapters/s3/object-store.js';
import { presignPost } from '../../functions/adapters/s3/presigned-post.js';
import { StoreUnavailableError } from '../../functions/services/errors.js';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());
const BUCKET = 'duban-evidence-test';
const client = () =>
  new S3Client({
    region: 'cn-north-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
const meta = { $metadata: {} };

describe('S3 object store', () => {
  it('answers undefined for a missing object (NoSuchKey on get, NotFound on head) and false on copy', async () => {
    // Arrange
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'gone', ...meta }));
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: 'gone', ...meta }));
    s3.on(CopyObjectCommand).rejects(new NoSuchKey({ message: 'gone', ...meta }));
    const store = createS3ObjectStore(client(), BUCKET);
    // Act / Assert
    expect(await store.get('staging/ready/x')).toBeUndefined();
    expect(await store.head('staging/ready/x')).toBeUndefined();
    expect(await store.copy('staging/ready/x', 'cases/A/y')).toBe(false);
    expect(s3.commandCalls(CopyObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: BUCKET,
      Key: 'cases/A/y',
      CopySource: `${BUCKET}/staging/ready/x`,
    });
  });

  it('turns throttling (SlowDown, 503) into StoreUnavailableError: the caller gets a 503, nothing half-kept', async () => {
    s3.on(PutObjectCommand).rejects(
      new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 } }),
    );
    const store = createS3ObjectStore(client(), BUCKET);
    await expect(store.put('k', new Uint8Array([1]), { contentType: 'image/png' })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('lets other errors (e.g. AccessDenied) through unchanged', async () => {
    s3.on(HeadObjectCommand).rejects(
      new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } }),
    );
    await expect(createS3ObjectStore(client(), BUCKET).head('k')).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });

  it('puts with the detected type, the exact length and metadata', async () => {
    s3.on(PutObjectCommand).resolves({});
    await createS3ObjectStore(client(), BUCKET).put('staging/ready/u', new Uint8Array(3), {
      contentType: 'image/webp',
      metadata: { uploader: 'citizen' },
    });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: BUCKET,
      Key: 'staging/ready/u',
      ContentType: 'image/webp',
      ContentLength: 3,
      Metadata: { uploader: 'citizen' },
    });
  });

  it('reads through presigned GET links that expire and force the stored type', async () => {
    const links = presignedLinks(createS3ObjectStore(client(), BUCKET));
    const url = new URL(
      await links.urlFor('cases/A/e1', {
        contentType: 'image/jpeg',
        fileName: 'e1.jpg',
        expiresInSeconds: 300,
      }),
    );
    expect(url.hostname).toBe(`${BUCKET}.s3.cn-north-1.amazonaws.com.cn`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-type')).toBe('image/jpeg');
  });
});

describe('presigned POST policy', () => {
  it('allows exactly one key, 1 byte to the maximum, until it expires; the signature is SigV4 over the policy', async () => {
    // Arrange
    const now = new Date('2026-11-26T11:00:00Z');
    // Act
    const post = await presignPost(
      client(),
      BUCKET,
      'staging/incoming/abc',
      {
        maxBytes: 10 * 1024 * 1024,
        expiresInSeconds: 900,
        successRedirect: 'https://duban.example/report/evidence',
      },
      now,
    );
    // Assert
    expect(post.url).toBe(`https://${BUCKET}.s3.cn-north-1.amazonaws.com.cn/`);
    const policy = JSON.parse(Buffer.from(post.fields.policy ?? '', 'base64').toString());
    expect(policy.expiration).toBe('2026-11-26T11:15:00.000Z');
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: BUCKET },
        { key: 'staging/incoming/abc' },
        ['content-length-range', 1, 10 * 1024 * 1024],
        { success_action_redirect: 'https://duban.example/report/evidence' },
        { 'x-amz-credential': 'AKIDEXAMPLE/20261126/cn-north-1/s3/aws4_request' },
      ]),
    );
    const h = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
    const key = h(h(h(h('AWS4secret', '20261126'), 'cn-north-1'), 's3'), 'aws4_request');
    expect(post.fields['x-amz-signature']).toBe(h(key, post.fields.policy ?? '').toString('hex'));
  });
});
