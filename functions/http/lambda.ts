/**
 * Lambda entry for the HTTP API: the same app as the embedded runtime, with AWS adapters.
 * Environment (set by the stateless stack): TABLE_NAME, STATE_MACHINE_ARN, REPORTER_KEY_ARN, USER_POOL_ID,
 * USER_POOL_CLIENT_ID, CURSOR_KEY_ID, EVIDENCE_BUCKET; optional INTAKE_RATE_LIMIT, TRACK_RATE_LIMIT.
 */

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { KMSClient } from '@aws-sdk/client-kms';
import { SFNClient } from '@aws-sdk/client-sfn';
import { handle } from 'hono/aws-lambda';
import { awsChannelDeps } from '../adapters/aws-channels.js';
import { awsCoreDeps } from '../adapters/aws-core.js';
import { createLookupKeys, kmsLookupKey } from '../adapters/crypto/lookup-keys.js';
import { createReporterVault, kmsKeyring } from '../adapters/crypto/reporter-vault.js';
import { createSecrets } from '../adapters/crypto/secrets.js';
import { createAdminRoster } from '../adapters/dynamo/admin-roster.js';
import { createCaseQueries } from '../adapters/dynamo/case-queries.js';
import { createOverviewQueries } from '../adapters/dynamo/overview-queries.js';
import { createSessionStore } from '../adapters/dynamo/session-repository.js';
import { createStaffRepository } from '../adapters/dynamo/staff-repository.js';
import { createSubjectCases } from '../adapters/dynamo/subject-cases.js';
import { cognitoStaffDirectory } from '../adapters/identity/cognito-directory.js';
import { cognitoOAuth } from '../adapters/identity/cognito-oauth.js';
import { cognitoVerifier } from '../adapters/identity/tokens.js';
import { createS3Client } from '../adapters/s3/client.js';
import { createS3ObjectStore } from '../adapters/s3/object-store.js';
import { createSfnStarter } from '../adapters/workflow/sfn-starter.js';
import { subjectKinds } from '../domain/reference/catalog.js';
import { retryDeadLetter } from '../services/notification-delivery.js';
import { loginFailureLimiters } from '../services/rate-limiter.js';
import { createApp } from './app.js';
import { awsPublicEdge, requiredEnv as required, s3Evidence } from './aws-edge.js';

const core = awsCoreDeps();
const channels = awsChannelDeps(core);
const secrets = createSecrets();
const objects = createS3ObjectStore(createS3Client(), required('EVIDENCE_BUCKET'));
const edge = awsPublicEdge(core.client, core.tableName);
const app = createApp({
  ...core,
  notifications: {
    profiles: channels.profiles,
    deadLetters: channels.deadLetters,
    retryDeadLetter: (id) => retryDeadLetter({ ...core, ...channels }, id),
  },
  open311: channels.open311,
  workOrders: channels.workOrders,
  identity: {
    staff: createStaffRepository(core.client, core.tableName),
    directory: cognitoStaffDirectory(new CognitoIdentityProviderClient({}), required('USER_POOL_ID')),
    // Cognito signs staff in and issues the tokens; this function only verifies them.
    verifier: cognitoVerifier({
      region: required('AWS_REGION'),
      userPoolId: required('USER_POOL_ID'),
      clientId: required('USER_POOL_CLIENT_ID'),
    }),
    loginFailures: loginFailureLimiters(edge.sharedLimiters),
    // Cognito ID tokens carry no session version: a token issued at or before the account's last
    // revocation (disable, reset, role change, logout) is refused by the same table check.
    sessions: createSessionStore(core.client, core.tableName),
    adminRoster: createAdminRoster(core.client, core.tableName),
  },
  subjectCases: createSubjectCases(core.client, core.tableName),
  queries: createCaseQueries(core.client, core.tableName, core.cursors),
  // Phone lookup hashes (staff search): a key derived from the same KMS HMAC key as the cursor key
  // (CURSOR_KEY_ID) over a different label, so the two derived keys are independent.
  lookupKeys: createLookupKeys(
    process.env.CURSOR_KEY_ID
      ? kmsLookupKey(new KMSClient({}), process.env.CURSOR_KEY_ID)
      : () => Promise.reject(new Error('CURSOR_KEY_ID is not set')),
  ),
  overview: createOverviewQueries(core.client, core.tableName),
  // Staff pages sign in through the Cognito managed login (code + PKCE); the attempt cookie is sealed
  // with the same key as paging cursors, under its own scope.
  hostedLogin: process.env.COGNITO_DOMAIN
    ? {
        oauth: cognitoOAuth({
          domain: process.env.COGNITO_DOMAIN,
          clientId: required('USER_POOL_CLIENT_ID'),
        }),
        sealer: core.cursors,
        baseUrl: process.env.STAFF_BASE_URL,
      }
    : undefined,
  limits: edge.limits,
  trustProxy: edge.trustProxy,
  publicContact: edge.publicContact,
  secrets,
  vault: createReporterVault(kmsKeyring(required('REPORTER_KEY_ARN'))),
  workflow: createSfnStarter(new SFNClient({}), required('STATE_MACHINE_ARN')),
  subjectKinds,
  evidence: s3Evidence(objects, secrets, core.logger),
});

export const handler = handle(app);
