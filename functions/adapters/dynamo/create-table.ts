import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '../table-design.js';
import { upgradeTable } from './table-upgrade.js';

/** The table and its GSIs as the shared table design defines them. */
export function tableInput(tableName: string): CreateTableCommandInput {
  const keyAttrs = new Set<string>([tableDesign.partitionKey, tableDesign.sortKey]);
  for (const ix of tableDesign.indexes) {
    keyAttrs.add(ix.partitionKey);
    keyAttrs.add(ix.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyAttrs].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableDesign.indexes.map((ix) => ({
      IndexName: ix.name,
      KeySchema: [
        { AttributeName: ix.partitionKey, KeyType: 'HASH' },
        { AttributeName: ix.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

async function createActive(client: DynamoDBClient, tableName: string) {
  await client.send(new CreateTableCommand(tableInput(tableName)));
  // dynalite creates tables asynchronously; wait until ACTIVE.
  for (let i = 0; i < 200; i++) {
    const d = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (d.Table?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Creates the table and its GSIs from the shared table design if it does not exist (embedded runtime
 * and tests; on AWS the CDK stateful stack creates it from the same design). A table left by an older
 * version whose indexes differ from the design is upgraded, keeping its items (see table-upgrade.ts).
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  log?: (event: string, fields: Record<string, unknown>) => void,
): Promise<'created' | 'exists' | 'upgraded'> {
  const create = (name: string) => createActive(client, name);
  const wanted = tableInput(tableName);
  // First, so that a run interrupted after dropping the old table still finds the side copy.
  const upgraded = await upgradeTable(client, tableName, { create, wanted, ...(log ? { log } : {}) });
  if (upgraded !== null) return 'upgraded';
  if (await exists(client, tableName)) return 'exists';
  await create(tableName);
  return 'created';
}

async function exists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (e) {
    if (e instanceof ResourceNotFoundException || (e as Error).name === 'ResourceNotFoundException')
      return false;
    throw e;
  }
}
