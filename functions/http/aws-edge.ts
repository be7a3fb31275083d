/**
 * What both HTTP Lambdas (citizen and staff) read from their environment for the public edge: required
 * variables, per-client-IP limits counted in the table (so they hold across every instance), the contact
 * details shown to citizens. Direct client IPs only: API Gateway's source IP, no proxy headers trusted.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableRateLimiter } from '../adapters/dynamo/table-rate-limiter.js';
import { presignedLinks, s3Origin } from '../adapters/s3/presigned-post.js';
import type { EvidenceDeps } from '../services/evidence.js';
import type { ObjectStore } from '../services/object-store.js';
import type { Logger, Secrets } from '../services/ports.js';
import { type LimiterFactory, publicRateLimits } from '../services/rate-limiter.js';
import { publicContact } from './public-contact.js';

export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export function awsPublicEdge(
  client: DynamoDBClient,
  tableName: string,
  env: NodeJS.ProcessEnv = process.env,
) {
  const sharedLimiters: LimiterFactory = (spec) => tableRateLimiter(client, tableName, spec);
  return {
    sharedLimiters,
    limits: publicRateLimits(
      Number(env.INTAKE_RATE_LIMIT ?? 10),
      Number(env.TRACK_RATE_LIMIT ?? 30),
      sharedLimiters,
    ),
    trustProxy: false as const,
    publicContact: publicContact(env),
  };
}

/**
 * Evidence files on S3 (EVIDENCE_BUCKET): the browser uploads with a presigned POST and reads through
 * presigned GETs, so no file passes through the function (Lambda payloads stop at 6 MB).
 */
export function s3Evidence(
  objects: ObjectStore,
  secrets: Secrets,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): EvidenceDeps {
  return {
    objects,
    links: presignedLinks(objects),
    secrets,
    now: () => new Date(),
    directUpload: false,
    storageOrigin: s3Origin(requiredEnv('EVIDENCE_BUCKET', env), requiredEnv('AWS_REGION', env)),
    logger,
  };
}
