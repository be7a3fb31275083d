import { type DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { appEnteredBy, type Open311App, type Open311AppStore } from '../../services/open311.js';
import { keys } from '../table-design.js';
import { itemToCase } from './case-item.js';
import { queryAll } from './query-all.js';
import { withStoreRetry } from './retry.js';

export function createOpen311Apps(client: DynamoDBClient, tableName: string): Open311AppStore {
  const put = (item: Record<string, unknown>) =>
    withStoreRetry(() => client.send(new PutItemCommand({ TableName: tableName, Item: marshall(item) })));
  return {
    async register(app, digest) {
      await put({ ...keys.open311Key(digest), app });
      await put({ ...keys.open311App(app.id), app });
    },
    async byKeyDigest(digest) {
      const got = await withStoreRetry(() =>
        client.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys.open311Key(digest)) })),
      );
      return got.Item ? (unmarshall(got.Item).app as Open311App) : undefined;
    },
    async list() {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': keys.open311AppPartition }),
      });
      return items.map((i) => i.app as Open311App);
    },
    async requestsOf(appId, limit) {
      const res = await withStoreRetry(() =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'byEnteredBy',
            KeyConditionExpression: 'gsi11pk = :pk',
            ExpressionAttributeValues: marshall({ ':pk': keys.enteredByPartition(appEnteredBy(appId)) }),
            ScanIndexForward: false,
            Limit: limit,
          }),
        ),
      );
      return (res.Items ?? []).map((i) => itemToCase(unmarshall(i)));
    },
  };
}
