import { S3Client } from '@aws-sdk/client-s3';

/**
 * S3 client: on AWS the defaults (region and credentials from the Lambda environment); for the
 * embedded runtime's s3rver a loopback endpoint with path-style addressing and fixed local keys.
 */
export function createS3Client(opts: { endpoint?: string } = {}): S3Client {
  if (!opts.endpoint) return new S3Client({});
  return new S3Client({
    endpoint: opts.endpoint,
    region: 'local',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    // s3rver predates the SDK's default request checksums; send them only when an operation needs one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
