/**
 * Notification delivery on AWS: the table's stream (only case items holding pending notifications,
 * by the event source's filter) and a one-minute schedule (retries with backoff) both run the same
 * delivery service as the embedded runtime's poller. SES v2 sends e-mail, SNS sends SMS.
 * Environment: TABLE_NAME, REPORTER_KEY_ARN, MAIL_FROM; optional SMS_SENDER_ID, STAFF_BASE_URL (links).
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { awsChannelDeps } from '../adapters/aws-channels.js';
import { awsCoreDeps } from '../adapters/aws-core.js';
import { createReporterVault, kmsKeyring } from '../adapters/crypto/reporter-vault.js';
import { notificationHolderOf } from '../adapters/dynamo/notification-store.js';
import { sesMailSender } from '../adapters/notify/ses-mail-sender.js';
import { snsSmsSender } from '../adapters/notify/sns-sms-sender.js';
import { type DeliveryDeps, deliverCase, deliverDue } from '../services/notification-delivery.js';
import { cachedStaffProfiles } from '../services/notification-profile-cache.js';

const core = awsCoreDeps();
const channels = awsChannelDeps(core);
const deps: DeliveryDeps = {
  ...core,
  ...channels,
  // Warm invocations share it; profile changes (made by the HTTP function) apply within its TTL.
  profiles: cachedStaffProfiles(channels.profiles),
  vault: createReporterVault(kmsKeyring(process.env.REPORTER_KEY_ARN ?? '')),
  mail: sesMailSender(new SESv2Client({}), process.env.MAIL_FROM ?? ''),
  sms: snsSmsSender(new SNSClient({}), process.env.SMS_SENDER_ID || undefined),
  staffBaseUrl: process.env.STAFF_BASE_URL || undefined,
};

interface StreamEvent {
  Records?: { eventID?: string; dynamodb?: { Keys?: { pk?: { S?: string }; sk?: { S?: string } } } }[];
}

const holderOf = (r: NonNullable<StreamEvent['Records']>[number]) =>
  notificationHolderOf(r.dynamodb?.Keys?.pk?.S, r.dynamodb?.Keys?.sk?.S);

/** Ids of the items holding notifications in the stream records: cases and published notices. */
export function caseIdsOf(event: StreamEvent): string[] {
  const ids = new Set<string>();
  for (const r of event.Records ?? []) {
    const id = holderOf(r);
    if (id) ids.add(id);
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
      const rec = event.Records.find((r) => holderOf(r) === id);
      if (rec?.eventID) failures.push({ itemIdentifier: rec.eventID });
    }
  }
  return { batchItemFailures: failures };
}
