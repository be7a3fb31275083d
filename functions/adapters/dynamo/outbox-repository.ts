import { type DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { recipientKey } from '../../domain/lifecycle/notifications.js';
import type { Outbox, OutboxMessage } from '../../services/outbox-port.js';
import { keys } from '../table-design.js';
import { asStoreKey, type CursorSealer } from './cursor.js';
import { withStoreRetry } from './retry.js';

export type { Outbox, OutboxMessage } from '../../services/outbox-port.js';

export function createOutbox(client: DynamoDBClient, tableName: string, cursors: CursorSealer): Outbox {
  return {
    async post(notifications) {
      await Promise.all(
        notifications.map((n) => {
          const recipient = recipientKey(n.to);
          const position = Number(n.id.split('.').at(-1) ?? 0);
          const { attempts: _a, nextAttemptAt: _n, lastError: _l, ...message } = n;
          const item = { ...keys.outbox(recipient, n.at, n.caseId, position), ...message, recipient };
          return withStoreRetry(() =>
            client.send(
              new PutItemCommand({
                TableName: tableName,
                Item: marshall(item, { removeUndefinedValues: true }),
              }),
            ),
          );
        }),
      );
    },
    async list(recipient, opts = {}) {
      const scope = `outbox:${recipient}`;
      const start = opts.cursor ? asStoreKey(await cursors.open(scope, opts.cursor)) : undefined;
      const res = await withStoreRetry(() =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: marshall({ ':pk': keys.outboxPartition(recipient) }),
            ScanIndexForward: false,
            Limit: Math.min(opts.limit ?? 50, 200),
            ExclusiveStartKey: start,
          }),
        ),
      );
      return {
        items: (res.Items ?? []).map((i) => {
          const { pk: _pk, sk: _sk, ...rest } = unmarshall(i);
          return rest as OutboxMessage;
        }),
        cursor: res.LastEvaluatedKey ? await cursors.seal(scope, res.LastEvaluatedKey) : undefined,
      };
    },
  };
}
