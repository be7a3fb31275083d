import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createCaseRepository } from '../../functions/adapters/dynamo/case-repository.js';
import { withStoreRetry } from '../../functions/adapters/dynamo/retry.js';
import type { CaseRecord } from '../../functions/domain/case.js';
import { ConditionFailedError, StoreUnavailableError } from '../../functions/services/errors.js';
import { sampleCase } from '../support/fixtures.js';

const ddb = mockClient(DynamoDBClient);
afterEach(() => ddb.reset());
const repo = () => createCaseRepository(new DynamoDBClient({ region: 'local' }), 'duban');
const conditional = () => new ConditionalCheckFailedException({ message: 'condition', $metadata: {} });
const throttled = () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });

const record: CaseRecord = sampleCase();

describe('case repository (DynamoDB adapter, mocked client)', () => {
  it('writes a new case with attribute_not_exists and its queue keys; a taken id returns false', async () => {
    ddb.on(PutItemCommand).resolvesOnce({}).rejectsOnce(conditional());
    expect(await repo().createCase(record)).toBe(true);
    expect(await repo().createCase(record)).toBe(false);
    const input = ddb.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(input?.Item?.pk).toEqual({ S: 'CASE#ABCDE23456' });
    expect(input?.Item?.gsi2pk).toEqual({ S: 'STATUS#submitted' });
    expect(input?.Item?.gsi3pk).toEqual({ S: 'MONTH#2026-03#OFFICE#UNROUTED' });
  });

  it('reads an IDEM item recorded before claims moved onto the case', async () => {
    const existing = {
      key: 'k-1',
      caseId: 'ZZZZZ22222',
      requestHash: 'h',
      sealedAccessCode: 's',
      createdAt: '2026-03-02T02:00:00.000Z',
      permanent: true,
    };
    ddb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'IDEM#k-1', sk: 'IDEM', ...existing }) });
    expect(await repo().findIdempotencyRecord('k-1')).toEqual(existing);
    expect(ddb.commandCalls(GetItemCommand)[0]?.args[0].input.Key).toEqual(
      marshall({ pk: 'IDEM#k-1', sk: 'IDEM' }),
    );
  });

  it('files a keyed case with its claim in the same conditional put, and reads both back', async () => {
    // Arrange
    const claim = { tag: 'tag-1', requestHash: 'hash-1' };
    ddb.on(PutItemCommand).resolves({});
    // Act
    const created = await repo().createCase(record, [], claim);
    const item = ddb.commandCalls(PutItemCommand)[0]?.args[0].input.Item ?? {};
    ddb.on(GetItemCommand).resolves({ Item: item });
    const read = await repo().getClaimedCase(record.id);
    // Assert
    expect(created).toBe(true);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(1);
    expect(item.idemTag).toEqual({ S: 'tag-1' });
    expect(read?.claim).toEqual(claim);
    expect(read?.record).toEqual(record);
  });

  it('updates with one conditional write: version check, list_append of new events, queue keys moved', async () => {
    // Arrange
    ddb.on(UpdateItemCommand).resolves({});
    const next: CaseRecord = {
      ...record,
      version: 2,
      status: 'assigned',
      officeId: 'OFFICE_LONGSHUI',
      deadline: '2026-03-23T15:59:59.999Z',
      events: [...record.events, { type: 'assigned', at: 'now', actor: 'system' }],
    };
    // Act
    await repo().updateCase(record, next);
    // Assert
    const input = ddb.commandCalls(UpdateItemCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('#version = :expected');
    expect(input?.ExpressionAttributeValues?.[':expected']).toEqual({ N: '1' });
    expect(input?.UpdateExpression).toContain('#events = list_append(#events, :new)');
    expect(input?.ExpressionAttributeValues?.[':new']?.L).toHaveLength(1);
    const setNames = Object.values(input?.ExpressionAttributeNames ?? {});
    expect(setNames).toEqual(expect.arrayContaining(['status', 'officeId', 'deadline', 'gsi1pk', 'gsi2pk']));
  });

  it('turns a lost race into ConditionFailedError', async () => {
    ddb.on(UpdateItemCommand).rejects(conditional());
    await expect(repo().updateCase(record, { ...record, version: 2 })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
  });

  it('retries throttling and succeeds when the store recovers', async () => {
    ddb.on(PutItemCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({});
    expect(await repo().createCase(record)).toBe(true);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(3);
  });

  it('gives up on persistent throttling with a 503 error (nothing silently lost)', async () => {
    ddb.on(PutItemCommand).rejects(throttled());
    const error = await repo()
      .createCase(record)
      .catch((e) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.status).toBe(503);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(4);
  });

  it('does not retry errors that are not transient', async () => {
    ddb.on(GetItemCommand).rejects(Object.assign(new Error('bad key'), { name: 'ValidationException' }));
    await expect(repo().getCase('X')).rejects.toThrow('bad key');
    expect(ddb.commandCalls(GetItemCommand)).toHaveLength(1);
  });
});

describe('withStoreRetry', () => {
  it('backs off exponentially between attempts', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withStoreRetry(
      async () => {
        if (++calls < 3) throw throttled();
        return 'ok';
      },
      { baseDelayMs: 100, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(result).toBe('ok');
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });
});
