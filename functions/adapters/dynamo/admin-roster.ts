import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AdminRoster } from '../../services/admin-roster.js';
import { keys } from '../table-design.js';
import { withStoreRetry } from './retry.js';

const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException || (e as Error)?.name === 'ConditionalCheckFailedException';

/** The admin roster as one item (pk ADMINS) with a string set `members`; works for Cognito users too. */
export function createAdminRoster(client: DynamoDBClient, tableName: string): AdminRoster {
  const Key = marshall(keys.adminRoster());
  const read = async () => {
    const got = await withStoreRetry(() =>
      client.send(new GetItemCommand({ TableName: tableName, Key, ConsistentRead: true })),
    );
    return got.Item ? (got.Item.members?.SS ?? []) : undefined;
  };
  return {
    async ensure(seed) {
      const current = await read();
      if (current) return current;
      const members = [...new Set(await seed())];
      try {
        await withStoreRetry(() =>
          client.send(
            new PutItemCommand({
              TableName: tableName,
              // An empty set cannot be stored: no member means no `members` attribute.
              Item: { ...Key, ...(members.length ? { members: { SS: members } } : {}) },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        );
        return members;
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        return (await read()) ?? [];
      }
    },
    async remove(username) {
      try {
        await withStoreRetry(() =>
          client.send(
            new UpdateItemCommand({
              TableName: tableName,
              Key,
              UpdateExpression: 'DELETE members :who',
              // A member may go only while another stays; a non-member only while the roster has one.
              ConditionExpression:
                '(contains(members, :name) AND size(members) > :one) OR ' +
                '(attribute_exists(members) AND NOT contains(members, :name))',
              ExpressionAttributeValues: {
                ':who': { SS: [username] },
                ':name': { S: username },
                ':one': { N: '1' },
              },
            }),
          ),
        );
        return true;
      } catch (e) {
        if (isConditionFailure(e)) return false;
        throw e;
      }
    },
    async add(username) {
      await withStoreRetry(() =>
        client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key,
            UpdateExpression: 'ADD members :who',
            ExpressionAttributeValues: { ':who': { SS: [username] } },
          }),
        ),
      );
    },
  };
}
