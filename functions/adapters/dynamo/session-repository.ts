import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { NEVER_REVOKED, type SessionState, type SessionStore } from '../../services/sessions.js';
import { keys } from '../table-design.js';
import { readItem } from './read-item.js';
import { withStoreRetry } from './retry.js';

/** One small item per account (pk SESSION#<username>); absent = never revoked. Works for Cognito users too. */
export function createSessionStore(client: DynamoDBClient, tableName: string): SessionStore {
  const state = (raw: Record<string, unknown> | undefined): SessionState => ({
    version: Number(raw?.version ?? NEVER_REVOKED.version),
    revokedAt: Number(raw?.revokedAt ?? NEVER_REVOKED.revokedAt),
    throttleGeneration: Number(raw?.throttleGeneration ?? NEVER_REVOKED.throttleGeneration),
  });
  const bump = async (username: string, expression: string, values: Record<string, unknown>) => {
    const res = await withStoreRetry(() =>
      client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: marshall(keys.session(username)),
          UpdateExpression: expression,
          ExpressionAttributeValues: marshall(values),
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return state(res.Attributes ? unmarshall(res.Attributes) : undefined);
  };
  return {
    async get(username) {
      // A revocation must hold on the very next request.
      const item = await readItem(client, tableName, keys.session(username));
      return state(item);
    },
    revoke: (username, at) =>
      bump(username, 'ADD version :one SET revokedAt = :at', {
        ':one': 1,
        ':at': Math.floor(at.getTime() / 1000),
      }),
    unlock: (username) => bump(username, 'ADD throttleGeneration :one', { ':one': 1 }),
  };
}
