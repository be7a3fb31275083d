/** 12345 import jobs: one item per job (`IMPORT#<id>`), rewritten after each chunk, gone after 30 days. */
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ImportJob, ImportJobStore } from '../../services/work-order-imports.js';
import { keys } from '../table-design.js';
import { withStoreRetry } from './retry.js';

const KEEP_SECONDS = 30 * 24 * 3600;

export function createImportJobStore(client: DynamoDBClient, tableName: string): ImportJobStore {
  return {
    async save(job) {
      await withStoreRetry(() =>
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshall(
              {
                ...keys.workOrderImport(job.id),
                job,
                expiresAt: Math.floor(Date.parse(job.createdAt) / 1000) + KEEP_SECONDS,
              },
              { removeUndefinedValues: true },
            ),
          }),
        ),
      );
    },
    async get(id) {
      const got = await withStoreRetry(() =>
        client.send(
          new GetItemCommand({
            TableName: tableName,
            Key: marshall(keys.workOrderImport(id)),
            ConsistentRead: true,
          }),
        ),
      );
      return got.Item ? (unmarshall(got.Item).job as ImportJob) : undefined;
    },
  };
}
