import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { StaffAccount, StaffRepository } from '../../services/staff-ports.js';
import { keys } from '../table-design.js';
import { queryAll } from './query-all.js';
import { readItem } from './read-item.js';
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
      const item = await readItem(client, tableName, keys.staff(username));
      return item ? strip(item) : undefined;
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
