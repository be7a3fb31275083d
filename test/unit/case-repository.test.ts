import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createCaseRepository } from '../../functions/adapters/dynamo/case-repository.js';
import { type CaseRecord, type NewComplaint, newCaseRecord } from '../../functions/domain/case.js';
import { ConditionFailedError, StoreUnavailableError } from '../../functions/services/errors.js';

const ddb = mockClient(DynamoDBClient);
afterEach(() => ddb.reset());

const repo = () => createCaseRepository(new DynamoDBClient({ region: 'local' }), 't');
const meta = { $metadata: {} };
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'x', ...meta });
const throttled = () => new ProvisionedThroughputExceededException({ message: 'slow down', ...meta });

function aCase(): CaseRecord {
  const complaint: NewComplaint = {
    channel: 'web',
    category: 'HOMEWORK_OVERLOAD',
    area: 'LONGSHUI',
    subject: { kind: 'school', name: '龙水镇第一小学' },
    description: '三年级每天书面作业超过两个小时，孩子经常写到晚上十点。',
    anonymous: true,
  };
  return newCaseRecord({
    id: 'ABCDE23456',
    complaint,
    sealedReporter: undefined,
    accessCodeHash: 'hash',
    receivedAt: new Date('2026-03-02T02:00:00Z'),
    urgentByDefault: false,
  });
}

describe('case repository (DynamoDB mocked)', () => {
  it('createCase is false when the id is taken (conditional put failed)', async () => {
    // Arrange
    ddb.on(PutItemCommand).rejects(conditionFailed());
    // Act
    const created = await repo().createCase(aCase());
    // Assert
    expect(created).toBe(false);
    expect(ddb.commandCalls(PutItemCommand)[0]?.args[0].input.ConditionExpression).toBe(
      'attribute_not_exists(pk)',
    );
  });

  it('updateCase appends events with list_append under a version condition, and maps its failure', async () => {
    // Arrange
    ddb.on(UpdateItemCommand).rejects(conditionFailed());
    const current = aCase();
    const next: CaseRecord = {
      ...current,
      version: 2,
      status: 'assigned',
      events: [...current.events, { type: 'assigned', at: '2026-03-02T03:00:00.000Z', actor: 'dispatcher1' }],
    };
    // Act
    const result = repo().updateCase(current, next);
    // Assert
    await expect(result).rejects.toBeInstanceOf(ConditionFailedError);
    const input = ddb.commandCalls(UpdateItemCommand)[0]?.args[0].input;
    expect(input?.UpdateExpression).toContain('list_append');
    expect(input?.ConditionExpression).toBe('#version = :expected');
    expect(input?.ExpressionAttributeValues?.[':expected']).toEqual({ N: '1' });
  });

  it('retries throttling: two rejections then success is a created case after 3 calls', async () => {
    ddb.on(PutItemCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({});
    const created = await repo().createCase(aCase());
    expect(created).toBe(true);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(3);
  });

  it('gives up after 4 throttled attempts with StoreUnavailableError (503)', async () => {
    ddb.on(PutItemCommand).rejects(throttled());
    const error = await repo()
      .createCase(aCase())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).status).toBe(503);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(4);
  });

  it('does not retry a ValidationException', async () => {
    ddb.on(PutItemCommand).rejects(Object.assign(new Error('bad item'), { name: 'ValidationException' }));
    await expect(repo().createCase(aCase())).rejects.toMatchObject({ name: 'ValidationException' });
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(1);
  });
});
