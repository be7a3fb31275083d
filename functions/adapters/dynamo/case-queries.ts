/**
 * Case lists for staff, from the GSIs — never a Scan. A list may span several index partitions (one
 * per status, or one per office for a month); each is queried newest first and the pages are merged.
 * The cursor carries one position per partition.
 */
import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { CaseRecord } from '../../domain/case.js';
import type { CaseStatus } from '../../domain/case-status.js';
import { keys } from '../table-design.js';
import { itemToCase } from './case-item.js';
import { asStoreKey, badCursor, type CursorSealer } from './cursor.js';
import { withStoreRetry } from './retry.js';

export interface CaseListQuery {
  statuses: readonly CaseStatus[];
  /** With `month` (yyyy-mm): the office × month partitions of these offices. */
  month?: string | undefined;
  offices?: readonly string[] | undefined;
  officeId?: string | undefined;
  category?: string | undefined;
  enteredBy?: string | undefined;
  /** Only cases whose handling deadline passed before this instant. */
  overdueAt?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

type Key = Record<string, AttributeValue>;
type Cursor = Record<string, Key | null>;

/** What a cursor is bound to: the list's partitions and filters (not the page size or the clock). */
function cursorScope(q: CaseListQuery): string {
  const { statuses, month, offices, officeId, category, enteredBy } = q;
  return `cases:${JSON.stringify([statuses, month, offices, officeId, category, enteredBy])}`;
}

async function openCursor(cursors: CursorSealer, q: CaseListQuery): Promise<Cursor> {
  if (!q.cursor) return {};
  const opened = await cursors.open(cursorScope(q), q.cursor);
  if (!opened || typeof opened !== 'object' || Array.isArray(opened)) throw badCursor();
  const out: Cursor = {};
  for (const [pk, key] of Object.entries(opened)) out[pk] = key === null ? null : asStoreKey(key);
  return out;
}

export async function listCases(
  client: DynamoDBClient,
  tableName: string,
  q: CaseListQuery,
  cursors: CursorSealer,
) {
  const partitions = q.month
    ? (q.officeId ? [q.officeId] : (q.offices ?? [])).map((o) => ({
        index: 'byOfficeMonth',
        pkName: 'gsi3pk',
        skName: 'gsi3sk',
        pk: keys.officeMonthPartition(q.month as string, o),
      }))
    : q.statuses.map((s) => ({
        index: 'byStatus',
        pkName: 'gsi2pk',
        skName: 'gsi2sk',
        pk: keys.statusQueuePartition(s),
      }));

  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  if (q.officeId && !q.month) {
    filters.push('officeId = :office');
    values[':office'] = q.officeId;
  }
  if (q.category) {
    filters.push('category = :category');
    values[':category'] = q.category;
  }
  if (q.enteredBy) {
    filters.push('enteredBy = :enteredBy');
    values[':enteredBy'] = q.enteredBy;
  }
  if (q.overdueAt) {
    filters.push('#deadline < :now');
    names['#deadline'] = 'deadline';
    values[':now'] = q.overdueAt;
  }
  if (q.month && q.statuses.length < 8) {
    names['#status'] = 'status';
    const list = q.statuses.map((s, i) => {
      values[`:s${i}`] = s;
      return `:s${i}`;
    });
    filters.push(`#status IN (${list.join(', ')})`);
  }

  const cursor = await openCursor(cursors, q);
  const pages = await Promise.all(
    partitions
      .filter((p) => cursor[p.pk] !== null)
      .map(async (p) => {
        const res = await withStoreRetry(() =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: p.index,
              KeyConditionExpression: `${p.pkName} = :pk`,
              FilterExpression: filters.length ? filters.join(' AND ') : undefined,
              ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
              ExpressionAttributeValues: marshall({ ...values, ':pk': p.pk }),
              ScanIndexForward: false,
              Limit: q.limit,
              ExclusiveStartKey: cursor[p.pk] ?? undefined,
            }),
          ),
        );
        const items = (res.Items ?? []).map((raw) => ({ raw, sk: raw[p.skName]?.S ?? '' }));
        return { p, items, last: res.LastEvaluatedKey };
      }),
  );

  const merged = pages
    .flatMap((page) => page.items.map((i) => ({ ...i, page })))
    .sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0))
    .slice(0, q.limit);

  const next: Cursor = { ...cursor };
  for (const page of pages) {
    const taken = merged.filter((m) => m.page === page);
    const lastTaken = taken.at(-1);
    if (lastTaken && taken.length < page.items.length) {
      const r = lastTaken.raw;
      next[page.p.pk] = {
        pk: r.pk as AttributeValue,
        sk: r.sk as AttributeValue,
        [page.p.pkName]: r[page.p.pkName] as AttributeValue,
        [page.p.skName]: r[page.p.skName] as AttributeValue,
      };
    } else if (taken.length === page.items.length) {
      next[page.p.pk] = page.last ?? null;
    }
  }
  // A partition is finished when its cursor is null; any other (including not yet started) has more.
  const more = partitions.some((p) => next[p.pk] !== null);
  return {
    items: merged.map((m) => itemToCase(unmarshall(m.raw)) as CaseRecord),
    cursor: more ? await cursors.seal(cursorScope(q), next) : undefined,
  };
}
