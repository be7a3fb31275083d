import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { CaseStatus } from '../../domain/case-status.js';
import { keys } from '../table-design.js';
import { withStoreRetry } from './retry.js';

const OPEN_STATUSES: CaseStatus[] = ['submitted', 'assigned', 'in_progress', 'pending_review', 'returned'];

/**
 * Every open case (id and workflow cycle), from the byStatus index partitions — the recovery
 * procedure resumes a workflow for each. Cost is proportional to open cases, never a Scan.
 */
export async function listOpenCases(client: DynamoDBClient, tableName: string) {
  const out: { id: string; cycle: number }[] = [];
  for (const status of OPEN_STATUSES) {
    let start: Record<string, unknown> | undefined;
    do {
      const res = await withStoreRetry(() =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'byStatus',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: marshall({ ':pk': keys.statusQueuePartition(status) }),
            ProjectionExpression: 'id, #cycle',
            ExpressionAttributeNames: { '#cycle': 'cycle' },
            ExclusiveStartKey: start as never,
          }),
        ),
      );
      for (const item of res.Items ?? []) {
        const { id, cycle } = unmarshall(item);
        out.push({ id, cycle: cycle ?? 1 });
      }
      start = res.LastEvaluatedKey;
    } while (start);
  }
  return out;
}
