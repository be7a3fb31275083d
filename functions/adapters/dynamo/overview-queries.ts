/**
 * Index reads for the leader overview: whole status and office × month partitions, page by page, with
 * a projection of the few attributes the figures need. Key conditions only; no Scan.
 */
import {
  BatchGetItemCommand,
  type DynamoDBClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { OverviewRow } from '../../domain/overview.js';
import type { OverviewQueries } from '../../services/leader-overview.js';
import { keys } from '../table-design.js';
import { withStoreRetry } from './retry.js';

const FIELDS = [
  'id',
  'status',
  'officeId',
  'category',
  'area',
  'deadline',
  'escalationLevel',
  'receivedAt',
  'closedAt',
  'accountability',
];
const projection = {
  ProjectionExpression: FIELDS.map((_, i) => `#f${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(FIELDS.map((f, i) => [`#f${i}`, f])),
};

const toRow = (raw: Record<string, unknown>) => raw as unknown as OverviewRow;

async function forEachPage(
  client: DynamoDBClient,
  input: QueryCommandInput,
  visit: (items: Record<string, unknown>[]) => void,
) {
  let start: QueryCommandInput['ExclusiveStartKey'];
  do {
    const res = await withStoreRetry(() =>
      client.send(new QueryCommand({ ...input, ExclusiveStartKey: start })),
    );
    visit((res.Items ?? []).map((i) => unmarshall(i)));
    start = res.LastEvaluatedKey;
  } while (start);
}

export function createOverviewQueries(client: DynamoDBClient, tableName: string): OverviewQueries {
  const partition = (index: string, pkName: string, pk: string, visit: (rows: OverviewRow[]) => void) =>
    forEachPage(
      client,
      {
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ...projection,
        ExpressionAttributeNames: { ...projection.ExpressionAttributeNames, '#pk': pkName },
        ExpressionAttributeValues: marshall({ ':pk': pk }),
      },
      (items) => visit(items.map(toRow)),
    );

  return {
    forEachWithStatus: (status, visit) =>
      partition('byStatus', 'gsi2pk', keys.statusQueuePartition(status), visit),
    forEachReceivedIn: (month, officeId, visit) =>
      partition('byOfficeMonth', 'gsi3pk', keys.officeMonthPartition(month, officeId), visit),

    async accountabilityNoticesSince(since) {
      const ids: string[] = [];
      await forEachPage(
        client,
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk >= :since',
          FilterExpression: 'kind = :kind',
          ProjectionExpression: 'caseId',
          ExpressionAttributeValues: marshall({
            ':pk': keys.outboxPartition('role:leader'),
            ':since': since,
            ':kind': 'accountability',
          }),
        },
        (items) => {
          for (const i of items) ids.push(String(i.caseId));
        },
      );
      return ids;
    },

    async rows(ids) {
      const out: OverviewRow[] = [];
      for (let i = 0; i < ids.length; i += 100) {
        let request: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => keys.case(id));
        // Retry unprocessed keys (BatchGet may return part of the batch under load).
        while (request.length > 0) {
          const res = await withStoreRetry(() =>
            client.send(
              new BatchGetItemCommand({
                RequestItems: {
                  [tableName]: { Keys: request.map((k) => marshall(k)), ...projection },
                },
              }),
            ),
          );
          for (const item of res.Responses?.[tableName] ?? []) out.push(toRow(unmarshall(item)));
          request = (res.UnprocessedKeys?.[tableName]?.Keys ?? []).map((k) => unmarshall(k));
        }
      }
      return out;
    },
  };
}
