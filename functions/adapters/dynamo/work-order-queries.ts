import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ReplyQueries } from '../../services/work-orders.js';
import { keys } from '../table-design.js';
import { itemToCase } from './case-item.js';
import type { CursorSealer } from './cursor.js';
import { withStoreRetry } from './retry.js';

const SCOPE = 'workorder-replies';

/**
 * Cases filed from 12345 orders in the order of their last change (sparse index), after a sealed
 * `since` cursor. The cursor returned is the position of the last change read; a poll with it sees
 * only later changes (a case that changes again shows up again with its new state).
 */
export function workOrderReplyQueries(
  client: DynamoDBClient,
  tableName: string,
  cursors: CursorSealer,
): ReplyQueries {
  return {
    async changedSince(since, limit) {
      const after = since ? String(await cursors.open(SCOPE, since)) : '0'; // below every ISO time
      const res = await withStoreRetry(() =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'byWorkOrderChange',
            KeyConditionExpression: 'orderPk = :pk AND orderSk > :after',
            ExpressionAttributeValues: marshall({ ':pk': keys.workOrderChangePartition, ':after': after }),
            Limit: Math.min(Math.max(limit, 1), 500),
          }),
        ),
      );
      const items = (res.Items ?? []).map((i) => unmarshall(i));
      const last = items.at(-1)?.orderSk as string | undefined;
      return {
        items: items.map(itemToCase),
        next: await cursors.seal(SCOPE, last ?? after),
      };
    },
  };
}
