/**
 * Delivery of notifications (通知送达): at least once, with a de-duplication key per delivery.
 *
 * A change stores its notifications on the case item in the same conditional write (see
 * case-changes.ts). This service — called by the local poller and, on AWS, by the function fed by the
 * table's stream plus a periodic sweep — takes each pending notification, writes it to the staff
 * outbox (idempotent key), e-mails the staff who want that kind, e-mails / texts a citizen who left
 * contact details, then removes it from the case. A delivery already recorded as sent is skipped, so
 * a crash after sending and before settling sends nothing twice. Failures retry with exponential
 * backoff; after `maxAttempts` the notification goes to the dead-letter list an admin can retry.
 *
 * Reporter contact details are decrypted here and only here, and never logged.
 */
import type { PendingNotification } from '../domain/lifecycle/notifications.js';
import { type Locale, renderNotification } from '../domain/lifecycle/render-notification.js';
import type { Catalog } from '../domain/reference/catalog.js';
import type {
  DeadLetters,
  DeliveryLog,
  MailSender,
  NotificationQueue,
  SmsSender,
  StaffProfiles,
} from './notification-ports.js';
import type { Outbox } from './outbox-port.js';
import type { CaseStore, CatalogSource, Clock, Logger, ReporterVault } from './ports.js';

export interface DeliveryDeps {
  queue: NotificationQueue;
  outbox: Outbox;
  deliveries: DeliveryLog;
  deadLetters: DeadLetters;
  profiles: StaffProfiles;
  store: Pick<CaseStore, 'getCase'>;
  vault: ReporterVault;
  catalog: CatalogSource;
  mail: MailSender;
  sms: SmsSender;
  clock: Clock;
  logger: Logger;
  retry?: { maxAttempts?: number; baseDelayMs?: number } | undefined;
  /** Base URL of the staff site, for links in staff e-mail (a published notice). */
  staffBaseUrl?: string | undefined;
}

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_BASE_DELAY_MS = 30_000;
/** How long one deliverer holds a case (domain time); a crashed one's lease simply expires. */
const LEASE_MS = 5 * 60_000;

/** Domain milliseconds before attempt `attempts + 1`: base × 2^(attempts − 1), capped at a day. */
export function backoffMs(attempts: number, baseDelayMs: number): number {
  return Math.min(baseDelayMs * 2 ** Math.max(0, attempts - 1), 24 * 3600_000);
}

export interface DeliveryReport {
  delivered: number;
  retrying: number;
  deadLettered: number;
}

/** Delivers every due notification of one case; returns what happened. */
export async function deliverCase(deps: DeliveryDeps, caseId: string): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, deadLettered: 0 };
  const now = deps.clock.now().toISOString();
  const leaseUntil = new Date(Date.parse(now) + LEASE_MS).toISOString();
  if (!(await deps.queue.claim(caseId, now, leaseUntil))) return report;
  let list = await deps.queue.pending(caseId);
  const catalog = await deps.catalog.get();
  const maxAttempts = deps.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const baseDelay = deps.retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;

  const remaining: PendingNotification[] = [];
  for (const n of list) {
    if (n.nextAttemptAt > now) {
      remaining.push(n);
      continue;
    }
    try {
      await deliverOne(deps, n, catalog);
      report.delivered++;
    } catch (e) {
      const attempts = n.attempts + 1;
      // The error's name only: a transport message could echo an address.
      const lastError = (e as Error)?.name ?? 'Error';
      if (attempts >= maxAttempts) {
        await deps.deadLetters.add({ ...n, attempts, lastError, failedAt: now });
        deps.logger.warn('notification dead-lettered', {
          id: n.id,
          kind: n.kind,
          attempts,
          error: lastError,
        });
        report.deadLettered++;
      } else {
        const next = new Date(Date.parse(now) + backoffMs(attempts, baseDelay)).toISOString();
        remaining.push({ ...n, attempts, lastError, nextAttemptAt: next });
        deps.logger.warn('notification delivery failed; will retry', {
          id: n.id,
          kind: n.kind,
          attempts,
          error: lastError,
        });
        report.retrying++;
      }
    }
  }
  // Settle: drop what was handled; keep anything appended by a change made meanwhile.
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await deps.queue.settle(caseId, list.length, remaining)) return report;
    const fresh = await deps.queue.pending(caseId);
    remaining.push(...fresh.slice(list.length));
    list = fresh;
  }
  return report;
}

/** One pass over every case with due notifications (poller tick, scheduled sweep). */
export async function deliverDue(deps: DeliveryDeps, opts: { limit?: number } = {}): Promise<DeliveryReport> {
  const total: DeliveryReport = { delivered: 0, retrying: 0, deadLettered: 0 };
  const ids = await deps.queue.dueCases(deps.clock.now().toISOString(), opts.limit ?? 100);
  for (const id of ids) {
    try {
      const r = await deliverCase(deps, id);
      total.delivered += r.delivered;
      total.retrying += r.retrying;
      total.deadLettered += r.deadLettered;
    } catch (e) {
      // The store failed; the case stays in the index and the next pass retries it.
      deps.logger.error('notification pass failed for a case', { caseId: id, error: (e as Error).name });
    }
  }
  return total;
}

/** Puts a dead letter back on its case for a fresh round of attempts (admin action). */
export async function retryDeadLetter(
  deps: Pick<DeliveryDeps, 'deadLetters' | 'queue' | 'clock'>,
  id: string,
): Promise<boolean> {
  const letter = await deps.deadLetters.take(id);
  if (!letter) return false;
  const { failedAt: _f, lastError: _e, ...n } = letter;
  await deps.queue.requeue(letter.caseId, [
    { ...n, attempts: 0, nextAttemptAt: deps.clock.now().toISOString() },
  ]);
  return true;
}

async function once(deps: DeliveryDeps, key: string, send: () => Promise<void>): Promise<void> {
  if (await deps.deliveries.wasSent(key)) return;
  await send();
  await deps.deliveries.markSent(key, deps.clock.now().toISOString());
}

async function deliverOne(deps: DeliveryDeps, n: PendingNotification, catalog: Catalog): Promise<void> {
  if (!('citizen' in n.to)) {
    await deps.outbox.post([n]);
    const staff = await deps.profiles.forRecipient(n.to);
    for (const s of staff) {
      if (!s.email || !s.emailKinds.includes(n.kind)) continue;
      const email = s.email;
      const text = renderNotification(n, { catalog, locale: s.locale, staffBaseUrl: deps.staffBaseUrl });
      const key = `${n.id}.email.${s.username}`;
      await once(deps, key, () => deps.mail.send({ to: email, ...text, dedupeKey: key }));
    }
    return;
  }
  await deliverToCitizen(deps, n, catalog);
}

async function deliverToCitizen(deps: DeliveryDeps, n: PendingNotification, catalog: Catalog) {
  const locale: Locale = 'zh-CN';
  if (n.kind === 'mailbox_reply') {
    const p = n.params ?? {};
    if (!p.sealedAddress) return;
    const address = await deps.vault.openSecret(n.caseId, p.sealedAddress);
    const accessCode = p.sealedAccessCode
      ? await deps.vault.openSecret(n.caseId, p.sealedAccessCode)
      : undefined;
    const text = renderNotification(n, { catalog, locale, accessCode });
    const key = `${n.id}.email.reply`;
    await once(deps, key, () => deps.mail.send({ to: address, ...text, dedupeKey: key }));
    return;
  }
  const record = await deps.store.getCase(n.caseId);
  if (!record?.reporter || record.anonymous) return;
  const contact = await deps.vault.open(n.caseId, record.reporter);
  const text = renderNotification(n, { catalog, locale });
  if (contact.email) {
    const to = contact.email;
    const key = `${n.id}.email.citizen`;
    await once(deps, key, () => deps.mail.send({ to, ...text, dedupeKey: key }));
  }
  if (contact.phone) {
    const to = contact.phone;
    const key = `${n.id}.sms.citizen`;
    await once(deps, key, () => deps.sms.send({ to, text: `【督办】${text.text}`, dedupeKey: key }));
  }
}
