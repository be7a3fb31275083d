/**
 * The raw store's conditional PutItem throughput: dynalite alone in its own process, 32 clients,
 * items shaped and sized like a case item (keys, four GSI keys, ~1.5 KB).
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { load, memoryOf, startChild } from '../support/child-process.js';

export async function benchRawStore(seconds: number, concurrency = 32) {
  const dataDir = await mkdtemp(join(tmpdir(), 'duban-bench-raw-'));
  const child = await startChild('test/bench/dynalite-server.ts', { DATA_DIR: dataDir }, 'dynalite ready');
  const endpoint = child.output().match(/dynalite ready (\S+)/)?.[1] as string;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent({ keepAlive: true, maxSockets: concurrency }),
    }),
  });
  const description = '三年级每天书面作业超过两个小时，孩子经常写到晚上十点。'.repeat(12);
  try {
    const result = await load(concurrency, seconds, async (i) => {
      const id = `RAW${process.pid}${i.toString().padStart(8, '0')}`;
      const at = new Date().toISOString();
      await client.send(
        new PutItemCommand({
          TableName: 'duban',
          ConditionExpression: 'attribute_not_exists(pk)',
          Item: marshall({
            pk: `CASE#${id}`,
            sk: 'CASE',
            id,
            version: 1,
            status: 'submitted',
            description,
            reporter: { phone: 'x'.repeat(300), name: 'y'.repeat(300) },
            gsi2pk: 'STATUS#submitted',
            gsi2sk: `${at}#${id}`,
            gsi3pk: 'MONTH#2026-11#OFFICE#UNROUTED',
            gsi3sk: `${at}#${id}`,
            gsi4pk: 'SUBJECT#school#x',
            gsi4sk: `${at}#${id}`,
            events: [{ type: 'submitted', at, actor: 'citizen' }],
          }),
        }),
      );
      return true;
    });
    return { ...result, peakMb: memoryOf(child.pid).peakMb };
  } finally {
    client.destroy();
    await child.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
