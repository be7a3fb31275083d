/**
 * Ports of the notification delivery service. DynamoDB adapters implement the queue (pending
 * notifications on case items + their sparse index), the delivery records, the dead letters and the
 * staff profiles; SES v2 / SNS on AWS and nodemailer / a local sink in the embedded runtime send.
 */

import type { SealedReporter } from '../domain/case.js';
import type { NotificationKind, PendingNotification, Recipient } from '../domain/lifecycle/notifications.js';
import type { Locale } from '../domain/lifecycle/render-notification.js';

/** What a deliverer learns when it takes a holder's lease: everything a pass reads, in that one call. */
export interface ClaimedHolder {
  /** The pending notifications stored on the item when the lease was taken. */
  readonly pending: PendingNotification[];
  /** The case's sealed reporter contact (absent: anonymous, none left, or a notice holder). */
  readonly reporter?: SealedReporter | undefined;
  readonly anonymous: boolean;
  /**
   * A previous deliverer's lease was still on the item: it stopped mid-pass (crash, store failure,
   * settle given up) without settling, so some deliveries may have been sent and not taken off the list.
   */
  readonly interrupted: boolean;
}

export type Settled =
  | { readonly outcome: 'settled' | 'lost' }
  | { readonly outcome: 'changed'; readonly pending: PendingNotification[] };

export interface NotificationQueue {
  /** Ids of cases holding notifications due at or before `now`, earliest first. */
  dueCases(now: string, limit: number): Promise<string[]>;
  /** The pending notifications stored on one case item (empty when none). */
  pending(caseId: string): Promise<PendingNotification[]>;
  /**
   * Replaces the first `count` pending entries with `remaining` and releases the lease — only while
   * the list still holds exactly `count` entries (nothing appended meanwhile) and the lease is still
   * `lease` (this deliverer's: one whose lease expired and was taken over settles nothing). `changed`
   * carries the list as it is now, to settle again; `lost` means another deliverer holds the case.
   */
  settle(
    caseId: string,
    lease: string,
    count: number,
    remaining: readonly PendingNotification[],
  ): Promise<Settled>;
  /**
   * Takes the case's delivery lease until `until` (one deliverer per case at a time, across
   * processes) and returns what the holder held at that moment; undefined while another deliverer
   * holds an unexpired lease or nothing is pending. `settle` releases it.
   */
  claim(caseId: string, now: string, until: string): Promise<ClaimedHolder | undefined>;
  /** Puts notifications back on their case (dead-letter retry); does not touch the case version. */
  requeue(caseId: string, notifications: readonly PendingNotification[]): Promise<void>;
}

/** De-duplication records: one per delivery (notification × channel × addressee). */
export interface DeliveryLog {
  /** Those of `keys` whose delivery was already completed (read consistently, in as few calls as the store allows). */
  sentAmong(keys: readonly string[]): Promise<Set<string>>;
  /** Records one completed delivery; written right after its send, one record per send. */
  markSent(key: string, at: string): Promise<void>;
}

export interface DeadLetter extends PendingNotification {
  readonly failedAt: string;
}

export interface DeadLetters {
  add(letter: DeadLetter): Promise<void>;
  list(opts?: { limit?: number }): Promise<DeadLetter[]>;
  /** Removes and returns a dead letter (to retry it); undefined when it is gone. */
  take(id: string): Promise<DeadLetter | undefined>;
}

/** A staff member's notification settings (stored beside the account). */
export interface StaffProfile {
  readonly username: string;
  /** Office or role group the staff member belongs to: office:<id> or role:<role>. */
  readonly group: string;
  readonly email?: string | undefined;
  readonly locale: Locale;
  /** Kinds the staff member wants by e-mail. */
  readonly emailKinds: readonly NotificationKind[];
}

export interface StaffProfiles {
  get(username: string): Promise<StaffProfile | undefined>;
  save(profile: StaffProfile): Promise<void>;
  /** Staff of one office or role (the recipient of an outbox notification). */
  forRecipient(to: Recipient): Promise<StaffProfile[]>;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** De-duplication key, also the Message-ID, so a receiving system can drop a repeat. */
  dedupeKey: string;
}

export interface OutgoingSms {
  to: string;
  text: string;
  dedupeKey: string;
}

export interface MailSender {
  send(mail: OutgoingEmail): Promise<void>;
}

export interface SmsSender {
  send(sms: OutgoingSms): Promise<void>;
}
