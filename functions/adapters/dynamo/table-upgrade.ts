import {
  BatchWriteItemCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';

/**
 * Embedded runtime only: brings a local table made by an older version (a `.data/` folder from before
 * an index was added or changed) to the current design, keeping every item. dynalite cannot add a GSI
 * to an existing table, so the items are copied to a side table, the table is recreated from the design
 * and the items copied back. Each step can be repeated, so a run interrupted at any point finishes on the
 * next start. The Scans here are a one-off copy of the whole table, not a list or a queue. On AWS the
 * CDK stack changes indexes in place; this code never runs there.
 */

/** Indexes (name, keys, projection) the table lacks or has in another shape, compared with the design. */
export function indexDrift(table: TableDescription, wanted: CreateTableCommandInput): string[] {
  const shape = (ix: {
    IndexName?: string | undefined;
    KeySchema?: { AttributeName?: string | undefined; KeyType?: string | undefined }[] | undefined;
    Projection?: { ProjectionType?: string | undefined; NonKeyAttributes?: string[] | undefined } | undefined;
  }) =>
    JSON.stringify([
      ix.IndexName,
      (ix.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`),
      ix.Projection?.ProjectionType ?? 'ALL',
      [...(ix.Projection?.NonKeyAttributes ?? [])].sort(),
    ]);
  const have = new Set((table.GlobalSecondaryIndexes ?? []).map(shape));
  const want = wanted.GlobalSecondaryIndexes ?? [];
  const drift = want.filter((ix) => !have.has(shape(ix))).map((ix) => ix.IndexName as string);
  const wantedNames = new Set(want.map((ix) => ix.IndexName));
  for (const ix of table.GlobalSecondaryIndexes ?? [])
    if (!wantedNames.has(ix.IndexName)) drift.push(ix.IndexName as string);
  return drift;
}

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (e) {
    if (e instanceof ResourceNotFoundException || (e as Error).name === 'ResourceNotFoundException')
      return undefined;
    throw e;
  }
}

async function copyAll(client: DynamoDBClient, from: string, to: string): Promise<number> {
  let copied = 0;
  let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: from, ExclusiveStartKey: start, Limit: 500 }),
    );
    const items = page.Items ?? [];
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [to]: requests } }));
        requests = (out.UnprocessedItems?.[to] ?? []) as typeof requests;
      }
    }
    copied += items.length;
    start = page.LastEvaluatedKey;
  } while (start);
  return copied;
}

async function drop(client: DynamoDBClient, name: string) {
  await client.send(new DeleteTableCommand({ TableName: name }));
  for (let i = 0; i < 500 && (await describe(client, name)); i++) await new Promise((r) => setTimeout(r, 10));
}

export interface UpgradeDeps {
  /** Creates a table from the design under the given name and waits until it is active. */
  create(name: string): Promise<void>;
  wanted: CreateTableCommandInput;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

/** Returns the number of items carried over, or null when the table already matches the design. */
export async function upgradeTable(
  client: DynamoDBClient,
  tableName: string,
  deps: UpgradeDeps,
): Promise<number | null> {
  const side = `${tableName}-upgrade`;
  const log = deps.log ?? (() => {});
  let table = await describe(client, tableName);
  const sideTable = await describe(client, side);
  if (sideTable && table && indexDrift(table, deps.wanted).length > 0) {
    // Interrupted while copying out: the original is intact, start that copy again.
    await drop(client, side);
  } else if (sideTable) {
    // Interrupted after the original was dropped: recreate it if needed and finish the copy back.
    if (!table) await deps.create(tableName);
    const items = await copyAll(client, side, tableName);
    await drop(client, side);
    log('table_upgrade_resumed', { items });
    return items;
  }
  table = table ?? (await describe(client, tableName));
  if (!table) return null;
  const drift = indexDrift(table, deps.wanted);
  if (drift.length === 0) return null;
  log('table_upgrade_started', { indexes: drift });
  await deps.create(side);
  const items = await copyAll(client, tableName, side);
  await drop(client, tableName);
  await deps.create(tableName);
  await copyAll(client, side, tableName);
  await drop(client, side);
  log('table_upgrade_done', { items, indexes: drift });
  return items;
}
