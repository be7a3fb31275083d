import type { CaseStatus } from './case-status.js';
import type { EvidenceRef } from './evidence/evidence.js';
import type { SubjectKind } from './reference/catalog.js';

/** How a complaint reached us (受理渠道). */
export const channels = ['web', 'hotline', 'mailbox', 'email', 'inspection', '12345', 'open311'] as const;
export type Channel = (typeof channels)[number];

/** Reporter contact details, only ever held in memory in the clear. */
export interface ReporterContact {
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

/**
 * Reporter contact details as stored. Since format 2 all fields are one ciphertext (`envelope`,
 * base64) and each field present is marked with SEALED_IN_ENVELOPE, so what a case can be told
 * (phone, e-mail) is known without decrypting. Format 1 (older cases): each field its own ciphertext.
 */
export type SealedReporter = { [K in keyof ReporterContact]?: string } & { envelope?: string };

/** Marks a reporter field whose value is inside the SealedReporter's envelope. */
export const SEALED_IN_ENVELOPE = '#';

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
  /**
   * Keyed hash (HMAC) of the reporter's phone, so staff can find a caller's earlier cases without the
   * number being stored or sent in clear. Absent for anonymous complaints.
   */
  readonly reporterPhoneKey?: string | undefined;
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

  // Handling (办理) — set by routing and the lifecycle actions.
  /** When the current office got the case (starts the return window). */
  readonly assignedAt?: string | undefined;
  /** Due date of the current escalation rung (催办/督办), after the handling deadline passed. */
  readonly escalationDue?: string | undefined;
  /** Department that co-handles (协办), e.g. 市场监管局 for unlicensed institutions. */
  readonly coHandling?: { readonly name: string; readonly nameEn: string } | undefined;
  readonly extensionRequest?: ExtensionRequest | undefined;
  readonly extensionsUsed?: number | undefined;
  readonly report?: HandlingReport | undefined;
  readonly closedAt?: string | undefined;
  /** Times the case was reopened after an unsatisfied rating (at most once). */
  readonly reopenCount?: number | undefined;
  /** Workflow cycle: 1 from intake, 2 after a reopen; part of the execution name. */
  readonly cycle?: number | undefined;
  readonly mergedInto?: string | undefined;
  /** Office that returned the case (退回), while a dispatcher decides. */
  readonly returnedBy?: string | undefined;
  readonly accountability?: readonly AccountabilityRecord[] | undefined;
  readonly feedback?: readonly CitizenFeedback[] | undefined;
  /** Leader instructions (领导批示), shown to the office handling the case. */
  readonly instructions?: readonly Instruction[] | undefined;
  /** A 12345 work order (工单) this case was filed from; replies go back to the platform. */
  readonly workOrder?: WorkOrderRef | undefined;
  /** Evidence files (证据材料) in object storage, referenced by key; the files never enter the item. */
  readonly evidence?: readonly EvidenceRef[] | undefined;
}

export interface Instruction {
  readonly at: string;
  readonly by: string;
  readonly text: string;
}

/** What a case keeps of the 12345 order it came from. */
export interface WorkOrderRef {
  readonly orderNo: string;
  /** The platform's deadline (办理时限) as an instant; routing takes the earlier of it and ours. */
  readonly platformDeadline?: string | undefined;
  /** The platform's 诉求类型 code and 所属区域 as sent (kept for triage when they map to nothing). */
  readonly typeCode: string;
  readonly region: string;
  /** 是否保密: the reporter asked for confidentiality; no export ever carries contact details. */
  readonly confidential: boolean;
}

export interface ExtensionRequest {
  readonly days: number;
  readonly reason: string;
  readonly requestedAt: string;
  readonly requestedBy: string;
}

export const findings = ['substantiated', 'partly_substantiated', 'unsubstantiated'] as const;
/** 属实 / 部分属实 / 不属实 */
export type Finding = (typeof findings)[number];

export interface HandlingReport {
  readonly finding: Finding;
  /** Actions taken (处理措施). */
  readonly actions: string;
  /** Reply to the citizen (答复意见), shown on the public timeline at closure. */
  readonly reply: string;
  readonly submittedAt: string;
  readonly submittedBy: string;
}

/** 问责 measures from the seeds: 约谈, 通报批评, 责令整改, 取消评优, other. */
export const accountabilityMeasures = [
  'interview',
  'public_criticism',
  'rectification',
  'disqualify_awards',
  'other',
] as const;
export type AccountabilityMeasure = (typeof accountabilityMeasures)[number];

export interface AccountabilityRecord {
  readonly at: string;
  /** `system` when the workflow opened it (deadline ladder exhausted), else the dispatcher. */
  readonly by: string;
  readonly officeId: string;
  readonly measure?: AccountabilityMeasure | undefined;
  readonly targetUnit?: string | undefined;
  readonly note?: string | undefined;
}

export const ratings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof ratings)[number];

export interface CitizenFeedback {
  readonly at: string;
  readonly rating: Rating;
  readonly comment?: string | undefined;
  /** Workflow cycle whose outcome was rated (one rating per closure). */
  readonly cycle?: number | undefined;
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
  workOrder?: WorkOrderRef | undefined;
  /** Staged upload ids of photos to attach (up to 5). */
  evidence?: readonly string[] | undefined;
}

export function newCaseRecord(args: {
  id: string;
  complaint: NewComplaint;
  sealedReporter: SealedReporter | undefined;
  accessCodeHash: string;
  receivedAt: Date;
  enteredBy?: string | undefined;
  urgentByDefault: boolean;
  /** Attached evidence files (already copied under the case). */
  evidence?: readonly EvidenceRef[] | undefined;
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
    cycle: 1,
    ...(c.workOrder ? { workOrder: c.workOrder } : {}),
    evidence: args.evidence?.length ? args.evidence : undefined,
    events: [{ type: 'submitted', at: receivedAt, actor, channel: c.channel }],
  };
}

/** Category code of a case that arrived without one (mailbox, unmapped 12345 order): 待分类. */
export const UNCLASSIFIED = '';

/** True while a case waits in the dispatcher's triage queue for category and area (not yet routed). */
export function awaitingTriage(record: Pick<CaseRecord, 'status' | 'category' | 'area'>): boolean {
  return record.status === 'submitted' && (record.category === UNCLASSIFIED || record.area === UNCLASSIFIED);
}

/**
 * Bytes of the normalised name kept in the subject key. NFKC can grow text a lot (U+FDFA becomes 18
 * characters): 100 of them in a name made a 3,015-byte key, past DynamoDB's 2,048-byte limit for a
 * partition key (1,024 for a sort key). 512 bytes keeps any index key built from it well inside.
 */
export const MAX_SUBJECT_NAME_KEY_BYTES = 512;

/** The longest prefix of `text` (whole code points) that is at most `maxBytes` in UTF-8. */
export function utf8Prefix(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    bytes += encoder.encode(ch).length;
    if (bytes > maxBytes) break;
    out += ch;
  }
  return out;
}

/** Key for finding repeat complaints about the same subject: kind + name without spaces or case. */
export function subjectKey(subject: { kind: string; name: string }): string {
  const name = subject.name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return `${subject.kind}#${utf8Prefix(name, MAX_SUBJECT_NAME_KEY_BYTES)}`;
}

/** Month received (yyyy-mm, Asia/Shanghai) for report partitions. */
export function receivedMonth(receivedAt: string): string {
  const shanghai = new Date(Date.parse(receivedAt) + 8 * 3600_000);
  return shanghai.toISOString().slice(0, 7);
}

/** The instants bounding a month in Asia/Shanghai: [from, to) as ISO strings (UTC). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const shanghaiMidnight = (year: number, monthIndex: number) =>
    new Date(Date.UTC(year, monthIndex, 1) - 8 * 3600_000).toISOString();
  return { from: shanghaiMidnight(y, m - 1), to: shanghaiMidnight(y, m) };
}
