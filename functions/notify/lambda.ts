/**
 * Notification delivery on AWS: the table's stream (only case items holding pending notifications,
 * by the event source's filter) and a one-minute schedule (retries with backoff) both run the same
 * delivery service as the embedded runtime's poller. SES v2 sends e-mail, SNS sends SMS.
 * Environment: TABLE_NAME, REPORTER_KEY_ARN, MAIL_FROM; optional SMS_SENDER_ID.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { awsChannelDeps } from '../adapters/aws-channels.js';
import { awsCoreDeps } from '../adapters/aws-core.js';
import { createReporterVault, kmsKeyring } from '../adapters/crypto/reporter-vault.js';
import { sesMailSender } from '../adapters/notify/ses-mail-sender.js';
import { snsSmsSender } from '../adapters/notify/sns-sms-sender.js';
import { type DeliveryDeps, deliverCase, deliverDue } from '../services/notification-delivery.js';

const core = awsCoreDeps();
const channels = awsChannelDeps(core);
const deps: DeliveryDeps = {
  ...core,
  ...channels,
  vault: createReporterVault(kmsKeyring(process.env.REPORTER_KEY_ARN ?? '')),
  mail: sesMailSender(new SESv2Client({}), process.env.MAIL_FROM ?? ''),
  sms: snsSmsSender(new SNSClient({}), process.env.SMS_SENDER_ID || undefined),
};

interface StreamEvent {
  Records?: { eventID?: string; dynamodb?: { Keys?: { pk?: { S?: string } } } }[];
}

/** Case ids of the stream records (pk CASE#<id>). */
export function caseIdsOf(event: StreamEvent): string[] {
  const ids = new Set<string>();
  for (const r of event.Records ?? []) {
    const pk = r.dynamodb?.Keys?.pk?.S;
    if (pk?.startsWith('CASE#')) ids.add(pk.slice('CASE#'.length));
  }
  return [...ids];
}

export async function handler(event: StreamEvent) {
  if (!event.Records) {
    const report = await deliverDue(deps);
    core.logger.info('notification sweep', { ...report });
    return report;
  }
  // A failed case is reported back so the stream retries it; the others are done.
  const failures: { itemIdentifier: string }[] = [];
  for (const id of caseIdsOf(event)) {
    try {
      await deliverCase(deps, id);
    } catch (e) {
      core.logger.error('notification delivery failed', { caseId: id, error: (e as Error).name });
      const rec = event.Records.find((r) => r.dynamodb?.Keys?.pk?.S === `CASE#${id}`);
      if (rec?.eventID) failures.push({ itemIdentifier: rec.eventID });
    }
  }
  return { batchItemFailures: failures };
}
