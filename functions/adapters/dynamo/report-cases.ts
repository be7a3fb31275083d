/**
 * The cases of a month for the monthly notice, read from index partitions — never a Scan. Five
 * disjoint sets make up the cases that can count in month M (see functions/domain/reports/case-facts.ts):
 *   A  received in M                           byOfficeMonth   MONTH#M#OFFICE#o
 *   B  received before M, finished in M        byFinishMonth   FINISHED#M#OFFICE#o,  sk < start of M
 *   C1 received before M, still open now       byStatus        STATUS#<open status>, sk < start of M
 *   C2 received before M, finished after M     byFinishMonth   FINISHED#M'#OFFICE#o for M < M' ≤ now, sk < start of M
 *   D  closed before M, deadline in M          byEarlyDueMonth DUE#M#OFFICE#o
 * Each key condition returns exactly its cases, so the items read equal the cases found.
 */
import type { DynamoDBClient, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { CaseRecord } from '../../domain/case.js';
import type { CaseStatus } from '../../domain/case-status.js';
import { addMonths, monthBounds, monthOf, monthsBetween } from '../../domain/reports/month.js';
import type { ReportCaseSource } from '../../services/reports/ports.js';
import { keys, UNROUTED_OFFICE } from '../table-design.js';
import { itemToCase } from './case-item.js';
import { queryAll } from './query-all.js';

const OPEN_STATUSES: readonly CaseStatus[] = [
  'submitted',
  'assigned',
  'in_progress',
  'pending_review',
  'returned',
];
/** Partitions read at once. */
const CONCURRENCY = 8;

interface Partition {
  index: string;
  pkName: string;
  skName: string;
  pk: string;
  /** Only items whose sort key (receivedAt#id) is before this. */
  before?: string;
}

export function reportPartitions(month: string, officeIds: readonly string[], now: Date): Partition[] {
  const offices = [...officeIds, UNROUTED_OFFICE];
  const start = monthBounds(month).start;
  const received = (o: string): Partition => ({
    index: 'byOfficeMonth',
    pkName: 'gsi3pk',
    skName: 'gsi3sk',
    pk: keys.officeMonthPartition(month, o),
  });
  const finished = (m: string, o: string): Partition => ({
    index: 'byFinishMonth',
    pkName: 'rptFinishPk',
    skName: 'rptFinishSk',
    pk: keys.finishMonthPartition(m, o),
    before: start,
  });
  const early = (o: string): Partition => ({
    index: 'byEarlyDueMonth',
    pkName: 'rptEarlyPk',
    skName: 'rptEarlySk',
    pk: keys.earlyDueMonthPartition(month, o),
  });
  const open = (s: CaseStatus): Partition => ({
    index: 'byStatus',
    pkName: 'gsi2pk',
    skName: 'gsi2sk',
    pk: keys.statusQueuePartition(s),
    before: start,
  });
  const later = monthsBetween(addMonths(month, 1), monthOf(now));
  return [
    ...offices.map(received),
    ...offices.map((o) => finished(month, o)),
    ...OPEN_STATUSES.map(open),
    ...later.flatMap((m) => offices.map((o) => finished(m, o))),
    ...offices.map(early),
  ];
}

export function createReportCaseSource(client: DynamoDBClient, tableName: string): ReportCaseSource {
  return {
    async casesForMonth(month, officeIds, now, onProgress) {
      const partitions = reportPartitions(month, officeIds, now);
      const cases: CaseRecord[] = [];
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < partitions.length) {
          const p = partitions[next++] as Partition;
          const input: QueryCommandInput = {
            TableName: tableName,
            IndexName: p.index,
            KeyConditionExpression: p.before ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
            ExpressionAttributeNames: p.before ? { '#pk': p.pkName, '#sk': p.skName } : { '#pk': p.pkName },
            ExpressionAttributeValues: marshall(
              p.before ? { ':pk': p.pk, ':before': p.before } : { ':pk': p.pk },
            ),
          };
          for (const item of await queryAll(client, input)) cases.push(itemToCase(item));
          onProgress?.(++done / partitions.length);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, partitions.length) }, worker));
      return { cases, itemsRead: cases.length };
    },
  };
}
