/**
 * DynamoDB side of notification delivery: the pending list on case items and its sparse index, the
 * de-duplication records, the dead-letter list and the staff notification profiles.
 */
import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { SealedReporter } from '../../domain/case.js';
import { type PendingNotification, recipientKey } from '../../domain/lifecycle/notifications.js';
import {
  noticeHolderId,
  noticeRunHolderId,
  parseNoticeHolderId,
  parseNoticeRunHolderId,
} from '../../domain/reports/notice-mail.js';
import { StoreUnavailableError } from '../../services/errors.js';
import type {
  ClaimedHolder,
  DeadLetter,
  DeadLetters,
  DeliveryLog,
  NotificationQueue,
  StaffProfile,
  StaffProfiles,
} from '../../services/notification-ports.js';
import { keys } from '../table-design.js';
import { queryAll } from './query-all.js';
import { readItem } from './read-item.js';
import { withStoreRetry } from './retry.js';

const MARSHALL = { removeUndefinedValues: true } as const;
/** De-duplication records live 30 days (TTL on `expiresAt`). */
const DELIVERY_TTL_SECONDS = 30 * 24 * 3600;

const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException || (e as Error)?.name === 'ConditionalCheckFailedException';

function earliest(list: readonly PendingNotification[]): string {
  return list.map((n) => n.nextAttemptAt).sort()[0] ?? '';
}

/**
 * The item holding a notification's pending list: a case (`<case id>`), a published notice version
 * (`notice:<month>:<version>`, written with its notifications when it was published), or a month's
 * scheduled run (`noticerun:<month>`, written with the draft reminder when the run was claimed).
 */
export function notificationHolderKey(holderId: string) {
  const notice = parseNoticeHolderId(holderId);
  if (notice) return keys.notice(notice.month, notice.version);
  const run = parseNoticeRunHolderId(holderId);
  return run ? keys.noticeRun(run.month) : keys.case(holderId);
}

/** The holder id of a table item's keys (stream records), or undefined for items that hold none. */
export function notificationHolderOf(pk: string | undefined, sk: string | undefined): string | undefined {
  if (pk?.startsWith('CASE#')) return pk.slice('CASE#'.length);
  const run = /^NOTICERUN#(\d{4}-\d{2})$/.exec(pk ?? '');
  if (run && sk === keys.noticeRun(run[1] as string).sk) return noticeRunHolderId(run[1] as string);
  const m = pk === keys.noticePartition() ? /^(\d{4}-\d{2})#V(\d+)$/.exec(sk ?? '') : null;
  return m ? noticeHolderId(m[1] as string, Number(m[2])) : undefined;
}

export function createNotificationQueue(client: DynamoDBClient, tableName: string): NotificationQueue {
  const send = <T>(fn: () => Promise<T>) => withStoreRetry(fn);
  return {
    async dueCases(now, limit) {
      const res = await send(() =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'byPendingNotification',
            KeyConditionExpression: 'notifyPk = :pk AND notifySk <= :now',
            ExpressionAttributeValues: marshall({
              ':pk': keys.pendingNotificationPartition,
              ':now': `${now}#~`,
            }),
            Limit: limit,
          }),
        ),
      );
      return (res.Items ?? []).map((i) => String(unmarshall(i).notifySk).split('#').at(-1) as string);
    },
    async pending(caseId) {
      const got = await send(() =>
        client.send(
          new GetItemCommand({
            TableName: tableName,
            Key: marshall(notificationHolderKey(caseId)),
            ConsistentRead: true,
            ProjectionExpression: 'pendingNotifications',
          }),
        ),
      );
      return ((got.Item ? unmarshall(got.Item).pendingNotifications : undefined) ??
        []) as PendingNotification[];
    },
    async claim(caseId, now, until) {
      // The item as the lease found it — the pending list, the reporter's sealed contact, whether an
      // earlier lease was left behind — so a pass reads nothing else. A case comes back whole
      // (ALL_OLD; UpdateItem has no projection): a few KB, events and all, bounded by the 400 KB item
      // limit; returned values cost no capacity, and the pass used to read the whole case again for
      // every citizen notification. A published notice holds its gzipped body and tells no citizen:
      // only the list and the old lease come back (UPDATED_OLD of `#pn = #pn`, a no-op write).
      const notice = parseNoticeHolderId(caseId) !== undefined;
      try {
        const res = await send(() =>
          client.send(
            new UpdateItemCommand({
              TableName: tableName,
              Key: marshall(notificationHolderKey(caseId)),
              UpdateExpression: notice ? 'SET notifyLease = :until, #pn = #pn' : 'SET notifyLease = :until',
              ConditionExpression:
                'attribute_exists(#pn) AND (attribute_not_exists(notifyLease) OR notifyLease < :now)',
              ExpressionAttributeNames: { '#pn': 'pendingNotifications' },
              ExpressionAttributeValues: marshall({ ':until': until, ':now': now }),
              ReturnValues: notice ? 'UPDATED_OLD' : 'ALL_OLD',
            }),
          ),
        );
        const item = res.Attributes ? unmarshall(res.Attributes) : {};
        return {
          pending: (item.pendingNotifications ?? []) as PendingNotification[],
          reporter: item.reporter as SealedReporter | undefined,
          anonymous: item.anonymous === true,
          interrupted: item.notifyLease !== undefined,
        } satisfies ClaimedHolder;
      } catch (e) {
        if (isConditionFailure(e)) return undefined;
        throw e;
      }
    },
    async settle(caseId, lease, count, remaining) {
      const base = {
        TableName: tableName,
        Key: marshall(notificationHolderKey(caseId)),
        ConditionExpression: 'size(#pn) = :n AND notifyLease = :lease',
      };
      const entry = remaining.length > 0 ? keys.pendingNotification(earliest(remaining), caseId) : undefined;
      try {
        await send(() =>
          client.send(
            new UpdateItemCommand(
              entry
                ? {
                    ...base,
                    UpdateExpression: 'SET #pn = :rest, notifySk = :sk REMOVE notifyLease',
                    ExpressionAttributeNames: { '#pn': 'pendingNotifications' },
                    ExpressionAttributeValues: marshall(
                      { ':n': count, ':lease': lease, ':rest': remaining, ':sk': entry.notifySk },
                      MARSHALL,
                    ),
                  }
                : {
                    ...base,
                    UpdateExpression: 'REMOVE #pn, notifyPk, notifySk, notifyLease',
                    ExpressionAttributeNames: { '#pn': 'pendingNotifications' },
                    ExpressionAttributeValues: marshall({ ':n': count, ':lease': lease }),
                  },
            ),
          ),
        );
        return { outcome: 'settled' };
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
      // Which condition failed: the list grew (settle again with it) or the lease is someone else's.
      const now = await readItem(client, tableName, notificationHolderKey(caseId));
      if (now?.notifyLease !== lease) return { outcome: 'lost' };
      return { outcome: 'changed', pending: (now.pendingNotifications ?? []) as PendingNotification[] };
    },
    async requeue(caseId, notifications) {
      const entry = keys.pendingNotification(earliest(notifications), caseId);
      await send(() =>
        client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: marshall(notificationHolderKey(caseId)),
            ConditionExpression: 'attribute_exists(pk)',
            UpdateExpression:
              'SET #pn = list_append(if_not_exists(#pn, :none), :add), notifyPk = :pk, notifySk = :sk',
            ExpressionAttributeNames: { '#pn': 'pendingNotifications' },
            ExpressionAttributeValues: marshall(
              { ':none': [], ':add': notifications, ':pk': entry.notifyPk, ':sk': entry.notifySk },
              MARSHALL,
            ),
          }),
        ),
      );
    },
  };
}

/** BatchGetItem takes at most 100 keys a call. */
const BATCH_GET_KEYS = 100;
/** Rounds of UnprocessedKeys (the store under load) before the pass gives up and retries later. */
const UNPROCESSED_ROUNDS = 6;

export function createDeliveryLog(
  client: DynamoDBClient,
  tableName: string,
  opts: { sleep?: (ms: number) => Promise<void> } = {},
): DeliveryLog {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    async sentAmong(dedupeKeys) {
      const sent = new Set<string>();
      // A batch naming a key twice is refused; the map finds the dedupe key of each item read back.
      const byPk = new Map(dedupeKeys.map((k) => [keys.delivery(k).pk, k]));
      const unique = [...byPk.values()];
      for (let i = 0; i < unique.length; i += BATCH_GET_KEYS) {
        let request = unique.slice(i, i + BATCH_GET_KEYS).map((k) => marshall(keys.delivery(k)));
        for (let round = 0; request.length > 0; round++) {
          if (round >= UNPROCESSED_ROUNDS) throw new StoreUnavailableError(new Error('UnprocessedKeys'));
          if (round > 0) await sleep(Math.random() * 25 * 2 ** round);
          const res = await withStoreRetry(() =>
            client.send(
              new BatchGetItemCommand({
                RequestItems: {
                  [tableName]: { Keys: request, ConsistentRead: true, ProjectionExpression: 'pk' },
                },
              }),
            ),
          );
          for (const item of res.Responses?.[tableName] ?? []) {
            const key = byPk.get(String(unmarshall(item).pk));
            if (key !== undefined) sent.add(key);
          }
          request = res.UnprocessedKeys?.[tableName]?.Keys ?? [];
        }
      }
      return sent;
    },
    async markSent(key, at) {
      await withStoreRetry(() =>
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshall({
              ...keys.delivery(key),
              sentAt: at,
              expiresAt: Math.floor(Date.parse(at) / 1000) + DELIVERY_TTL_SECONDS,
            }),
          }),
        ),
      );
    },
  };
}

export function createDeadLetters(client: DynamoDBClient, tableName: string): DeadLetters {
  return {
    async add(letter) {
      await withStoreRetry(() =>
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshall({ ...keys.deadLetter(letter.id), letter }, MARSHALL),
          }),
        ),
      );
    },
    async list(opts = {}) {
      const res = await withStoreRetry(() =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: marshall({ ':pk': keys.deadLetterPartition }),
            Limit: Math.min(opts.limit ?? 100, 500),
          }),
        ),
      );
      return (res.Items ?? []).map((i) => unmarshall(i).letter as DeadLetter);
    },
    async take(id) {
      const res = await withStoreRetry(() =>
        client.send(
          new DeleteItemCommand({
            TableName: tableName,
            Key: marshall(keys.deadLetter(id)),
            ReturnValues: 'ALL_OLD',
          }),
        ),
      );
      // Absent when another admin retried it first.
      return res.Attributes ? (unmarshall(res.Attributes).letter as DeadLetter) : undefined;
    },
  };
}

export function createStaffProfiles(client: DynamoDBClient, tableName: string): StaffProfiles {
  const strip = (raw: Record<string, unknown>): StaffProfile => {
    const { pk: _p, sk: _s, gsi2pk: _g, gsi2sk: _h, ...rest } = raw;
    return rest as unknown as StaffProfile;
  };
  return {
    async get(username) {
      const item = await readItem(client, tableName, keys.staffProfile(username));
      return item ? strip(item) : undefined;
    },
    async save(profile) {
      await withStoreRetry(() =>
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshall(
              {
                ...keys.staffProfile(profile.username),
                ...keys.staffProfileGroup(profile.group, profile.username),
                ...profile,
              },
              MARSHALL,
            ),
          }),
        ),
      );
    },
    async forRecipient(to) {
      const items = await queryAll(client, {
        TableName: tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': keys.staffProfileGroupPartition(recipientKey(to)) }),
      });
      return items.map(strip);
    },
  };
}
