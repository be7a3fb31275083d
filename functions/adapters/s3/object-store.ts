import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { StoreUnavailableError } from '../../services/errors.js';
import type { ObjectStore } from '../../services/object-store.js';
import { presignPost } from './presigned-post.js';

export { presignedLinks, s3Origin } from './presigned-post.js';

function isMissing(e: unknown): boolean {
  if (e instanceof NoSuchKey || e instanceof NotFound) return true;
  const name = (e as Error)?.name;
  const status = (e as S3ServiceException)?.$metadata?.httpStatusCode;
  return name === 'NoSuchKey' || name === 'NotFound' || status === 404;
}

/** Throttling or a server fault after the SDK's own retries: the caller may retry; nothing was kept. */
function unavailable(e: unknown): never {
  const status = (e as S3ServiceException)?.$metadata?.httpStatusCode;
  if (e instanceof S3ServiceException && (status === 503 || status === 500 || e.name === 'SlowDown')) {
    throw new StoreUnavailableError(e);
  }
  throw e;
}

/**
 * Object store over the S3 API: S3 on AWS (bucket encrypted with KMS, private, SSL only) and the
 * embedded runtime's s3rver alike. Only this adapter knows the bucket.
 */
export function createS3ObjectStore(
  client: S3Client,
  bucket: string,
  opts: { postUrl?: string | undefined } = {},
): ObjectStore {
  return {
    async put(key, body, opts) {
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: opts.contentType,
            ContentLength: body.length,
            Metadata: opts.metadata,
          }),
        );
      } catch (e) {
        unavailable(e);
      }
    },

    async get(key) {
      try {
        const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const body = got.Body ? await got.Body.transformToByteArray() : new Uint8Array();
        return {
          body,
          bytes: body.length,
          contentType: got.ContentType ?? 'application/octet-stream',
          metadata: got.Metadata ?? {},
        };
      } catch (e) {
        if (isMissing(e)) return undefined;
        unavailable(e);
      }
    },

    async head(key) {
      try {
        const got = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return {
          bytes: got.ContentLength ?? 0,
          contentType: got.ContentType ?? 'application/octet-stream',
          metadata: got.Metadata ?? {},
        };
      } catch (e) {
        if (isMissing(e)) return undefined;
        unavailable(e);
      }
    },

    async copy(from, to) {
      try {
        await client.send(
          new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${encodeKey(from)}` }),
        );
        return true;
      } catch (e) {
        if (isMissing(e)) return false;
        unavailable(e);
      }
    },

    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (e) {
        if (!isMissing(e)) unavailable(e);
      }
    },

    presignPost: (key, post) => presignPost(client, bucket, key, { ...post, url: opts.postUrl }),

    async presignGet(key, opts) {
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ResponseContentType: opts.contentType,
        ResponseContentDisposition: `inline; filename="${opts.fileName}"`,
        ResponseCacheControl: 'private, max-age=300',
      });
      return getSignedUrl(client, command, { expiresIn: opts.expiresInSeconds });
    },
  };
}

const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/');
