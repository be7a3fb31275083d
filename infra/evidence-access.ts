import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';

/**
 * Exactly what the evidence service does with the bucket, no wildcard actions: put (staging, and the
 * browser's presigned POST, which is signed with this role), get (reading, copying, presigned GET),
 * delete (staged copies). Encryption: data keys for writes, decrypt for reads. The one wildcard is the
 * object resource (`<bucket>/*`): keys are made per upload and per case at run time.
 */
export function grantEvidenceAccess(fn: IFunction, bucket: IBucket) {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [bucket.arnForObjects('*')],
    }),
  );
  grantMissingKeyAnswers(fn, bucket);
  grantBucketKey(fn, bucket);
}

/**
 * The mailbox files attached photos straight under the new case: get (the existence check of a
 * re-delivered message) and put, on `cases/*` only — no staging, no delete.
 */
export function grantEvidenceFiling(fn: IFunction, bucket: IBucket) {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [bucket.arnForObjects('cases/*')],
    }),
  );
  grantMissingKeyAnswers(fn, bucket);
  grantBucketKey(fn, bucket);
}

/**
 * Without s3:ListBucket, S3 answers a HEAD or GET of a missing key with 403 instead of 404, and the
 * evidence service asks for keys that do not exist yet (is this file already attached?).
 */
function grantMissingKeyAnswers(fn: IFunction, bucket: IBucket) {
  fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
}

function grantBucketKey(fn: IFunction, bucket: IBucket) {
  if (bucket.encryptionKey) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [bucket.encryptionKey.keyArn],
      }),
    );
  }
}
