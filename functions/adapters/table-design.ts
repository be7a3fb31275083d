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

export const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  idempotency: (key: string) => ({ pk: `IDEM#${key}`, sk: 'IDEM' }),
  referenceData: (name: string) => ({ pk: `REF#${name}`, sk: 'CURRENT' }),
  staff: (username: string) => ({ pk: `STAFF#${username}`, sk: 'STAFF' }),
  /** Notifications for one recipient (office:<id> or role:<role>), newest last. */
  outbox: (recipient: string, at: string, caseId: string, n: number) => ({
    pk: `OUTBOX#${recipient}`,
    sk: `${at}#${caseId}#${n}`,
  }),
  outboxPartition: (recipient: string) => `OUTBOX#${recipient}`,
  officeQueue: (officeId: string, deadline: string, caseId: string) => ({
    gsi1pk: `OFFICE#${officeId}#OPEN`,
    gsi1sk: `${deadline}#${caseId}`,
  }),
  officeQueuePartition: (officeId: string) => `OFFICE#${officeId}#OPEN`,
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
} as const;
