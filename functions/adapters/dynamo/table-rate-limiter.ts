/**
 * Rate limits that hold across Lambda instances: one counter item per key and fixed window
 * (`RATE#<limit>#<key>` / `W#<window>`), incremented with an atomic ADD. Every instance counts into the
 * same item, so a flood spread over instances is limited as a whole. Items carry `expiresAt` for the
 * table's TTL on AWS; where there is no TTL (dynalite) old windows are simply never read again.
 * A fixed window lets a client spend up to twice the limit across one window boundary — the price of
 * one write per request.
 */
import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { LimitSpec, RateLimiter, RateVerdict } from '../../services/rate-limiter.js';
import { keys } from '../table-design.js';
import { withStoreRetry } from './retry.js';

/** Keys are bounded before they become part of a table key (an address or account + address is short). */
const boundedKey = (key: string) => key.slice(0, 256);

export function tableRateLimiter(
  client: DynamoDBClient,
  tableName: string,
  spec: LimitSpec,
  now: () => number = Date.now,
): RateLimiter {
  const at = () => {
    const t = now();
    const window = Math.floor(t / spec.windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * spec.windowMs - t) / 1000));
    return { window, retryAfterSeconds };
  };
  const verdict = (count: number, limit: number, retryAfterSeconds: number): RateVerdict =>
    count <= limit ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds };
  const item = (key: string, window: number) => marshall(keys.rateWindow(spec.name, boundedKey(key), window));
  return {
    async hit(key) {
      if (spec.limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
      const { window, retryAfterSeconds } = at();
      const res = await withStoreRetry(() =>
        client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: item(key, window),
            UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires)',
            ExpressionAttributeValues: marshall({
              ':one': 1,
              ':expires': Math.ceil(((window + 2) * spec.windowMs) / 1000),
            }),
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      );
      const hits = Number(res.Attributes ? unmarshall(res.Attributes).hits : 1);
      return verdict(hits, spec.limit, retryAfterSeconds);
    },
    async blocked(key) {
      if (spec.limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
      const { window, retryAfterSeconds } = at();
      const res = await withStoreRetry(() =>
        client.send(
          new GetItemCommand({ TableName: tableName, Key: item(key, window), ConsistentRead: true }),
        ),
      );
      const hits = Number(res.Item ? unmarshall(res.Item).hits : 0);
      return verdict(hits + 1, spec.limit, retryAfterSeconds);
    },
    async reset(key) {
      const { window } = at();
      await withStoreRetry(() =>
        client.send(new DeleteItemCommand({ TableName: tableName, Key: item(key, window) })),
      );
    },
  };
}
