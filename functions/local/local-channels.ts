/**
 * Channels of the embedded runtime: notification delivery (poller, nodemailer into the embedded SMTP
 * server, the SMS sink, the development mailbox) and the SMTP server itself (complaint mailbox).
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDeadLetters,
  createDeliveryLog,
  createNotificationQueue,
  createStaffProfiles,
} from '../adapters/dynamo/notification-store.js';
import type { StaffRepository } from '../adapters/dynamo/staff-repository.js';
import { smtpMailSender } from '../adapters/notify/smtp-mail-sender.js';
import { staffEmailKinds } from '../domain/lifecycle/notifications.js';
import type { AppDeps } from '../http/deps.js';
import { defaultPublicContact } from '../http/public-contact.js';
import { parseMail } from '../services/mailbox/parse-mail.js';
import { DEFAULT_MAX_MAIL_BYTES } from '../services/mailbox/receive-mail.js';
import type { DeliveryDeps } from '../services/notification-delivery.js';
import type { MailSender, SmsSender, StaffProfiles } from '../services/notification-ports.js';
import { cachedStaffProfiles } from '../services/notification-profile-cache.js';
import { keyDigest, registerApp } from '../services/open311.js';
import type { Outbox } from '../services/outbox-port.js';
import type { CaseStore, CatalogSource, Clock, Logger, ReporterVault } from '../services/ports.js';
import { createDeliveryPoller, type DeliveryPoller } from './delivery-poller.js';
import { createDevMailbox, type DevMailbox, devSmsSink } from './dev-mailbox.js';
import { type EmbeddedSmtp, type SmtpEnvelope, type SmtpOutcome, startSmtpServer } from './smtp-server.js';

export interface LocalChannelOptions {
  /** SMTP port (SMTP_PORT); 0 picks a free one. */
  smtpPort?: number | undefined;
  /** The complaint mailbox address (MAILBOX_ADDRESS). */
  mailboxAddress?: string | undefined;
  /** Sender of outgoing notifications and auto-replies. */
  mailFrom?: string | undefined;
  /** Largest message the mailbox accepts (bytes). */
  maxMailBytes?: number | undefined;
  /** Poller period in ms (0: only on wake-ups and drain()). */
  deliveryIntervalMs?: number | undefined;
  deliveryRetry?: DeliveryDeps['retry'];
  /** Complaints one sender may file by e-mail per hour (MAILBOX_SENDER_LIMIT). */
  mailsPerSenderPerHour?: number | undefined;
  /** No automatic delivery (timer and wake-ups off; drain() still works): crash tests. */
  deliveryPaused?: boolean | undefined;
  /** Replace the senders (tests inject failures). */
  mail?: MailSender | undefined;
  sms?: SmsSender | undefined;
}

/** What the public pages show (defaultPublicContact) is what the SMTP server files. */
export const DEFAULT_MAILBOX_ADDRESS = defaultPublicContact.mailbox;
export const DEFAULT_MAIL_FROM = 'noreply@duban.example.cn';

export interface LocalChannels {
  delivery: DeliveryPoller;
  deliveryDeps: DeliveryDeps;
  devMailbox: DevMailbox;
  profiles: StaffProfiles;
  smtp: EmbeddedSmtp;
  mailboxAddress: string;
  mailFrom: string;
  maxMailBytes: number;
  /** Set later by the runtime once intake is ready (mail to the complaint address). */
  setMailboxHandler(h: (raw: Buffer, envelope: SmtpEnvelope) => Promise<SmtpOutcome>): void;
  close(): Promise<void>;
}

export async function startLocalChannels(
  base: {
    client: DynamoDBClient;
    tableName: string;
    store: CaseStore;
    outbox: Outbox;
    vault: ReporterVault;
    catalog: CatalogSource;
    clock: Clock;
    logger: Logger;
  },
  opts: LocalChannelOptions = {},
): Promise<LocalChannels> {
  const { client, tableName, clock, logger } = base;
  const devMailbox = createDevMailbox();
  const mailboxAddress = (opts.mailboxAddress ?? DEFAULT_MAILBOX_ADDRESS).toLowerCase();
  const maxBytes = opts.maxMailBytes ?? DEFAULT_MAX_MAIL_BYTES;
  let mailboxHandler: ((raw: Buffer, envelope: SmtpEnvelope) => Promise<SmtpOutcome>) | undefined;

  const smtp = await startSmtpServer({
    port: opts.smtpPort ?? 0,
    maxBytes,
    logger,
    async onMessage(raw, envelope) {
      if (envelope.to.some((a) => a.toLowerCase() === mailboxAddress)) {
        if (!mailboxHandler) return { accepted: false, code: 451, reason: 'mailbox not ready' };
        return mailboxHandler(raw, envelope);
      }
      // Anything else is mail the system sent: keep it for the development mailbox page.
      const parsed = await parseMail(raw);
      if (!parsed.ok) return { accepted: false, code: 550, reason: 'malformed message' };
      await devMailbox.record({
        id: randomUUID(),
        channel: 'email',
        at: clock.now().toISOString(),
        to: envelope.to.join(', '),
        from: envelope.from,
        subject: parsed.mail.subject,
        text: parsed.mail.text,
        dedupeKey: parsed.mail.headers['x-duban-delivery'],
      });
      return { accepted: true };
    },
  });

  // One cached view for the deliverer and the settings page, so a saved change applies at once.
  const profiles = cachedStaffProfiles(createStaffProfiles(client, tableName));
  const smtpSender = opts.mail
    ? undefined
    : smtpMailSender({ host: '127.0.0.1', port: smtp.port, from: opts.mailFrom ?? DEFAULT_MAIL_FROM });
  const mail = opts.mail ?? (smtpSender as MailSender);
  const deliveryDeps: DeliveryDeps = {
    queue: createNotificationQueue(client, tableName),
    outbox: base.outbox,
    deliveries: createDeliveryLog(client, tableName),
    deadLetters: createDeadLetters(client, tableName),
    profiles,
    vault: base.vault,
    catalog: base.catalog,
    mail,
    sms: opts.sms ?? devSmsSink(devMailbox, clock, randomUUID),
    clock,
    logger,
    retry: opts.deliveryRetry,
  };
  const delivery = createDeliveryPoller(deliveryDeps, {
    intervalMs: opts.deliveryPaused ? 0 : (opts.deliveryIntervalMs ?? 1000),
    wake: !opts.deliveryPaused,
  });

  return {
    delivery,
    deliveryDeps,
    devMailbox,
    profiles,
    smtp,
    mailboxAddress,
    mailFrom: (opts.mailFrom ?? DEFAULT_MAIL_FROM).toLowerCase(),
    maxMailBytes: maxBytes,
    setMailboxHandler(h) {
      mailboxHandler = h;
    },
    async close() {
      await delivery.stop();
      smtpSender?.close(); // before the server: it waits for open connections
      await smtp.close();
    },
  };
}

/** Demo staff get a notification profile on first start: <username>@duban.local, every kind by e-mail. */
export async function seedDemoProfiles(staff: StaffRepository, profiles: StaffProfiles): Promise<number> {
  let seeded = 0;
  for (const account of await staff.list()) {
    if (await profiles.get(account.username)) continue;
    await profiles.save({
      username: account.username,
      group: account.officeId ? `office:${account.officeId}` : `role:${account.role}`,
      email: `${account.username}@duban.local`,
      locale: 'zh-CN',
      emailKinds: [...staffEmailKinds],
    });
    seeded++;
  }
  return seeded;
}

/** The demo Open311 app `npm start` registers, with the documented key (embedded runtime only). */
export const DEMO_OPEN311_KEY = 'duban-open311-demo';

export async function seedOpen311DemoApp(deps: AppDeps): Promise<void> {
  if (!deps.open311) return;
  const d = { ...deps, open311: deps.open311 };
  if (await d.open311.apps.byKeyDigest(keyDigest(DEMO_OPEN311_KEY))) return;
  await registerApp(d, { name: 'Demo app (演示应用)', by: 'system', key: DEMO_OPEN311_KEY });
}
