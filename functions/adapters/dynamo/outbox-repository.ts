import { type DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type Notification, recipientKey } from '../../domain/lifecycle/notifications.js';
import { validationError } from '../../services/errors.js';
import { keys } from '../table-design.js';
import { withStoreRetry } from './retry.js';

function decodeCursor(cursor: string) {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (key && typeof key === 'object' && !Array.isArray(key)) return key;
  } catch {
    // fall through to the 400
  }
  throw validationError([{ path: 'cursor', message: 'is not a cursor this API returned' }]);
}

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

export function createOutbox(client: DynamoDBClient, tableName: string): Outbox {
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
      const res = await withStoreRetry(() =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: marshall({ ':pk': keys.outboxPartition(recipient) }),
            ScanIndexForward: false,
            Limit: Math.min(opts.limit ?? 50, 200),
            ExclusiveStartKey: opts.cursor ? decodeCursor(opts.cursor) : undefined,
          }),
        ),
      );
      return {
        items: (res.Items ?? []).map((i) => {
          const { pk: _pk, sk: _sk, ...rest } = unmarshall(i);
          return rest as OutboxMessage;
        }),
        cursor: res.LastEvaluatedKey
          ? Buffer.from(JSON.stringify(res.LastEvaluatedKey)).toString('base64url')
          : undefined,
      };
    },
  };
}
