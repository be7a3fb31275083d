import type { CaseStatus } from './case-status.js';
import type { SubjectKind } from './reference/catalog.js';

/** How a complaint reached us (受理渠道). */
export const channels = ['web', 'hotline', 'mailbox', 'email', 'inspection'] as const;
export type Channel = (typeof channels)[number];

/** Reporter contact details, only ever held in memory in the clear. */
export interface ReporterContact {
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

/** Reporter contact details as stored: each field a ciphertext (base64), encrypted separately. */
export type SealedReporter = { [K in keyof ReporterContact]?: string };

/** One entry of the append-only case history (办理记录). */
export interface CaseEvent {
  readonly type: string;
  /** ISO-8601 instant. */
  readonly at: string;
  /** Username of a staff member, `citizen`, or `system` (the workflow). */
  readonly actor: string;
  readonly [detail: string]: unknown;
}

/** The case item: the unit of consistency. Every change bumps `version` and appends to `events`. */
export interface CaseRecord {
  readonly id: string;
  readonly version: number;
  readonly status: CaseStatus;
  readonly channel: Channel;
  readonly category: string;
  readonly area: string;
  readonly subject: { readonly kind: SubjectKind; readonly name: string };
  readonly description: string;
  readonly occurredOn?: string | undefined;
  readonly grade?: number | undefined;
  readonly urgent: boolean;
  readonly anonymous: boolean;
  readonly reporter?: SealedReporter | undefined;
  /** Salted hash of the citizen's access code (salt$hash, base64); the code itself is never stored. */
  readonly accessCodeHash: string;
  readonly receivedAt: string;
  /** Staff member who entered the case (hotline operator, inspector), if any. */
  readonly enteredBy?: string | undefined;
  readonly officeId?: string | undefined;
  readonly deadline?: string | undefined;
  /** 0 none, 1 催办 (urged), 2 督办 (supervised), 3 问责 (accountability). */
  readonly escalationLevel: number;
  readonly events: readonly CaseEvent[];
}

/** What intake needs to build a new case; validated at the edge before it gets here. */
export interface NewComplaint {
  channel: Channel;
  category: string;
  area: string;
  subject: { kind: SubjectKind; name: string };
  description: string;
  occurredOn?: string | undefined;
  grade?: number | undefined;
  urgent?: boolean | undefined;
  anonymous: boolean;
  reporter?: ReporterContact | undefined;
}

export function newCaseRecord(args: {
  id: string;
  complaint: NewComplaint;
  sealedReporter: SealedReporter | undefined;
  accessCodeHash: string;
  receivedAt: Date;
  enteredBy?: string | undefined;
  urgentByDefault: boolean;
}): CaseRecord {
  const { complaint: c } = args;
  const receivedAt = args.receivedAt.toISOString();
  const actor = args.enteredBy ?? 'citizen';
  return {
    id: args.id,
    version: 1,
    status: 'submitted',
    channel: c.channel,
    category: c.category,
    area: c.area,
    subject: { kind: c.subject.kind, name: c.subject.name.trim() },
    description: c.description,
    occurredOn: c.occurredOn,
    grade: c.grade,
    urgent: c.urgent ?? args.urgentByDefault,
    anonymous: c.anonymous,
    reporter: c.anonymous ? undefined : args.sealedReporter,
    accessCodeHash: args.accessCodeHash,
    receivedAt,
    enteredBy: args.enteredBy,
    escalationLevel: 0,
    events: [{ type: 'submitted', at: receivedAt, actor, channel: c.channel }],
  };
}

/** Key for finding repeat complaints about the same subject: kind + name without spaces or case. */
export function subjectKey(subject: { kind: string; name: string }): string {
  return `${subject.kind}#${subject.name.normalize('NFKC').replace(/\s+/g, '').toLowerCase()}`;
}

/** Month received (yyyy-mm, Asia/Shanghai) for report partitions. */
export function receivedMonth(receivedAt: string): string {
  const shanghai = new Date(Date.parse(receivedAt) + 8 * 3600_000);
  return shanghai.toISOString().slice(0, 7);
}
