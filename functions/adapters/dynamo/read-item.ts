import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { withStoreRetry } from './retry.js';

/**
 * One item by its key, read consistently (a change must be visible on the very next request: a
 * revocation, a delivery already sent, a job's progress), with the store's retry; undefined if absent.
 */
export async function readItem(
  client: DynamoDBClient,
  tableName: string,
  key: Record<string, unknown>,
): Promise<Record<string, unknown> | undefined> {
  const got = await withStoreRetry(() =>
    client.send(new GetItemCommand({ TableName: tableName, Key: marshall(key), ConsistentRead: true })),
  );
  return got.Item ? unmarshall(got.Item) : undefined;
}
