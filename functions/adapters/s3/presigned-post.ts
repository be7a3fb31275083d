import { createHmac } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { EvidenceLinks, ObjectStore, PresignedPost } from '../../services/object-store.js';

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The virtual-hosted origin of a bucket (what presigned URLs and POST forms point at). */
/** Presigned S3 URLs (AWS): the browser reads the object from S3, not through Lambda. */
export function presignedLinks(objects: ObjectStore): EvidenceLinks {
  return { urlFor: (key, opts) => objects.presignGet(key, opts) };
}

export const s3Origin = (bucket: string, region: string) =>
  `https://${bucket}.s3.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;

/** `20261126T110530Z` */
const amzDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * An S3 POST policy (browser-based upload, Signature V4): the form may put exactly `key`, between 1
 * byte and `maxBytes`, until the policy expires — S3 refuses anything else, so a 10 MB photo goes
 * from the browser to the bucket without passing through Lambda.
 */
export async function presignPost(
  client: S3Client,
  bucket: string,
  key: string,
  opts: { maxBytes: number; expiresInSeconds: number; successRedirect?: string | undefined; url?: string },
  now = new Date(),
): Promise<PresignedPost> {
  const credentials = await client.config.credentials();
  const region = await client.config.region();
  const date = amzDate(now);
  const day = date.slice(0, 8);
  const fields: Record<string, string> = {
    key,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': `${credentials.accessKeyId}/${day}/${region}/s3/aws4_request`,
    'x-amz-date': date,
  };
  if (credentials.sessionToken) fields['x-amz-security-token'] = credentials.sessionToken;
  if (opts.successRedirect) fields.success_action_redirect = opts.successRedirect;
  const expiresAt = new Date(now.getTime() + opts.expiresInSeconds * 1000).toISOString();
  const policy = Buffer.from(
    JSON.stringify({
      expiration: expiresAt,
      conditions: [
        { bucket },
        ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
        ['content-length-range', 1, opts.maxBytes],
      ],
    }),
    'utf8',
  ).toString('base64');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), 's3'),
    'aws4_request',
  );
  return {
    url: opts.url ?? `${s3Origin(bucket, region)}/`,
    fields: { ...fields, policy, 'x-amz-signature': hmac(signingKey, policy).toString('hex') },
    expiresAt,
  };
}
