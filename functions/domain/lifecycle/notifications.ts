/**
 * Notifications (通知) produced by lifecycle steps; the services store each as an outbox item.
 * Delivery (SMS, e-mail) is out of scope: staff read their outbox.
 */
export type Recipient = { office: string } | { role: 'dispatcher' | 'leader' };

export type NotificationKind =
  | 'assignment'
  | 'escalation'
  | 'accountability'
  | 'return'
  | 'extension_request'
  | 'extension_decision'
  | 'report_submitted'
  | 'closure'
  | 'sent_back'
  | 'reopened'
  | 'reclassified'
  | 'instruction'
  /** The monthly notice draft is ready (caseId holds `notice:<yyyy-mm>`). */
  | 'monthly_notice';

export interface Notification {
  readonly kind: NotificationKind;
  readonly to: Recipient;
  readonly caseId: string;
  readonly message: string;
  readonly messageEn: string;
}

export function recipientKey(to: Recipient): string {
  return 'office' in to ? `office:${to.office}` : `role:${to.role}`;
}
