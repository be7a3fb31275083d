import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, WAKE_BUCKETS } from '../table-design.js';
import { withStoreRetry } from './retry.js';

/** A case the workflow must look at (from the sparse wake index). */
export interface WakeEntry {
  id: string;
  cycle: number;
  wakeAt: string;
}

/** What a sweep of the wake index found: due cases (at most `limit`, earliest first) and the next wake after them. */
export interface WakeSweep {
  due: WakeEntry[];
  /** Earliest wake time not yet due, if any (the scheduler sleeps until then). */
  next?: string | undefined;
}

/**
 * Reads the wake index: per bucket, one Query for the entries due at `now` (key condition on the wake
 * time, at most `limit`), and only when a bucket has no more due, one Query for its next entry (Limit 1).
 * A sweep reads the due entries and at most WAKE_BUCKETS more, whatever the number of sleeping cases
 * (before: `limit` + 1 entries of every bucket, due or not, on every sweep). Serves the local scheduler
 * now and an AWS sweeper later (same index, same queries).
 */
export async function sweepWakeIndex(
  client: DynamoDBClient,
  tableName: string,
  now: Date,
  limit: number,
): Promise<WakeSweep> {
  const bound = keys.wakeDueBound(now.toISOString());
  const query = (bucket: number, condition: string, max: number) =>
    withStoreRetry(() =>
      client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'byWake',
          KeyConditionExpression: `wakepk = :pk AND ${condition}`,
          ExpressionAttributeValues: marshall({ ':pk': keys.wakePartition(bucket), ':bound': bound }),
          ProjectionExpression: 'id, #cycle, wakesk',
          ExpressionAttributeNames: { '#cycle': 'cycle' },
          Limit: max,
        }),
      ),
    );
  const perBucket = await Promise.all(
    Array.from({ length: WAKE_BUCKETS }, async (_, bucket) => {
      const due = (await query(bucket, 'wakesk <= :bound', limit)).Items ?? [];
      const next = due.length < limit ? ((await query(bucket, 'wakesk > :bound', 1)).Items ?? []) : [];
      return { due: due.map(entry), next: next.map(entry)[0]?.wakeAt };
    }),
  );
  const due = perBucket
    .flatMap((b) => b.due)
    .sort((a, b) => (a.wakeAt < b.wakeAt ? -1 : a.wakeAt > b.wakeAt ? 1 : 0))
    .slice(0, limit);
  const next = perBucket
    .map((b) => b.next)
    .filter((t): t is string => t !== undefined)
    .sort()[0];
  return { due, next };
}

function entry(raw: Record<string, AttributeValue>): WakeEntry {
  const item = unmarshall(raw);
  const wakesk = String(item.wakesk);
  return {
    id: String(item.id),
    cycle: typeof item.cycle === 'number' ? item.cycle : 1,
    wakeAt: wakesk.slice(0, wakesk.lastIndexOf('#')),
  };
}
