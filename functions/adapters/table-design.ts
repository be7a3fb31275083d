/**
 * The single-table design: table name, primary key, GSIs and the key templates that fill them.
 * The CDK stateful stack and the embedded runtime both build the table from `tableDesign`, and the
 * repository builds every key through the helpers below, so keys are defined exactly once.
 */

export interface IndexDesign {
  /** GSI name. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** What the index answers (documentation only). */
  readonly purpose: string;
}

export const tableDesign = {
  /** Default table name; the deployed name comes from the environment (TABLE_NAME). */
  defaultTableName: 'duban',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    {
      name: 'byOfficeQueue',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      purpose: 'open cases of one office (OFFICE#<id>#OPEN), sorted by deadline',
    },
    {
      name: 'byStatus',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      purpose: 'dispatcher queues: cases by status (STATUS#<status>), sorted by time received',
    },
    {
      name: 'byOfficeMonth',
      partitionKey: 'gsi3pk',
      sortKey: 'gsi3sk',
      purpose: 'reports: cases received in a month by office (MONTH#<yyyy-mm>#OFFICE#<id>)',
    },
    {
      name: 'bySubject',
      partitionKey: 'gsi4pk',
      sortKey: 'gsi4sk',
      purpose: 'repeat complaints about the same school, institution or teacher (SUBJECT#<kind>#<name>)',
    },
    {
      name: 'byWake',
      partitionKey: 'wakepk',
      sortKey: 'wakesk',
      purpose:
        'sparse wake index: open cases the workflow must look at again (WAKE#<bucket>), sorted by wake time; the scheduler starts executions for due ones',
    },
    {
      name: 'byOfficeStatus',
      partitionKey: 'gsi5pk',
      sortKey: 'gsi5sk',
      purpose: 'one office × one status (OFFICE#<id>#STATUS#<status>), sorted by time received',
    },
    {
      name: 'byCategory',
      partitionKey: 'gsi6pk',
      sortKey: 'gsi6sk',
      purpose: 'cases of one category (CATEGORY#<code>), sorted by time received (month = a sort-key range)',
    },
    {
      name: 'byTriage',
      partitionKey: 'gsi7pk',
      sortKey: 'gsi7sk',
      purpose:
        'sparse dispatcher queues: TRIAGE#extension (request pending), TRIAGE#unrouted (no rule matched)',
    },
    {
      name: 'byEscalation',
      partitionKey: 'gsi8pk',
      sortKey: 'gsi8sk',
      purpose: 'sparse: open cases at 催办/督办/问责 (ESCALATED), highest level first, then by deadline',
    },
    {
      name: 'byReporterPhone',
      partitionKey: 'gsi9pk',
      sortKey: 'gsi9sk',
      purpose:
        "sparse: a reporter's earlier cases by a keyed hash of the phone (PHONE#<hmac>), never the number",
    },
    {
      name: 'byMonth',
      partitionKey: 'gsi10pk',
      sortKey: 'gsi10sk',
      purpose: 'every case received in a month, all offices (MONTH#<yyyy-mm>), sorted by time received',
    },
    {
      name: 'byEnteredBy',
      partitionKey: 'gsi11pk',
      sortKey: 'gsi11sk',
      purpose: 'sparse: cases a staff member entered (ENTERED#<username>): an operator’s own list',
    },
    {
      name: 'byFinishMonth',
      partitionKey: 'rptFinishPk',
      sortKey: 'rptFinishSk',
      purpose:
        'reports: cases closed, rejected or merged in a month by office (FINISHED#<yyyy-mm>#OFFICE#<id>), sorted by time received',
    },
    {
      name: 'byEarlyDueMonth',
      partitionKey: 'rptEarlyPk',
      sortKey: 'rptEarlySk',
      purpose:
        'reports: cases closed before the month their deadline falls in (DUE#<yyyy-mm>#OFFICE#<id>), sorted by time received',
    },
    {
      name: 'byPendingNotification',
      partitionKey: 'notifyPk',
      sortKey: 'notifySk',
      purpose: 'sparse: cases with undelivered notifications (NOTIFY#PENDING), by next attempt time',
    },
    {
      name: 'byWorkOrderChange',
      partitionKey: 'orderPk',
      sortKey: 'orderSk',
      purpose:
        'sparse: cases filed from 12345 work orders (WORKORDER#12345) by last change: replies polled with a since cursor',
    },
  ] as const satisfies readonly IndexDesign[],
} as const;

export type IndexName = (typeof tableDesign.indexes)[number]['name'];

/**
 * Buckets of the wake index. A case's bucket is a hash of its id, so wake writes spread over
 * partitions (no hot key on AWS) and a sweeper asks each bucket for its due cases in wake order.
 */
export const WAKE_BUCKETS = 8;

/** The wake bucket of a case: FNV-1a of its id, modulo WAKE_BUCKETS. */
export function wakeBucket(caseId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) {
    h ^= caseId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % WAKE_BUCKETS;
}

/** Office id used in report partitions before routing has picked an office. */
export const UNROUTED_OFFICE = 'UNROUTED';

/** Sort-key prefix of an escalation level on `byEscalation` (level 3 sorts first). */
export const escalationRank = (level: number) => String(9 - level);

export const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  idempotency: (key: string) => ({ pk: `IDEM#${key}`, sk: 'IDEM' }),
  referenceData: (name: string) => ({ pk: `REF#${name}`, sk: 'CURRENT' }),
  staff: (username: string) => ({ pk: `STAFF#${username}`, sk: 'STAFF' }),
  /** One fixed window of one rate limit for one key (client IP, account + address); expires by TTL. */
  rateWindow: (limit: string, key: string, window: number) => ({
    pk: `RATE#${limit}#${key}`,
    sk: `W#${window}`,
  }),
  /** Session version and login-throttle generation of one staff account (local or Cognito). */
  session: (username: string) => ({ pk: `SESSION#${username}`, sk: 'SESSION' }),
  /** The enabled admins as one string set: removing one is conditional on another remaining. */
  adminRoster: () => ({ pk: 'ADMINS', sk: 'ROSTER' }),
  /** Notifications for one recipient (office:<id> or role:<role>), newest last. */
  outbox: (recipient: string, at: string, caseId: string, n: number) => ({
    pk: `OUTBOX#${recipient}`,
    sk: `${at}#${caseId}#${n}`,
  }),
  outboxPartition: (recipient: string) => `OUTBOX#${recipient}`,
  /** A case filed from a 12345 work order, by the time of its last change (reply polling). */
  workOrderChange: (changedAt: string, caseId: string) => ({
    orderPk: 'WORKORDER#12345',
    orderSk: `${changedAt}#${caseId}`,
  }),
  workOrderChangePartition: 'WORKORDER#12345',
  /** An Open311 app by the SHA-256 digest of its api_key (the key itself is never stored). */
  open311Key: (digest: string) => ({ pk: `OPEN311KEY#${digest}`, sk: 'KEY' }),
  /** Registered Open311 apps (admin list). */
  open311App: (appId: string) => ({ pk: 'OPEN311APP', sk: appId }),
  open311AppPartition: 'OPEN311APP',
  /** Progress and summary of one 12345 import. */
  workOrderImport: (id: string) => ({ pk: `IMPORT#${id}`, sk: 'IMPORT' }),
  /** Sparse index entry of a case whose item holds undelivered notifications. */
  pendingNotification: (nextAttemptAt: string, caseId: string) => ({
    notifyPk: 'NOTIFY#PENDING',
    notifySk: `${nextAttemptAt}#${caseId}`,
  }),
  pendingNotificationPartition: 'NOTIFY#PENDING',
  /** One delivery (notification × channel × address owner): the de-duplication record. */
  delivery: (dedupeKey: string) => ({ pk: `DELIVERY#${dedupeKey}`, sk: 'DELIVERY' }),
  /** Notifications that exhausted their retries (admin list), by notification id. */
  deadLetter: (notificationId: string) => ({ pk: 'DEADLETTER', sk: notificationId }),
  deadLetterPartition: 'DEADLETTER',
  /** A staff member's notification profile (e-mail, language, kinds wanted), beside the account. */
  staffProfile: (username: string) => ({ pk: `STAFF#${username}`, sk: 'PROFILE' }),
  staffProfileGroup: (recipient: string, username: string) => ({
    gsi2pk: `STAFFNOTIFY#${recipient}`,
    gsi2sk: username,
  }),
  staffProfileGroupPartition: (recipient: string) => `STAFFNOTIFY#${recipient}`,
  officeQueue: (officeId: string, deadline: string, caseId: string) => ({
    gsi1pk: `OFFICE#${officeId}#OPEN`,
    gsi1sk: `${deadline}#${caseId}`,
  }),
  officeQueuePartition: (officeId: string) => `OFFICE#${officeId}#OPEN`,
  /** Finished cases (closed, rejected, merged) of one office, on the same index, by time finished. */
  officeFinished: (officeId: string, finishedAt: string, caseId: string) => ({
    gsi1pk: `OFFICE#${officeId}#DONE`,
    gsi1sk: `${finishedAt}#${caseId}`,
  }),
  officeFinishedPartition: (officeId: string) => `OFFICE#${officeId}#DONE`,
  officeStatus: (officeId: string, status: string, receivedAt: string, caseId: string) => ({
    gsi5pk: `OFFICE#${officeId}#STATUS#${status}`,
    gsi5sk: `${receivedAt}#${caseId}`,
  }),
  officeStatusPartition: (officeId: string, status: string) => `OFFICE#${officeId}#STATUS#${status}`,
  category: (category: string, receivedAt: string, caseId: string) => ({
    gsi6pk: `CATEGORY#${category}`,
    gsi6sk: `${receivedAt}#${caseId}`,
  }),
  categoryPartition: (category: string) => `CATEGORY#${category}`,
  triage: (queue: 'extension' | 'unrouted', since: string, caseId: string) => ({
    gsi7pk: `TRIAGE#${queue}`,
    gsi7sk: `${since}#${caseId}`,
  }),
  triagePartition: (queue: 'extension' | 'unrouted') => `TRIAGE#${queue}`,
  /** Sort key starts with 9 − level, so an ascending query lists 问责 (3) first, then 督办, then 催办. */
  escalated: (level: number, deadline: string, caseId: string) => ({
    gsi8pk: 'ESCALATED',
    gsi8sk: `${escalationRank(level)}#${deadline}#${caseId}`,
  }),
  escalatedPartition: () => 'ESCALATED',
  reporterPhone: (phoneKey: string, receivedAt: string, caseId: string) => ({
    gsi9pk: `PHONE#${phoneKey}`,
    gsi9sk: `${receivedAt}#${caseId}`,
  }),
  reporterPhonePartition: (phoneKey: string) => `PHONE#${phoneKey}`,
  month: (month: string, receivedAt: string, caseId: string) => ({
    gsi10pk: `MONTH#${month}`,
    gsi10sk: `${receivedAt}#${caseId}`,
  }),
  monthPartition: (month: string) => `MONTH#${month}`,
  enteredBy: (username: string, receivedAt: string, caseId: string) => ({
    gsi11pk: `ENTERED#${username}`,
    gsi11sk: `${receivedAt}#${caseId}`,
  }),
  enteredByPartition: (username: string) => `ENTERED#${username}`,
  statusQueue: (status: string, receivedAt: string, caseId: string) => ({
    gsi2pk: `STATUS#${status}`,
    gsi2sk: `${receivedAt}#${caseId}`,
  }),
  statusQueuePartition: (status: string) => `STATUS#${status}`,
  officeMonth: (month: string, officeId: string, receivedAt: string, caseId: string) => ({
    gsi3pk: `MONTH#${month}#OFFICE#${officeId}`,
    gsi3sk: `${receivedAt}#${caseId}`,
  }),
  officeMonthPartition: (month: string, officeId: string) => `MONTH#${month}#OFFICE#${officeId}`,
  subject: (subjectKey: string, receivedAt: string, caseId: string) => ({
    gsi4pk: `SUBJECT#${subjectKey}`,
    gsi4sk: `${receivedAt}#${caseId}`,
  }),
  subjectPartition: (subjectKey: string) => `SUBJECT#${subjectKey}`,
  /** When the workflow must look at the case again (ISO instant); absent when nothing is due. */
  wake: (caseId: string, wakeAt: string) => ({
    wakepk: `WAKE#${wakeBucket(caseId)}`,
    wakesk: `${wakeAt}#${caseId}`,
  }),
  wakePartition: (bucket: number) => `WAKE#${bucket}`,
  /** Upper bound of the sort keys due at `now` (every `<wakeAt>#<id>` with wakeAt ≤ now sorts below it). */
  wakeDueBound: (now: string) => `${now}#\uffff`,
  /** Sparse: finished cases (closed 销号, rejected, merged) by month of closedAt. */
  finishMonth: (month: string, officeId: string, receivedAt: string, caseId: string) => ({
    rptFinishPk: `FINISHED#${month}#OFFICE#${officeId}`,
    rptFinishSk: `${receivedAt}#${caseId}`,
  }),
  finishMonthPartition: (month: string, officeId: string) => `FINISHED#${month}#OFFICE#${officeId}`,
  /** Sparse: closed cases whose deadline falls in a later month than the closure. */
  earlyDueMonth: (deadlineMonth: string, officeId: string, receivedAt: string, caseId: string) => ({
    rptEarlyPk: `DUE#${deadlineMonth}#OFFICE#${officeId}`,
    rptEarlySk: `${receivedAt}#${caseId}`,
  }),
  earlyDueMonthPartition: (month: string, officeId: string) => `DUE#${month}#OFFICE#${officeId}`,
  /** Published monthly notices (月度督查通报): one item per version, never overwritten. */
  notice: (month: string, version: number) => ({
    pk: 'NOTICE#MONTHLY',
    sk: `${month}#V${String(version).padStart(4, '0')}`,
  }),
  noticePartition: () => 'NOTICE#MONTHLY',
  /** 期号 claimed by a month within its year (one item per issue number, conditional put). */
  noticeIssue: (year: string, issue: number) => ({
    pk: `NOTICEISSUE#${year}`,
    sk: String(issue).padStart(3, '0'),
  }),
  noticeIssuePartition: (year: string) => `NOTICEISSUE#${year}`,
  /** The scheduled drafting of a month's notice has run (conditional put: once per month). */
  noticeRun: (month: string) => ({ pk: `NOTICERUN#${month}`, sk: 'RUN' }),
} as const;
