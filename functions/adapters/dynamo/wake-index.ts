import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
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
 * Reads the wake index: one Query per bucket, in wake order, `limit` + 1 entries each, so a sweep
 * costs WAKE_BUCKETS small queries whatever the number of sleeping cases. Serves the local
 * scheduler now and an AWS sweeper later (same index, same query).
 */
export async function sweepWakeIndex(
  client: DynamoDBClient,
  tableName: string,
  now: Date,
  limit: number,
): Promise<WakeSweep> {
  const nowIso = now.toISOString();
  const perBucket = await Promise.all(
    Array.from({ length: WAKE_BUCKETS }, (_, bucket) =>
      withStoreRetry(() =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'byWake',
            KeyConditionExpression: 'wakepk = :pk',
            ExpressionAttributeValues: marshall({ ':pk': keys.wakePartition(bucket) }),
            ProjectionExpression: 'id, #cycle, wakesk',
            ExpressionAttributeNames: { '#cycle': 'cycle' },
            Limit: limit + 1,
          }),
        ),
      ),
    ),
  );
  const entries: WakeEntry[] = [];
  for (const res of perBucket)
    for (const raw of res.Items ?? []) {
      const item = unmarshall(raw);
      const wakesk = String(item.wakesk);
      entries.push({
        id: String(item.id),
        cycle: typeof item.cycle === 'number' ? item.cycle : 1,
        wakeAt: wakesk.slice(0, wakesk.lastIndexOf('#')),
      });
    }
  entries.sort((a, b) => (a.wakeAt < b.wakeAt ? -1 : a.wakeAt > b.wakeAt ? 1 : 0));
  const due = entries.filter((e) => e.wakeAt <= nowIso).slice(0, limit);
  const next = entries.find((e) => e.wakeAt > nowIso)?.wakeAt;
  return { due, next };
}
