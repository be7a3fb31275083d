/** 12345 import jobs: one item per job (`IMPORT#<id>`), rewritten after each chunk, gone after 30 days. */
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ImportJob, ImportJobStore } from '../../services/work-order-imports.js';
import { keys } from '../table-design.js';
import { readItem } from './read-item.js';
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
      const item = await readItem(client, tableName, keys.workOrderImport(id));
      return item ? (item.job as ImportJob) : undefined;
    },
  };
}
