import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { CaseEvent, CaseRecord } from '../../domain/case.js';
import type { PendingNotification } from '../../domain/lifecycle/notifications.js';
import { ConditionFailedError } from '../../services/errors.js';
import type { CaseStore, IdempotencyRecord } from '../../services/ports.js';
import { keys } from '../table-design.js';
import {
  CLAIM_ATTRIBUTES,
  caseIndexAttributes,
  caseToItem,
  INDEX_ATTRIBUTES,
  itemToCase,
  ONCE_KEYS,
} from './case-item.js';
import { withStoreRetry } from './retry.js';

const MARSHALL = { removeUndefinedValues: true, convertClassInstanceToMap: true } as const;

function isConditionFailure(e: unknown): boolean {
  return (
    e instanceof ConditionalCheckFailedException || (e as Error)?.name === 'ConditionalCheckFailedException'
  );
}

export interface CaseRepository extends CaseStore {
  /**
   * Replaces the case with `next` if its version is still `current.version`: changed attributes are
   * SET, the new events appended with list_append, queue attributes recomputed — one conditional write.
   * Notifications the change causes are appended to the item's pending list in the same write (and
   * the case enters the sparse index of undelivered notifications), so none is lost to a crash.
   * Throws ConditionFailedError when someone else changed the case first.
   */
  updateCase(current: CaseRecord, next: CaseRecord, pending?: readonly PendingNotification[]): Promise<void>;
  /**
   * Appends one history event without touching the version: for records that change no state (a
   * reveal, a merge link), so they never invalidate another user's pending `expectedVersion`. With
   * `onceKey` the append happens at most once per key (atomically, via a string set on the item);
   * returns false when that key was already recorded.
   */
  appendEvent(caseId: string, event: CaseEvent, onceKey?: string): Promise<boolean>;
}

export function createCaseRepository(client: DynamoDBClient, tableName: string): CaseRepository {
  // Each call goes through withStoreRetry: throttling is retried, then surfaces as a 503.
  const put = (input: PutItemCommandInput) => withStoreRetry(() => client.send(new PutItemCommand(input)));
  const get = (input: GetItemCommandInput) => withStoreRetry(() => client.send(new GetItemCommand(input)));
  const update = (input: UpdateItemCommandInput) =>
    withStoreRetry(() => client.send(new UpdateItemCommand(input)));

  return {
    async findIdempotencyRecord(key) {
      const got = await get({
        TableName: tableName,
        Key: marshall(keys.idempotency(key)),
        ConsistentRead: true,
      });
      if (!got.Item) return undefined;
      const { pk: _pk, sk: _sk, expiresAt: _e, ...existing } = unmarshall(got.Item);
      return existing as IdempotencyRecord;
    },

    async createCase(record, pending = [], claim) {
      const notify =
        pending.length > 0
          ? { pendingNotifications: pending, ...keys.pendingNotification(record.receivedAt, record.id) }
          : {};
      const claimed = claim
        ? { [CLAIM_ATTRIBUTES.tag]: claim.tag, [CLAIM_ATTRIBUTES.requestHash]: claim.requestHash }
        : {};
      try {
        await put({
          TableName: tableName,
          Item: marshall({ ...caseToItem(record), ...notify, ...claimed }, MARSHALL),
          ConditionExpression: 'attribute_not_exists(pk)',
        });
        return true;
      } catch (e) {
        if (isConditionFailure(e)) return false;
        throw e;
      }
    },

    async getCase(id) {
      const got = await get({ TableName: tableName, Key: marshall(keys.case(id)), ConsistentRead: true });
      return got.Item ? itemToCase(unmarshall(got.Item)) : undefined;
    },

    async getClaimedCase(id) {
      const got = await get({ TableName: tableName, Key: marshall(keys.case(id)), ConsistentRead: true });
      if (!got.Item) return undefined;
      const item = unmarshall(got.Item);
      const tag = item[CLAIM_ATTRIBUTES.tag];
      const requestHash = item[CLAIM_ATTRIBUTES.requestHash];
      return {
        record: itemToCase(item),
        ...(typeof tag === 'string' && typeof requestHash === 'string'
          ? { claim: { tag, requestHash } }
          : {}),
      };
    },

    async getAccessCodeHash(id) {
      const got = await get({
        TableName: tableName,
        Key: marshall(keys.case(id)),
        ConsistentRead: true,
        ProjectionExpression: '#h',
        ExpressionAttributeNames: { '#h': 'accessCodeHash' },
      });
      return got.Item?.accessCodeHash?.S;
    },

    async updateCase(current, next, pending = []) {
      const appended = next.events.slice(current.events.length);
      const names: Record<string, string> = { '#version': 'version', '#events': 'events' };
      const values: Record<string, unknown> = { ':expected': current.version, ':new': appended };
      const sets: string[] = ['#events = list_append(#events, :new)'];
      if (pending.length > 0) {
        const first = pending[0] as PendingNotification;
        const entry = keys.pendingNotification(first.nextAttemptAt, current.id);
        Object.assign(names, { '#pn': 'pendingNotifications', '#npk': 'notifyPk', '#nsk': 'notifySk' });
        Object.assign(values, {
          ':pn': pending,
          ':none': [],
          ':npk': entry.notifyPk,
          ':nsk': entry.notifySk,
        });
        sets.push('#pn = list_append(if_not_exists(#pn, :none), :pn)', '#npk = :npk', '#nsk = :nsk');
      }
      const removes: string[] = [];
      const nextAttrs: Record<string, unknown> = { ...next, ...caseIndexAttributes(next) };
      const currentAttrs: Record<string, unknown> = { ...current, ...caseIndexAttributes(current) };
      let i = 0;
      for (const name of new Set([
        ...Object.keys(nextAttrs),
        ...Object.keys(currentAttrs),
        ...INDEX_ATTRIBUTES,
      ])) {
        if (name === 'events' || name === 'id') continue;
        const before = currentAttrs[name];
        const after = nextAttrs[name];
        if (JSON.stringify(before) === JSON.stringify(after)) continue;
        names[`#a${i}`] = name;
        if (after === undefined) removes.push(`#a${i}`);
        else {
          values[`:v${i}`] = after;
          sets.push(`#a${i} = :v${i}`);
        }
        i++;
      }
      try {
        await update({
          TableName: tableName,
          Key: marshall(keys.case(current.id)),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshall(values, MARSHALL),
        });
      } catch (e) {
        if (isConditionFailure(e)) throw new ConditionFailedError('version changed');
        throw e;
      }
    },

    async appendEvent(caseId, event, onceKey) {
      const names: Record<string, string> = { '#events': 'events' };
      const values: Record<string, unknown> = { ':new': [event] };
      let expression = 'SET #events = list_append(#events, :new)';
      let condition = 'attribute_exists(pk)';
      if (onceKey) {
        names['#once'] = ONCE_KEYS;
        values[':key'] = onceKey;
        values[':keys'] = new Set([onceKey]);
        expression += ' ADD #once :keys';
        condition += ' AND NOT contains(#once, :key)';
      }
      try {
        await update({
          TableName: tableName,
          Key: marshall(keys.case(caseId)),
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshall(values, MARSHALL),
        });
        return true;
      } catch (e) {
        if (isConditionFailure(e)) return false;
        throw e;
      }
    },

    async loadReference<T>(name: string) {
      const got = await get({
        TableName: tableName,
        Key: marshall(keys.referenceData(name)),
        ConsistentRead: true,
      });
      return got.Item ? (unmarshall(got.Item).value as T) : undefined;
    },

    async saveReference<T>(name: string, value: T) {
      await put({ TableName: tableName, Item: marshall({ ...keys.referenceData(name), value }, MARSHALL) });
    },

    async replaceReference<T>(name: string, value: T, expected: { version: number } | { revision: number }) {
      const byVersion = 'version' in expected;
      const base = byVersion ? expected.version : expected.revision;
      const condition = byVersion
        ? '#value.#version = :base'
        : base === 0
          ? 'attribute_not_exists(#revision)'
          : '#revision = :base';
      try {
        await put({
          TableName: tableName,
          Item: marshall(
            { ...keys.referenceData(name), value, ...(byVersion ? {} : { revision: base + 1 }) },
            MARSHALL,
          ),
          ConditionExpression: condition,
          ExpressionAttributeNames: byVersion
            ? { '#value': 'value', '#version': 'version' }
            : { '#revision': 'revision' },
          ...(byVersion || base !== 0 ? { ExpressionAttributeValues: marshall({ ':base': base }) } : {}),
        });
        return true;
      } catch (e) {
        if (isConditionFailure(e)) return false;
        throw e;
      }
    },

    async loadReferenceRevision<T>(name: string) {
      const got = await get({
        TableName: tableName,
        Key: marshall(keys.referenceData(name)),
        ConsistentRead: true,
      });
      if (!got.Item) return undefined;
      const item = unmarshall(got.Item);
      return { value: item.value as T, revision: Number(item.revision ?? 0) };
    },

    async seedReference<T>(name: string, value: T) {
      try {
        await put({
          TableName: tableName,
          Item: marshall({ ...keys.referenceData(name), value }, MARSHALL),
          ConditionExpression: 'attribute_not_exists(pk)',
        });
        return true;
      } catch (e) {
        if (isConditionFailure(e)) return false;
        throw e;
      }
    },
  };
}
