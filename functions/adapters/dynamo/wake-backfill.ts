import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { keys } from '../table-design.js';
import { caseIndexAttributes } from './case-item.js';
import type { CaseRepository } from './case-repository.js';
import { listOpenCases } from './open-cases.js';

const MARKER = 'wake-index-backfilled';

/**
 * One-time upgrade of a data folder written before the wake index existed: gives every open case its
 * wake entry (index attributes only, conditioned on the version read, so a concurrent change wins and
 * writes the entry itself). A marker item records completion; a run cut short starts over next time.
 */
export async function backfillWakeIndex(
  client: DynamoDBClient,
  tableName: string,
  store: CaseRepository,
  stopped: () => boolean = () => false,
): Promise<number> {
  if (await store.loadReference(MARKER)) return 0;
  let written = 0;
  for (const { id } of await listOpenCases(client, tableName)) {
    if (stopped()) return written; // no marker: the next start finishes the job
    const record = await store.getCase(id);
    const wake = record && caseIndexAttributes(record);
    if (!record || !wake?.wakepk || !wake.wakesk) continue;
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: marshall(keys.case(id)),
          UpdateExpression: 'SET wakepk = :pk, wakesk = :sk',
          ConditionExpression: 'version = :v AND attribute_not_exists(wakepk)',
          ExpressionAttributeValues: marshall({
            ':pk': wake.wakepk,
            ':sk': wake.wakesk,
            ':v': record.version,
          }),
        }),
      );
      written++;
    } catch (e) {
      if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
    }
  }
  await store.saveReference(MARKER, { written });
  return written;
}

/**
 * A table created by this version has its wake entries from every case's first write: records that no
 * backfill is due, so a later start never lists every open case to find none missing (with 100,000
 * open cases that was minutes of store reads in the background after each restart).
 */
export async function markWakeIndexComplete(store: CaseRepository): Promise<void> {
  await store.saveReference(MARKER, { written: 0 });
}
