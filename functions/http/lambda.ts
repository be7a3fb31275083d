/**
 * Lambda entry for the HTTP API: the same app as the embedded runtime, with AWS adapters.
 * Environment: TABLE_NAME, STATE_MACHINE_ARN, REPORTER_KEY_ARN (set by the stateless stack).
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { handle } from 'hono/aws-lambda';
import { awsCoreDeps } from '../adapters/aws-core.js';
import { createReporterVault, kmsKeyring } from '../adapters/crypto/reporter-vault.js';
import { createSecrets } from '../adapters/crypto/secrets.js';
import { createSfnStarter } from '../adapters/workflow/sfn-starter.js';
import { subjectKinds } from '../domain/reference/catalog.js';
import { createApp } from './app.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const core = awsCoreDeps();
const app = createApp({
  ...core,
  secrets: createSecrets(),
  vault: createReporterVault(kmsKeyring(required('REPORTER_KEY_ARN'))),
  workflow: createSfnStarter(new SFNClient({}), required('STATE_MACHINE_ARN')),
  subjectKinds,
});

export const handler = handle(app);
