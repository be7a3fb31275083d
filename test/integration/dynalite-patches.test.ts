/**
 * The startup patches of the embedded store (functions/local/dynalite-patches.mjs), on dynalite run in
 * this process so the test can look inside it: queries close their LevelDB iterators (native memory
 * stays flat), and an item and its index entries are written all or nothing (no stale list entries).
 */

import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { ensureTable } from '../../functions/adapters/dynamo/create-table.js';
import { keys } from '../../functions/adapters/table-design.js';
import { type PatchedStore, patchDynalite } from '../../functions/local/dynalite-patches.mjs';

type Server = { listen(port: number, host: string, cb: () => void): void; close(cb: () => void): void } & {
  address(): AddressInfo;
};
const dynalite = createRequire(import.meta.url)('dynalite') as (o: Record<string, unknown>) => Server;
const TABLE = 'duban-patch-test';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function patchedStore(): Promise<{ client: DynamoDBClient; store: PatchedStore }> {
  const { stores } = patchDynalite();
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const store = stores.at(-1) as PatchedStore;
  const client = createDynamoClient({
    endpoint: `http://127.0.0.1:${server.address().port}`,
    region: 'local',
  });
  await ensureTable(client, TABLE);
  cleanup.push(async () => {
    client.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { client, store };
}

/** Counts iterators the store opens and closes (each iterator's own close()). */
function countIterators(store: PatchedStore) {
  let open = 0;
  const values = store.db.values.bind(store.db);
  store.db.values = (o?: unknown) => {
    const it = values(o);
    open++;
    const close = it.close.bind(it);
    it.close = async () => {
      open--;
      await close();
    };
    return it;
  };
  return () => open;
}

const statusQuery = (status: string, limit?: number) =>
  new QueryCommand({
    TableName: TABLE,
    IndexName: 'byStatus',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: marshall({ ':pk': keys.statusQueuePartition(status) }),
    ...(limit ? { Limit: limit } : {}),
  });

const caseItem = (n: number) => ({
  ...keys.case(`CASE${String(n).padStart(6, '0')}`),
  ...keys.statusQueue('submitted', '2026-03-02T02:00:00.000Z', `CASE${n}`),
  version: 1,
});

/**
 * Makes every write that touches an item row fail, as a process dying or a full disk would. (The error
 * carries a status so dynalite answers it instead of throwing, which would end this test process.)
 */
function failItemWrites(store: PatchedStore) {
  const { put, batch } = store.db;
  const touchesItem = (key: string) => key.startsWith('item-');
  const diskFull = () =>
    Object.assign(new Error('disk full'), {
      statusCode: 500,
      body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalFailure', message: 'disk full' },
    });
  store.db.put = (key: string, value: unknown, cb?: (e?: Error | null) => void) =>
    touchesItem(key) ? setImmediate(() => cb?.(diskFull())) : put.call(store.db, key, value, cb);
  store.db.batch = (ops: unknown[], cb?: (e?: Error | null) => void) =>
    (ops as { key: string }[]).some((o) => touchesItem(o.key))
      ? setImmediate(() => cb?.(diskFull()))
      : batch.call(store.db, ops, cb);
  return () => {
    store.db.put = put;
    store.db.batch = batch;
  };
}

describe('embedded store patches', () => {
  it('closes the LevelDB iterator of every query, limited or not', async () => {
    // Arrange
    const { client, store } = await patchedStore();
    for (let n = 0; n < 120; n++)
      await client.send(new PutItemCommand({ TableName: TABLE, Item: marshall(caseItem(n)) }));
    const openIterators = countIterators(store);
    // Act
    const pages = [];
    for (let i = 0; i < 20; i++) pages.push(await client.send(statusQuery('submitted', 50)));
    for (let i = 0; i < 5; i++) pages.push(await client.send(statusQuery('submitted')));
    await new Promise((r) => setTimeout(r, 50)); // stream auto-destroy runs after the reply
    // Assert
    expect(pages.map((p) => p.Count)).toEqual([...Array(20).fill(50), ...Array(5).fill(120)]);
    expect(openIterators()).toBe(0);
  });

  it('a write that fails half-way leaves no index entry its item does not match', async () => {
    // Arrange: one case in `submitted`.
    const { client, store } = await patchedStore();
    const item = caseItem(1);
    await client.send(new PutItemCommand({ TableName: TABLE, Item: marshall(item) }));
    const restore = failItemWrites(store);
    // Act: routing it fails at the item write; so does writing a second case.
    const update = client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: marshall(keys.case('CASE000001')),
        UpdateExpression: 'SET gsi2pk = :assigned, version = :v2',
        ExpressionAttributeValues: marshall({ ':assigned': keys.statusQueuePartition('assigned'), ':v2': 2 }),
      }),
    );
    const put = client.send(new PutItemCommand({ TableName: TABLE, Item: marshall(caseItem(2)) }));
    const outcomes = await Promise.allSettled([update, put]);
    restore();
    const submitted = await client.send(statusQuery('submitted'));
    const assigned = await client.send(statusQuery('assigned'));
    // Assert: both writes failed and the lists show exactly what the items say.
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(submitted.Items?.map((i) => i.pk?.S)).toEqual(['CASE#CASE000001']);
    expect(assigned.Count).toBe(0);
  });
});
