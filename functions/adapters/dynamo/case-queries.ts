/**
 * Staff case lists and queue counts (案件列表/队列计数), each one key condition on one index partition —
 * never a Scan and never a FilterExpression under a Limit. A queue maps to (index, partition, optional
 * sort-key range, direction); the cursor is that partition's LastEvaluatedKey, bound to the queue it
 * came from, so it stays small however many offices there are.
 */
import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { monthRange } from '../../domain/case.js';
import type { CaseQueries, CaseQueue } from '../../services/ports.js';
import { escalationRank, type IndexName, keys, tableDesign } from '../table-design.js';
import { itemToCase } from './case-item.js';
import { asStoreKey, type CursorSealer } from './cursor.js';
import { withStoreRetry } from './retry.js';

interface KeyPlan {
  index: IndexName;
  pk: string;
  /** Sort-key range: `between` (inclusive ends; keys carry a #id suffix so `to` acts exclusive). */
  range?: { from?: string; to?: string; prefix?: string };
  forward: boolean;
}

const MONTH_OF = (month: string | undefined) => (month ? monthRange(month) : undefined);

/** The one index partition (and range) that answers a queue. */
export function planFor(q: CaseQueue): KeyPlan {
  switch (q.kind) {
    case 'office_open':
      return {
        index: 'byOfficeQueue',
        pk: keys.officeQueuePartition(q.officeId),
        range: { from: q.deadlineFrom, to: q.deadlineBefore },
        forward: true,
      };
    case 'office_finished':
      return { index: 'byOfficeQueue', pk: keys.officeFinishedPartition(q.officeId), forward: false };
    case 'office_status':
      return {
        index: 'byOfficeStatus',
        pk: keys.officeStatusPartition(q.officeId, q.status),
        range: MONTH_OF(q.month),
        forward: q.oldestFirst ?? false,
      };
    case 'status':
      return {
        index: 'byStatus',
        pk: keys.statusQueuePartition(q.status),
        range: MONTH_OF(q.month),
        forward: q.oldestFirst ?? false,
      };
    case 'category':
      return {
        index: 'byCategory',
        pk: keys.categoryPartition(q.category),
        range: MONTH_OF(q.month),
        forward: false,
      };
    case 'office_month':
      return { index: 'byOfficeMonth', pk: keys.officeMonthPartition(q.month, q.officeId), forward: false };
    case 'month':
      return { index: 'byMonth', pk: keys.monthPartition(q.month), forward: false };
    case 'entered_by':
      return {
        index: 'byEnteredBy',
        pk: keys.enteredByPartition(q.username),
        range: MONTH_OF(q.month),
        forward: false,
      };
    case 'triage':
      return { index: 'byTriage', pk: keys.triagePartition(q.queue), forward: true };
    case 'escalated':
      return {
        index: 'byEscalation',
        pk: keys.escalatedPartition(),
        range: q.level ? { prefix: `${escalationRank(q.level)}#` } : undefined,
        forward: true,
      };
    case 'subject':
      return { index: 'bySubject', pk: keys.subjectPartition(q.subjectKey), forward: false };
    case 'phone':
      return { index: 'byReporterPhone', pk: keys.reporterPhonePartition(q.phoneKey), forward: false };
  }
}

function keyCondition(plan: KeyPlan) {
  const ix = tableDesign.indexes.find((i) => i.name === plan.index);
  if (!ix) throw new Error(`no index ${plan.index}`);
  const names: Record<string, string> = { '#pk': ix.partitionKey, '#sk': ix.sortKey };
  const values: Record<string, string> = { ':pk': plan.pk };
  let expr = '#pk = :pk';
  const r = plan.range;
  if (r?.prefix) {
    expr += ' AND begins_with(#sk, :prefix)';
    values[':prefix'] = r.prefix;
  } else if (r?.from && r.to) {
    expr += ' AND #sk BETWEEN :from AND :to';
    Object.assign(values, { ':from': r.from, ':to': r.to });
  } else if (r?.from) {
    expr += ' AND #sk >= :from';
    values[':from'] = r.from;
  } else if (r?.to) {
    expr += ' AND #sk < :to';
    values[':to'] = r.to;
  } else {
    delete names['#sk'];
  }
  return { ix, expr, names, values };
}

/** What a cursor is bound to: the queue (not the page size), so it cannot be replayed on another list. */
const scopeOf = (q: CaseQueue) => `cases:${JSON.stringify(q)}`;

/** Read-ahead while filling a page through an in-memory scope check. */
const FILL_BATCH = 100;

export function createCaseQueries(
  client: DynamoDBClient,
  tableName: string,
  cursors: CursorSealer,
): CaseQueries {
  const query = (input: ConstructorParameters<typeof QueryCommand>[0]) =>
    withStoreRetry(() => client.send(new QueryCommand(input)));

  return {
    async list(q, { limit, cursor, accept }) {
      const plan = planFor(q);
      const { ix, expr, names, values } = keyCondition(plan);
      let start = cursor ? asStoreKey(await cursors.open(scopeOf(q), cursor)) : undefined;
      const items: Record<string, AttributeValue>[] = [];
      let more = true;
      while (items.length < limit && more) {
        const res = await query({
          TableName: tableName,
          IndexName: plan.index,
          KeyConditionExpression: expr,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshall(values),
          ScanIndexForward: plan.forward,
          // One more than the page needs, so a page that ends the queue says so (no empty last page).
          Limit: accept ? Math.max(FILL_BATCH, limit - items.length + 1) : limit - items.length + 1,
          ExclusiveStartKey: start,
        });
        more = res.LastEvaluatedKey !== undefined;
        start = res.LastEvaluatedKey;
        for (const raw of res.Items ?? []) {
          if (items.length === limit) {
            // The page filled in the middle of a read-ahead batch: resume right after the last kept item.
            more = true;
            break;
          }
          if (!accept || accept(itemToCase(unmarshall(raw)))) items.push(raw);
          start = pick(raw, ix.partitionKey, ix.sortKey);
        }
      }
      return {
        items: items.map((raw) => itemToCase(unmarshall(raw))),
        cursor: more && start ? await cursors.seal(scopeOf(q), start) : undefined,
      };
    },

    async count(q, opts = {}) {
      const plan = planFor(q);
      const { expr, names, values } = keyCondition(plan);
      const filter = opts.minEscalation ? '#level >= :level' : undefined;
      const allValues: Record<string, unknown> = { ...values };
      if (filter) {
        names['#level'] = 'escalationLevel';
        allValues[':level'] = opts.minEscalation;
      }
      let total = 0;
      let start: Record<string, AttributeValue> | undefined;
      do {
        const res = await query({
          TableName: tableName,
          IndexName: plan.index,
          KeyConditionExpression: expr,
          FilterExpression: filter,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshall(allValues),
          Select: 'COUNT',
          ExclusiveStartKey: start,
        });
        total += res.Count ?? 0;
        start = res.LastEvaluatedKey;
      } while (start);
      return total;
    },
  };
}

/** The index position of an item: table key plus the index key (what LastEvaluatedKey holds). */
function pick(raw: Record<string, AttributeValue>, pkName: string, skName: string) {
  const out: Record<string, AttributeValue> = {};
  for (const name of [tableDesign.partitionKey, tableDesign.sortKey, pkName, skName]) {
    const v = raw[name];
    if (v) out[name] = v;
  }
  return out;
}
