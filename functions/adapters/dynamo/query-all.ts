import { type DynamoDBClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { withStoreRetry } from './retry.js';

/** Every item of one query, following LastEvaluatedKey page by page (for bounded partitions only). */
export async function queryAll(
  client: DynamoDBClient,
  input: QueryCommandInput,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: QueryCommandInput['ExclusiveStartKey'];
  do {
    const res = await withStoreRetry(() =>
      client.send(new QueryCommand({ ...input, ExclusiveStartKey: start })),
    );
    for (const item of res.Items ?? []) out.push(unmarshall(item));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}
