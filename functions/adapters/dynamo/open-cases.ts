import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { CaseStatus } from '../../domain/case-status.js';
import { keys } from '../table-design.js';
import { queryAll } from './query-all.js';

const OPEN_STATUSES: CaseStatus[] = ['submitted', 'assigned', 'in_progress', 'pending_review', 'returned'];

/**
 * Every open case (id and workflow cycle), from the byStatus index partitions — the recovery
 * procedure resumes a workflow for each. Cost is proportional to open cases, never a Scan.
 */
export async function listOpenCases(client: DynamoDBClient, tableName: string) {
  const out: { id: string; cycle: number }[] = [];
  for (const status of OPEN_STATUSES) {
    const items = await queryAll(client, {
      TableName: tableName,
      IndexName: 'byStatus',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': keys.statusQueuePartition(status) }),
      ProjectionExpression: 'id, #cycle',
      ExpressionAttributeNames: { '#cycle': 'cycle' },
    });
    for (const { id, cycle } of items)
      out.push({ id: id as string, cycle: (cycle as number | undefined) ?? 1 });
  }
  return out;
}
