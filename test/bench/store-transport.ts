/**
 * The embedded store's transport, alone: the same conditional PutItem + consistent GetItem pairs
 * through the runtime's DynamoDB client over loopback HTTP (the SDK's Node HTTP handler, as before)
 * and over the store worker's message port (`StorePortHandler`), against one embedded store.
 * Reports calls/s and the main thread's CPU per call (Linux: /proc/self/task/<pid>/stat, which
 * leaves out the store's own thread). Rounds alternate the two transports so load drifts evenly.
 * `npx tsx test/bench/store-transport.ts` (STORE_CALLS per round, default 4000).
 */
import '../../functions/local/polyfills.js';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { ensureTable } from '../../functions/adapters/dynamo/create-table.js';
import { startEmbeddedStore } from '../../functions/local/dynalite-store.js';

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU milliseconds used so far by the main thread alone (utime + stime). */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function pairs(client: DynamoDBClient, tag: string, calls: number, concurrency: number) {
  const description = '三年级每天书面作业超过两个小时，孩子经常写到晚上十点。'.repeat(12);
  let next = 0;
  const worker = async () => {
    while (next < calls / 2) {
      const id = `${tag}${(next++).toString().padStart(8, '0')}`;
      await client.send(
        new PutItemCommand({
          TableName: 'duban',
          ConditionExpression: 'attribute_not_exists(pk)',
          Item: marshall({ pk: `CASE#${id}`, sk: 'CASE', id, version: 1, status: 'submitted', description }),
        }),
      );
      await client.send(
        new GetItemCommand({
          TableName: 'duban',
          Key: marshall({ pk: `CASE#${id}`, sk: 'CASE' }),
          ConsistentRead: true,
        }),
      );
    }
  };
  const cpu0 = mainThreadCpuMs();
  const all0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  const all = process.cpuUsage(all0);
  return {
    callsPerSecond: (calls / ms) * 1000,
    cpuUsPerCall: ((mainThreadCpuMs() - cpu0) * 1000) / calls,
    processCpuUsPerCall: (all.user + all.system) / calls,
  };
}

export async function benchStoreTransport(calls = 4000, rounds = 3, concurrency = 16) {
  const store = await startEmbeddedStore();
  const http = createDynamoClient({ endpoint: store.endpoint, region: 'local' });
  const port = createDynamoClient({
    endpoint: store.endpoint,
    region: 'local',
    requestHandler: store.requestHandler,
  });
  try {
    await ensureTable(http, 'duban', () => {});
    await pairs(http, 'WARMH', 400, concurrency);
    await pairs(port, 'WARMP', 400, concurrency);
    type Run = { callsPerSecond: number; cpuUsPerCall: number; processCpuUsPerCall: number };
    const runs: { http: Run[]; port: Run[] } = { http: [], port: [] };
    for (let r = 0; r < rounds; r++) {
      runs.http.push(await pairs(http, `H${r}-`, calls, concurrency));
      runs.port.push(await pairs(port, `P${r}-`, calls, concurrency));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const summary = (xs: Run[]) => ({
      'calls/s': Math.round(median(xs.map((x) => x.callsPerSecond))),
      'main-thread CPU µs/call': Math.round(median(xs.map((x) => x.cpuUsPerCall))),
      'process CPU µs/call (all threads)': Math.round(median(xs.map((x) => x.processCpuUsPerCall))),
    });
    return { 'loopback HTTP (before)': summary(runs.http), 'message port (now)': summary(runs.port) };
  } finally {
    http.destroy();
    port.destroy();
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const load = loadavg()[0] as number;
  const result = await benchStoreTransport(Number(process.env.STORE_CALLS ?? 4000));
  console.log(
    `PutItem + GetItem through the runtime's client, 16 concurrent; load ${load.toFixed(2)} → ${loadavg()[0]?.toFixed(2)}`,
  );
  console.table(result);
  process.exit(0);
}
