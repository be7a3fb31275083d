/**
 * The complaint mailbox on AWS: SES receives mail for the complaint address and stores it in the mail
 * bucket (incoming/); this function, run by the bucket's Object Created event (EventBridge), files it
 * with the same parser and service as the embedded SMTP server — attached photos go to the evidence
 * bucket under the new case. Filed and duplicate messages are removed; refused ones needing a person
 * go to quarantine/ (the bucket's lifecycle expires them), others are removed.
 * Environment: TABLE_NAME, STATE_MACHINE_ARN, REPORTER_KEY_ARN, MAIL_BUCKET, EVIDENCE_BUCKET,
 * MAILBOX_ADDRESS, MAIL_FROM, MAILBOX_MAX_BYTES, MAILBOX_SENDER_LIMIT.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { awsCoreDeps } from '../adapters/aws-core.js';
import { createLookupKeys, kmsLookupKey } from '../adapters/crypto/lookup-keys.js';
import { createReporterVault, kmsKeyring } from '../adapters/crypto/reporter-vault.js';
import { createSecrets } from '../adapters/crypto/secrets.js';
import { createS3Client } from '../adapters/s3/client.js';
import { type MailEvent, mailKeysOf, s3MailObjects } from '../adapters/s3/mail-objects.js';
import { createS3ObjectStore, presignedLinks } from '../adapters/s3/object-store.js';
import { createSfnStarter } from '../adapters/workflow/sfn-starter.js';
import {
  DEFAULT_MAX_MAIL_BYTES,
  type MailboxDeps,
  receiveComplaintMail,
} from '../services/mailbox/receive-mail.js';
import { createRateLimiter } from '../services/rate-limiter.js';

const core = awsCoreDeps();
const objects = s3MailObjects(new S3Client({}), process.env.MAIL_BUCKET ?? '');
const evidenceObjects = createS3ObjectStore(createS3Client(), process.env.EVIDENCE_BUCKET ?? '');
const secrets = createSecrets();
const deps: MailboxDeps = {
  ...core,
  secrets,
  vault: createReporterVault(kmsKeyring(process.env.REPORTER_KEY_ARN ?? '')),
  workflow: createSfnStarter(new SFNClient({}), process.env.STATE_MACHINE_ARN ?? ''),
  evidence: {
    objects: evidenceObjects,
    links: presignedLinks(evidenceObjects),
    secrets,
    now: () => new Date(),
    directUpload: false,
    logger: core.logger,
  },
  // The same derived key as the HTTP function's (CURSOR_KEY_ID, same label): a mail's case id and
  // access code come from its Message-ID (see submitComplaint).
  lookupKeys: createLookupKeys(
    process.env.CURSOR_KEY_ID
      ? kmsLookupKey(new KMSClient({}), process.env.CURSOR_KEY_ID)
      : () => Promise.reject(new Error('CURSOR_KEY_ID is not set')),
  ),
  mailbox: {
    ownAddresses: [process.env.MAILBOX_ADDRESS ?? '', process.env.MAIL_FROM ?? ''].map((a) =>
      a.toLowerCase(),
    ),
    maxBytes: Number(process.env.MAILBOX_MAX_BYTES ?? DEFAULT_MAX_MAIL_BYTES),
    perSender: createRateLimiter({
      limit: Number(process.env.MAILBOX_SENDER_LIMIT ?? 5),
      windowMs: 3600_000,
    }),
  },
};

export async function handler(event: MailEvent) {
  for (const key of mailKeysOf(event)) {
    const outcome = await receiveComplaintMail(deps, await objects.get(key));
    if (outcome.result === 'refused' && outcome.quarantine) await objects.quarantine(key, outcome.reason);
    else await objects.remove(key);
  }
}
