/**
 * A local table made by an older version (an index missing) is brought to the current design at start,
 * keeping every item, and a start interrupted in the middle of that finishes the job the next time.
 */

import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { ensureTable, tableInput } from '../../functions/adapters/dynamo/create-table.js';
import { tableDesign } from '../../functions/adapters/table-design.js';

type Server = { listen(port: number, host: string, cb: () => void): void; close(cb: () => void): void } & {
  address(): AddressInfo;
};
const dynalite = createRequire(import.meta.url)('dynalite') as (o: Record<string, unknown>) => Server;
const TABLE = 'duban-upgrade-test';
const newest = tableDesign.indexes.at(-1) as (typeof tableDesign.indexes)[number];

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function store(): Promise<DynamoDBClient> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const client = createDynamoClient({
    endpoint: `http://127.0.0.1:${server.address().port}`,
    region: 'local',
  });
  cleanup.push(async () => {
    client.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return client;
}

/** The table as a version without the newest index made it, with `n` items that the index would list. */
async function oldTable(client: DynamoDBClient, name: string, n: number) {
  const input = tableInput(name);
  await client.send(
    new CreateTableCommand({
      ...input,
      GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.filter((ix) => ix.IndexName !== newest.name),
    }),
  );
  for (let i = 0; i < n; i++) {
    await client.send(
      new PutItemCommand({
        TableName: name,
        Item: {
          pk: { S: `CASE#${i}` },
          sk: { S: 'CASE' },
          [newest.partitionKey]: { S: 'P' },
          [newest.sortKey]: { S: String(i).padStart(4, '0') },
        },
      }),
    );
  }
}

const listedByNewest = async (client: DynamoDBClient) =>
  (
    await client.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: newest.name,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': newest.partitionKey },
        ExpressionAttributeValues: { ':p': { S: 'P' } },
      }),
    )
  ).Items?.length;

describe('local table upgrade', () => {
  it('adds a missing index and keeps every item, then leaves the table alone', async () => {
    // Arrange
    const client = await store();
    await oldTable(client, TABLE, 60);
    const events: string[] = [];
    // Act
    const first = await ensureTable(client, TABLE, (e) => events.push(e));
    const second = await ensureTable(client, TABLE);
    // Assert
    expect(first).toBe('upgraded');
    expect(second).toBe('exists');
    const indexes = (await client.send(new DescribeTableCommand({ TableName: TABLE }))).Table
      ?.GlobalSecondaryIndexes;
    expect(indexes?.map((ix) => ix.IndexName).sort()).toEqual(
      tableDesign.indexes.map((ix) => ix.name).sort(),
    );
    expect(await listedByNewest(client)).toBe(60);
    expect(events).toEqual(['table_upgrade_started', 'table_upgrade_done']);
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([TABLE]);
  });

  it('finishes an upgrade interrupted after the old table was dropped', async () => {
    // Arrange: only the side copy is left, as after a crash between dropping and recreating the table
    const client = await store();
    await oldTable(client, `${TABLE}-upgrade`, 30);
    // Act
    const result = await ensureTable(client, TABLE);
    // Assert
    expect(result).toBe('upgraded');
    expect(await listedByNewest(client)).toBe(30);
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([TABLE]);
  });

  it('starts the copy again when interrupted while copying out (the original is intact)', async () => {
    // Arrange: the original still has its old shape and a half-filled side table exists
    const client = await store();
    await oldTable(client, TABLE, 20);
    await client.send(new CreateTableCommand(tableInput(`${TABLE}-upgrade`)));
    // Act
    const result = await ensureTable(client, TABLE);
    // Assert
    expect(result).toBe('upgraded');
    expect(await listedByNewest(client)).toBe(20);
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([TABLE]);
  });
});
