import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { StaffAccount, StaffRepository } from '../../services/staff-ports.js';
import { keys } from '../table-design.js';
import { queryAll } from './query-all.js';
import { withStoreRetry } from './retry.js';

export type { StaffAccount, StaffRepository };

/** Staff accounts live in the case table too (pk STAFF#<username>); the list uses the byStatus index. */
export function createStaffRepository(client: DynamoDBClient, tableName: string): StaffRepository {
  const item = (a: StaffAccount) => ({
    ...keys.staff(a.username),
    ...a,
    // Listing accounts reuses a GSI partition instead of a Scan.
    gsi2pk: 'STAFF',
    gsi2sk: a.username,
  });
  const strip = (raw: Record<string, unknown>): StaffAccount => {
    const { pk: _pk, sk: _sk, gsi2pk: _g, gsi2sk: _s, ...rest } = raw;
    return rest as unknown as StaffAccount;
  };
  return {
    async get(username) {
      const got = await withStoreRetry(() =>
        client.send(
          new GetItemCommand({
            TableName: tableName,
            Key: marshall(keys.staff(username)),
            ConsistentRead: true,
          }),
        ),
      );
      return got.Item ? strip(unmarshall(got.Item)) : undefined;
    },
    async create(account) {
      try {
        await withStoreRetry(() =>
          client.send(
            new PutItemCommand({
              TableName: tableName,
              Item: marshall(item(account), { removeUndefinedValues: true }),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        );
        return true;
      } catch (e) {
        if (
          e instanceof ConditionalCheckFailedException ||
          (e as Error).name === 'ConditionalCheckFailedException'
        ) {
          return false;
        }
        throw e;
      }
    },
    async save(account) {
      await withStoreRetry(() =>
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshall(item(account), { removeUndefinedValues: true }),
          }),
        ),
      );
    },
    async list() {
      const items = await queryAll(client, {
        TableName: tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': 'STAFF' }),
      });
      return items.map(strip);
    },
  };
}
