/**
 * Notifications (通知) produced by lifecycle steps. A step's notifications are stored on the case item
 * in the same conditional write as the change (pending notifications), then delivered at least once by
 * the delivery service: the staff outbox, e-mail to staff who want it, e-mail/SMS to citizens who left
 * contact details. Texts are rendered at delivery time from `kind` + `params` (see ./render-notification).
 */
import type { CaseRecord } from '../case.js';

export type Recipient = { office: string } | { role: 'dispatcher' | 'leader' } | { citizen: true };

export const notificationKinds = [
  'assignment',
  'escalation',
  'accountability',
  'return',
  'extension_request',
  'extension_decision',
  'report_submitted',
  'closure',
  'sent_back',
  'reopened',
  'notice_published',
  /** The monthly notice draft is ready (caseId holds `noticerun:<yyyy-mm>`, the scheduled run). */
  'monthly_notice',
  'reclassified',
  'instruction',
  // To citizens (回访 and status changes).
  'receipt',
  'status_changed',
  'rate_request',
  'mailbox_reply',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Kinds staff may receive by e-mail (each one on or off on their profile). */
export const staffEmailKinds = [
  'assignment',
  'escalation',
  'accountability',
  'return',
  'extension_request',
  'extension_decision',
  'report_submitted',
  'sent_back',
  'reopened',
  'notice_published',
  'monthly_notice',
] as const satisfies readonly NotificationKind[];

/** Structured facts a text is rendered from (names and dates in words, in the reader's language). */
export interface NotificationParams {
  readonly officeId?: string | undefined;
  /** ISO instant of a deadline. */
  readonly due?: string | undefined;
  readonly days?: number | undefined;
  readonly reason?: string | undefined;
  /** Escalation level: 1 催办, 2 督办. */
  readonly level?: number | undefined;
  readonly approved?: boolean | undefined;
  readonly status?: string | undefined;
  /** Issue label of a monthly notice (e.g. 2026年第11期). */
  readonly issue?: string | undefined;
  /** A published notice: its month (yyyy-mm), page (path on the staff site), the reader's figures and rank. */
  readonly month?: string | undefined;
  readonly path?: string | undefined;
  readonly figures?: NoticeFigures | undefined;
  readonly rank?: number | undefined;
  /** Access code sealed with the reporter vault (mailbox auto-reply); opened only at delivery. */
  readonly sealedAccessCode?: string | undefined;
  /** Reply address for a mailbox auto-reply, sealed with the reporter vault. */
  readonly sealedAddress?: string | undefined;
}

/** Headline figures of a notice for one reader (the district, or one office). */
export interface NoticeFigures {
  readonly received: number;
  readonly closed: number;
  readonly onTimeRate: number | null;
  readonly satisfactionRate: number | null;
  readonly overdueOpen: number;
}

export interface Notification {
  readonly kind: NotificationKind;
  readonly to: Recipient;
  readonly caseId: string;
  /** Plain fallback texts (kinds without params); delivery renders from params when it can. */
  readonly message: string;
  readonly messageEn: string;
  readonly params?: NotificationParams | undefined;
}

/** A notification waiting on its case item until the delivery service has handled it. */
export interface PendingNotification extends Notification {
  /** De-duplication key: case id, the version the change produced, position. */
  readonly id: string;
  readonly at: string;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError?: string | undefined;
}

export function recipientKey(to: Recipient): string {
  if ('office' in to) return `office:${to.office}`;
  if ('role' in to) return `role:${to.role}`;
  return 'citizen';
}

/** Stamps a step's notifications for storage on the case item written at `version`. */
export function pendingNotifications(
  caseId: string,
  version: number,
  at: string,
  notifications: readonly Notification[],
): PendingNotification[] {
  return notifications.map((n, i) => ({
    ...n,
    id: `${caseId}.${version}.${i}`,
    at,
    attempts: 0,
    nextAttemptAt: at,
  }));
}

/** True when the reporter left a way to reach them (sealed phone or e-mail). */
export function citizenReachable(record: CaseRecord): boolean {
  return !record.anonymous && Boolean(record.reporter?.phone || record.reporter?.email);
}

/** 受理回执: the receipt a citizen with contact details gets when the case is filed. */
export function receiptNotification(record: CaseRecord): Notification[] {
  if (!citizenReachable(record)) return [];
  return [
    {
      kind: 'receipt',
      to: { citizen: true },
      caseId: record.id,
      message: '您的投诉已受理',
      messageEn: 'Your complaint was received',
    },
  ];
}

/**
 * What a citizen is told when a change moves their case: routed to an office, rejected, closed
 * (with a request to rate the outcome — 回访), reopened. Derived from the status change, so every
 * action that causes it notifies alike.
 */
export function citizenNotifications(before: CaseRecord, after: CaseRecord): Notification[] {
  if (!citizenReachable(after) || before.status === after.status) return [];
  const base = { to: { citizen: true } as const, caseId: after.id };
  if (after.status === 'closed') {
    return [
      { ...base, kind: 'rate_request', message: '您的投诉已办结，请评价', messageEn: 'Closed: please rate' },
    ];
  }
  const told = ['assigned', 'rejected', 'in_progress', 'merged'];
  if (!told.includes(after.status)) return [];
  // in_progress is news only when the case comes back (reopened); starting work is not.
  if (after.status === 'in_progress' && before.status !== 'closed') return [];
  return [
    {
      ...base,
      kind: 'status_changed',
      message: `案件状态：${after.status}`,
      messageEn: `Case status: ${after.status}`,
      params: {
        status: after.status,
        officeId: after.status === 'assigned' ? after.officeId : undefined,
        due: after.status === 'assigned' ? after.deadline : undefined,
      },
    },
  ];
}
