/**
 * Lambda entry for what citizens hit (the public API, evidence uploads, Open311 and the citizen pages;
 * API Gateway routes those paths here, everything else to the staff function in `lambda.ts`). The same
 * app factory with only the citizen part, so the bundle holds no staff, report or channel code, and the
 * adapters a page view never needs (Encryption SDK + KMS, Step Functions, S3) load on first use.
 * Environment (set by the stateless stack): TABLE_NAME, STATE_MACHINE_ARN, REPORTER_KEY_ARN, USER_POOL_ID,
 * USER_POOL_CLIENT_ID, EVIDENCE_BUCKET, CURSOR_KEY_ID (the lookup key); optional INTAKE_RATE_LIMIT, TRACK_RATE_LIMIT, OPEN311_RATE_LIMIT.
 */
import { handle } from 'hono/aws-lambda';
import { systemClock } from '../adapters/clock.js';
import { createLookupKeys, kmsLookupKey } from '../adapters/crypto/lookup-keys.js';
import { createSecrets } from '../adapters/crypto/secrets.js';
import { createCaseRepository } from '../adapters/dynamo/case-repository.js';
import { createDynamoClient } from '../adapters/dynamo/client.js';
import { createCursorSealer } from '../adapters/dynamo/cursor.js';
import { createOpen311Apps } from '../adapters/dynamo/open311-apps.js';
import { createOutbox } from '../adapters/dynamo/outbox-repository.js';
import { createSessionStore } from '../adapters/dynamo/session-repository.js';
import { createSubjectCases } from '../adapters/dynamo/subject-cases.js';
import { cognitoVerifier } from '../adapters/identity/tokens.js';
import { lazyObjectStore, lazyVault, lazyWorkflow } from '../adapters/lazy.js';
import { subjectKinds } from '../domain/reference/catalog.js';
import { createCalendarSource } from '../services/calendar-source.js';
import { createCatalogSource } from '../services/catalog-source.js';
import { createRateLimiter } from '../services/rate-limiter.js';
import { awsPublicEdge, requiredEnv as required, s3Evidence } from './aws-edge.js';
import { composeApp } from './compose.js';
import { jsonLogger } from './logger.js';
import { citizenPart } from './parts/citizen.js';

const tableName = required('TABLE_NAME');
const region = required('AWS_REGION');
const bucket = required('EVIDENCE_BUCKET');
const client = createDynamoClient();
const store = createCaseRepository(client, tableName);
const logger = jsonLogger();
const secrets = createSecrets();
// Citizen routes page no lists: the outbox's cursors never leave this function, so no cursor key.
const outbox = createOutbox(
  client,
  tableName,
  createCursorSealer(() => Promise.reject(new Error('the citizen function pages no lists'))),
);
const objects = lazyObjectStore(async () => {
  const [{ createS3Client }, { createS3ObjectStore }] = await Promise.all([
    import('../adapters/s3/client.js'),
    import('../adapters/s3/object-store.js'),
  ]);
  return createS3ObjectStore(createS3Client(), bucket);
});
const edge = awsPublicEdge(client, tableName);

const app = composeApp(
  {
    store,
    outbox,
    catalog: createCatalogSource(store),
    calendar: createCalendarSource(store),
    clock: systemClock,
    logger,
    secrets,
    subjectKinds,
    identity: {
      // A signed-in staff member may use the citizen pages and APIs too (e.g. staff evidence uploads).
      verifier: cognitoVerifier({
        region,
        userPoolId: required('USER_POOL_ID'),
        clientId: required('USER_POOL_CLIENT_ID'),
      }),
      sessions: createSessionStore(client, tableName),
    },
    subjectCases: createSubjectCases(client, tableName),
    limits: edge.limits,
    trustProxy: edge.trustProxy,
    publicContact: edge.publicContact,
    open311: {
      apps: createOpen311Apps(client, tableName),
      // Per instance, as on the staff function.
      perKey: createRateLimiter({ limit: Number(process.env.OPEN311_RATE_LIMIT ?? 60), windowMs: 60_000 }),
    },
    // Phone lookup hashes and idempotent intake ids: a key derived from the KMS HMAC key (CURSOR_KEY_ID),
    // fetched with the KMS client loaded on the first complaint.
    lookupKeys: createLookupKeys(async () => {
      const { KMSClient } = await import('@aws-sdk/client-kms');
      return kmsLookupKey(new KMSClient({}), required('CURSOR_KEY_ID'))();
    }),
    vault: lazyVault(async () => {
      const { createReporterVault, kmsKeyring } = await import('../adapters/crypto/reporter-vault.js');
      return createReporterVault(kmsKeyring(required('REPORTER_KEY_ARN')));
    }),
    workflow: lazyWorkflow(async () => {
      const [{ SFNClient }, { createSfnStarter }] = await Promise.all([
        import('@aws-sdk/client-sfn'),
        import('../adapters/workflow/sfn-starter.js'),
      ]);
      return createSfnStarter(new SFNClient({}), required('STATE_MACHINE_ARN'));
    }),
    evidence: s3Evidence(objects, secrets, logger),
  },
  [citizenPart],
);

export const handler = handle(app);
