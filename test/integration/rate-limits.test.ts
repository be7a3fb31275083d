/**
 * Rate limits through the one `RateLimiter` interface: the in-memory limiter (embedded runtime) and
 * the table-backed one (AWS), whose counters are shared by every instance — two limiter instances on
 * one table stand for two Lambda instances.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { ensureTable } from '../../functions/adapters/dynamo/create-table.js';
import { tableRateLimiter } from '../../functions/adapters/dynamo/table-rate-limiter.js';
import { type EmbeddedStore, startEmbeddedStore } from '../../functions/local/dynalite-store.js';
import {
  createRateLimiter,
  type LimitSpec,
  type RateLimiter,
} from '../../functions/services/rate-limiter.js';

let store: EmbeddedStore;
let client: DynamoDBClient;
const TABLE = 'rate-test';
beforeAll(async () => {
  store = await startEmbeddedStore();
  client = createDynamoClient({ endpoint: store.endpoint, region: 'local' });
  await ensureTable(client, TABLE);
});
afterAll(async () => {
  client.destroy();
  await store.close();
});

let clock = Date.parse('2026-03-02T02:00:30Z');
const now = () => clock;
const spec: LimitSpec = { name: 'intake', limit: 3, windowMs: 60_000 };

const implementations: [string, (s: LimitSpec) => RateLimiter][] = [
  ['in memory', (s) => createRateLimiter({ ...s, now })],
  ['in the table', (s) => tableRateLimiter(client, TABLE, s, now)],
];

describe.each(implementations)('rate limiter %s', (_name, make) => {
  it('allows the limit, then refuses with Retry-After; other keys are unaffected; reset clears', async () => {
    // Arrange
    const limiter = make({ ...spec, name: `contract-${_name}` });
    // Act
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limiter.hit('203.0.113.1'));
    const other = await limiter.hit('203.0.113.2');
    const blocked = await limiter.blocked('203.0.113.1');
    await limiter.reset('203.0.113.1');
    const afterReset = await limiter.hit('203.0.113.1');
    // Assert
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]?.retryAfterSeconds).toBeGreaterThan(0);
    expect(other.allowed).toBe(true);
    expect(blocked.allowed).toBe(false);
    expect(afterReset.allowed).toBe(true);
  });

  it('allows again once the window has passed', async () => {
    const limiter = make({ ...spec, name: `window-${_name}` });
    for (let i = 0; i < 4; i++) await limiter.hit('198.51.100.9');
    clock += 120_000;
    expect((await limiter.hit('198.51.100.9')).allowed).toBe(true);
  });
});

describe('table rate limiter across instances', () => {
  it('holds the limit for a flood spread over two instances', async () => {
    // Arrange: two "Lambda instances", each with its own limiter object, one table
    const a = tableRateLimiter(client, TABLE, { ...spec, name: 'spread' }, now);
    const b = tableRateLimiter(client, TABLE, { ...spec, name: 'spread' }, now);
    // Act: the client alternates between them
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push((await (i % 2 ? b : a).hit('192.0.2.7')).allowed);
    // Assert
    expect(verdicts).toEqual([true, true, true, false, false, false]);
  });
});
