import { type DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type Notification, recipientKey } from '../../domain/lifecycle/notifications.js';
import { keys } from '../table-design.js';
import { asStoreKey, type CursorSealer } from './cursor.js';
import { withStoreRetry } from './retry.js';

export interface OutboxMessage extends Notification {
  readonly at: string;
  readonly recipient: string;
}

export interface Outbox {
  /** One item per message, written after the case change it reports. */
  post(at: string, notifications: readonly Notification[]): Promise<void>;
  /** Messages for one recipient, newest first. */
  list(
    recipient: string,
    opts?: { limit?: number; cursor?: string | undefined },
  ): Promise<{
    items: OutboxMessage[];
    cursor?: string | undefined;
  }>;
}

export function createOutbox(client: DynamoDBClient, tableName: string, cursors: CursorSealer): Outbox {
  return {
    async post(at, notifications) {
      await Promise.all(
        notifications.map((n, i) => {
          const recipient = recipientKey(n.to);
          const item = { ...keys.outbox(recipient, at, n.caseId, i), ...n, at, recipient };
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
