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
import type { ReporterContact, SealedReporter } from '../domain/case.js';
import type { PendingNotification } from '../domain/lifecycle/notifications.js';
import { type Locale, renderNotification } from '../domain/lifecycle/render-notification.js';
import type { Catalog } from '../domain/reference/catalog.js';
import type {
  ClaimedHolder,
  DeadLetters,
  DeliveryLog,
  MailSender,
  NotificationQueue,
  SmsSender,
  StaffProfile,
  StaffProfiles,
} from './notification-ports.js';
import type { Outbox } from './outbox-port.js';
import type { CatalogSource, Clock, Logger, ReporterVault } from './ports.js';

export interface DeliveryDeps {
  queue: NotificationQueue;
  outbox: Outbox;
  deliveries: DeliveryLog;
  deadLetters: DeadLetters;
  profiles: StaffProfiles;
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
  // The lease comes back with the pending list and the reporter's sealed contact: nothing else is read.
  const holder = await deps.queue.claim(caseId, now, leaseUntil);
  if (!holder) return report;
  let list = holder.pending;
  const catalog = await deps.catalog.get();
  const maxAttempts = deps.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const baseDelay = deps.retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const pass = passContext(deps, caseId, holder, list, now);

  const remaining: PendingNotification[] = [];
  for (const n of list) {
    if (n.nextAttemptAt > now) {
      remaining.push(n);
      continue;
    }
    try {
      await deliverOne(pass, n, catalog);
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
  // Settle: drop what was handled; keep anything appended by a change made meanwhile. Conditional on
  // the length of the list read and on this pass's lease, so an append made since is never dropped and
  // a pass that outlived its lease leaves the case to the deliverer that took it over.
  for (let attempt = 0; attempt < 10; attempt++) {
    const settled = await deps.queue.settle(caseId, leaseUntil, list.length, remaining);
    if (settled.outcome === 'lost')
      deps.logger.warn('notification lease taken over; not settled', { caseId });
    if (settled.outcome !== 'changed') return report;
    remaining.push(...settled.pending.slice(list.length));
    list = settled.pending;
  }
  return report;
}

/** One pass over every case with due notifications (poller tick, scheduled sweep). */
export async function deliverDue(
  deps: DeliveryDeps,
  opts: { limit?: number; stopped?: () => boolean } = {},
): Promise<DeliveryReport> {
  const total: DeliveryReport = { delivered: 0, retrying: 0, deadLettered: 0 };
  const ids = await deps.queue.dueCases(deps.clock.now().toISOString(), opts.limit ?? 100);
  for (const id of ids) {
    // Shutting down: stop between cases; the rest stay due in the index for the next start.
    if (opts.stopped?.()) break;
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

/**
 * Puts a dead letter back on its case for a fresh round of attempts (admin action). Its `lastError`
 * stays: it marks the notification as tried before, so its delivery records are read (a channel that
 * did get through — the SMS while the mail server refused — is not sent again).
 */
export async function retryDeadLetter(
  deps: Pick<DeliveryDeps, 'deadLetters' | 'queue' | 'clock'>,
  id: string,
): Promise<boolean> {
  const letter = await deps.deadLetters.take(id);
  if (!letter) return false;
  const { failedAt: _f, ...n } = letter;
  await deps.queue.requeue(letter.caseId, [
    {
      ...n,
      attempts: 0,
      lastError: n.lastError ?? 'DeadLetter',
      nextAttemptAt: deps.clock.now().toISOString(),
    },
  ]);
  return true;
}

/**
 * True when no deliverer can have sent anything for `n` yet: never attempted (a failed attempt sets
 * `lastError`, a dead-letter retry keeps it) and on an item no deliverer left mid-pass (every pass that
 * sends ends by settling, which removes the lease; one that stops before leaves its lease behind, and
 * the next claim reports it as `interrupted`). Such a notification has no delivery record to read.
 */
export function neverTried(n: PendingNotification, holder: ClaimedHolder): boolean {
  return !holder.interrupted && n.attempts === 0 && n.lastError === undefined;
}

/** De-duplication key of one delivery: notification × channel × addressee. */
const deliveryKey = (n: PendingNotification, channel: 'email' | 'sms', addressee: string) =>
  `${n.id}.${channel}.${addressee}`;

interface PassContext {
  deps: DeliveryDeps;
  holder: ClaimedHolder;
  /** Whether the delivery record behind `key` exists (read once per pass for all tried notifications). */
  wasSent(n: PendingNotification, key: string): Promise<boolean>;
  /** The reporter's contact, decrypted at most once per pass (and only if a citizen is told). */
  contact(): Promise<ReporterContact>;
}

/**
 * What one pass over a case shares: the delivery records of every due notification that may have been
 * sent before, read in one batch the first time one is needed; the reporter's decrypted contact.
 */
function passContext(
  deps: DeliveryDeps,
  caseId: string,
  holder: ClaimedHolder,
  list: readonly PendingNotification[],
  now: string,
): PassContext {
  const tried = list.filter((n) => n.nextAttemptAt <= now && !neverTried(n, holder));
  let records: Promise<{ read: Set<string>; sent: Set<string> }> | undefined;
  const readRecords = async () => {
    const read = new Set((await Promise.all(tried.map((n) => possibleKeys(deps, n)))).flat());
    return { read, sent: await deps.deliveries.sentAmong([...read]) };
  };
  let contact: Promise<ReporterContact> | undefined;
  return {
    deps,
    holder,
    async wasSent(n, key) {
      if (neverTried(n, holder)) return false;
      records ??= readRecords();
      const { read, sent } = await records;
      // A key the batch did not cover (a staff member who turned e-mail on since) is read alone.
      if (!read.has(key)) return (await deps.deliveries.sentAmong([key])).has(key);
      return sent.has(key);
    },
    contact() {
      contact ??= deps.vault.open(caseId, holder.reporter as SealedReporter);
      return contact;
    },
  };
}

/** Every delivery key `n` can have: its staff e-mails, or the citizen's e-mail and SMS. */
async function possibleKeys(deps: DeliveryDeps, n: PendingNotification): Promise<string[]> {
  if ('citizen' in n.to) {
    if (n.kind === 'mailbox_reply') return [deliveryKey(n, 'email', 'reply')];
    return [deliveryKey(n, 'email', 'citizen'), deliveryKey(n, 'sms', 'citizen')];
  }
  const staff = await deps.profiles.forRecipient(n.to);
  return staff.filter((s) => wantsEmail(s, n)).map((s) => deliveryKey(n, 'email', s.username));
}

const wantsEmail = (s: StaffProfile, n: PendingNotification) =>
  Boolean(s.email) && s.emailKinds.includes(n.kind);

/**
 * Sends one delivery unless its record says it went out, then records it — one record per send,
 * written right after it, so a crash between two sends repeats at most the send it interrupted.
 */
async function once(
  pass: PassContext,
  n: PendingNotification,
  key: string,
  send: () => Promise<void>,
): Promise<void> {
  if (await pass.wasSent(n, key)) return;
  await send();
  await pass.deps.deliveries.markSent(key, pass.deps.clock.now().toISOString());
}

async function deliverOne(pass: PassContext, n: PendingNotification, catalog: Catalog): Promise<void> {
  const { deps } = pass;
  if (!('citizen' in n.to)) {
    await deps.outbox.post([n]);
    const staff = await deps.profiles.forRecipient(n.to);
    for (const s of staff) {
      if (!wantsEmail(s, n)) continue;
      const email = s.email as string;
      const text = renderNotification(n, { catalog, locale: s.locale, staffBaseUrl: deps.staffBaseUrl });
      const key = deliveryKey(n, 'email', s.username);
      await once(pass, n, key, () => deps.mail.send({ to: email, ...text, dedupeKey: key }));
    }
    return;
  }
  await deliverToCitizen(pass, n, catalog);
}

async function deliverToCitizen(pass: PassContext, n: PendingNotification, catalog: Catalog) {
  const { deps, holder } = pass;
  const locale: Locale = 'zh-CN';
  if (n.kind === 'mailbox_reply') {
    const p = n.params ?? {};
    if (!p.sealedAddress) return;
    const address = await deps.vault.openSecret(n.caseId, p.sealedAddress);
    const accessCode = p.sealedAccessCode
      ? await deps.vault.openSecret(n.caseId, p.sealedAccessCode)
      : undefined;
    const text = renderNotification(n, { catalog, locale, accessCode });
    const key = deliveryKey(n, 'email', 'reply');
    await once(pass, n, key, () => deps.mail.send({ to: address, ...text, dedupeKey: key }));
    return;
  }
  if (!holder.reporter || holder.anonymous) return;
  const contact = await pass.contact();
  const text = renderNotification(n, { catalog, locale });
  if (contact.email) {
    const to = contact.email;
    const key = deliveryKey(n, 'email', 'citizen');
    await once(pass, n, key, () => deps.mail.send({ to, ...text, dedupeKey: key }));
  }
  if (contact.phone) {
    const to = contact.phone;
    const key = deliveryKey(n, 'sms', 'citizen');
    await once(pass, n, key, () => deps.sms.send({ to, text: `【督办】${text.text}`, dedupeKey: key }));
  }
}
