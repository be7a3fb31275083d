/**
 * Published monthly notices: one item per version under NOTICE#MONTHLY, written with a conditional
 * put so nothing is ever overwritten; the body is gzipped JSON (a notice with a long ledger stays far
 * below the 400 KB item limit). 期号 are claimed per year with conditional puts as well.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { noticeHolderId, noticeRunHolderId } from '../../domain/reports/notice-mail.js';
import type {
  NoticeIssue,
  NoticeStore,
  NoticeSummary,
  PublishedNotice,
} from '../../services/reports/ports.js';
import { keys } from '../table-design.js';
import { queryAll } from './query-all.js';
import { readItem } from './read-item.js';
import { withStoreRetry } from './retry.js';

const RACE_RETRIES = 10;
const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException || (e as Error)?.name === 'ConditionalCheckFailedException';

export const issueLabel = (year: number, n: number) => `${year}年第${n}期`;

export function createNoticeStore(client: DynamoDBClient, tableName: string): NoticeStore {
  const putNew = async (item: Record<string, unknown>) => {
    try {
      await withStoreRetry(() =>
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshall(item, { removeUndefinedValues: true }),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  };
  const versionsOf = (month: string, withBody: boolean) =>
    queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :month)',
      ExpressionAttributeValues: marshall({ ':pk': keys.noticePartition(), ':month': `${month}#` }),
      ProjectionExpression: withBody ? undefined : 'version',
      ConsistentRead: true,
    });

  return {
    async claimIssue(month) {
      const year = month.slice(0, 4);
      for (let attempt = 0; attempt < RACE_RETRIES; attempt++) {
        const claimed = await queryAll(client, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': keys.noticeIssuePartition(year) }),
          ConsistentRead: true,
        });
        const mine = claimed.find((c) => c.month === month);
        const number = mine ? Number(mine.number) : claimed.length + 1;
        if (mine || (await putNew({ ...keys.noticeIssue(year, number), month, number }))) {
          return {
            year: Number(year),
            number,
            label: issueLabel(Number(year), number),
          } satisfies NoticeIssue;
        }
      }
      throw new Error('could not claim an issue number');
    },

    async putNextVersion(notice, notify) {
      for (let attempt = 0; attempt < RACE_RETRIES; attempt++) {
        const existing = await versionsOf(notice.month, false);
        const version = existing.reduce((m, v) => Math.max(m, Number(v.version)), 0) + 1;
        const full: PublishedNotice = { ...notice, version };
        const { report, ...summary } = full;
        const pending = notify?.(full) ?? [];
        const item = {
          ...keys.notice(notice.month, version),
          ...summary,
          generatedAt: report.generatedAt,
          body: gzipSync(JSON.stringify(full)),
          // Its notifications, in the same put (see notification-store: the holder of a notice id).
          ...(pending.length > 0
            ? {
                pendingNotifications: pending,
                ...keys.pendingNotification(notice.publishedAt, noticeHolderId(notice.month, version)),
              }
            : {}),
        };
        if (await putNew(item)) return full;
      }
      throw new Error('could not store the notice version');
    },

    async get(month, version) {
      if (version !== undefined) {
        const res = await withStoreRetry(() =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk AND sk = :sk',
              ExpressionAttributeValues: marshall({
                ':pk': keys.noticePartition(),
                ...skValue(month, version),
              }),
              ConsistentRead: true,
            }),
          ),
        );
        const item = res.Items?.[0];
        return item ? decode(unmarshall(item)) : undefined;
      }
      const all = await versionsOf(month, true);
      const last = all.at(-1);
      return last ? decode(last) : undefined;
    },

    scheduledRunClaimed: async (month) =>
      (await readItem(client, tableName, keys.noticeRun(month))) !== undefined,

    claimScheduledRun: (month, at, pending) =>
      putNew({
        ...keys.noticeRun(month),
        month,
        at,
        // Its notifications, in the same put (see notification-store: the holder of a run id).
        ...(pending.length > 0
          ? {
              pendingNotifications: pending,
              ...keys.pendingNotification(at, noticeRunHolderId(month)),
            }
          : {}),
      }),

    async list() {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': keys.noticePartition() }),
        ProjectionExpression:
          '#m, version, issue, publishedAt, publishedBy, issuingBody, requirements, generatedAt',
        ExpressionAttributeNames: { '#m': 'month' },
        ConsistentRead: true,
      });
      return items.map((i) => i as unknown as NoticeSummary);
    },
  };
}

const skValue = (month: string, version: number) => ({ ':sk': keys.notice(month, version).sk });

function decode(item: Record<string, unknown>): PublishedNotice {
  return JSON.parse(gunzipSync(item.body as Uint8Array).toString('utf8')) as PublishedNotice;
}
