/**
 * Scale of the embedded runtime (issue 10): cost follows the work running, not the cases open.
 *   open cases   BENCH_OPEN_CASES (100000) routed open cases written to a data folder, then `npm start`'s
 *                entry started on it (default heap): time to healthy, resident memory, in-process heap.
 *   on time      BENCH_DUE_CASES (3000) untouched complaints with CLOCK_SPEED=86400: how late each
 *                催办 happens after its deadline.
 *   store RSS    BENCH_MIXED_OPS (100000) mixed puts, updates and Limit-50 queries on the embedded store:
 *                resident memory before and after (BENCH_MIXED_UNPATCHED=1 also runs unpatched dynalite).
 * Sizes are configurable so a quick run is possible, e.g. BENCH_OPEN_CASES=5000 BENCH_DUE_CASES=300.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { ensureTable } from '../../functions/adapters/dynamo/create-table.js';
import { keys } from '../../functions/adapters/table-design.js';
import { newCaseRecord } from '../../functions/domain/case.js';
import { routeStep } from '../../functions/domain/lifecycle/workflow-steps.js';
import { silentLogger } from '../../functions/http/logger.js';
import { startEmbeddedStore } from '../../functions/local/dynalite-store.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { submitComplaintWithRetry } from '../../functions/services/intake.js';
import { freePort, memoryOf, percentile, startChild } from '../support/child-process.js';
import { sampleComplaint } from '../support/fixtures.js';

const mb = (bytes: number) => Math.round(bytes / 1048576);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function pool(total: number, concurrency: number, work: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await work(next++);
    }),
  );
}

/** Starts `npm start`'s entry on a folder: ms to a healthy /healthz, then RSS after 5 s of running. */
async function startTimed(dataDir: string) {
  const port = await freePort();
  const started = Date.now();
  const child = await startChild(
    'functions/local/main.ts',
    { DATA_DIR: dataDir, PORT: String(port) },
    'duban started',
  );
  let healthyMs = -1;
  for (let i = 0; i < 1200 && healthyMs < 0; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (res?.ok) healthyMs = Date.now() - started;
    else await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 5000));
  const { rssMb } = memoryOf(child.pid);
  const alive = (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true;
  await child.stop();
  return { healthyMs, rssMb, alive };
}

/** N routed open cases written straight to the store, then the real entry point started on them. */
export async function benchOpenCases(n = Number(process.env.BENCH_OPEN_CASES ?? 100_000)) {
  const dataDir = await mkdtemp(join(tmpdir(), 'duban-bench-open-'));
  try {
    const writer = await startRuntime({
      dataDir,
      logger: silentLogger,
      workflow: { startCaseWorkflow: async () => {} },
    });
    const [catalog, calendar] = await Promise.all([writer.deps.catalog.get(), writer.deps.calendar.get()]);
    const t0 = Date.now();
    const now = writer.deps.clock.now();
    await pool(n, 32, async (i) => {
      const record = newCaseRecord({
        id: `B${String(i).padStart(9, '0')}`,
        complaint: sampleComplaint({ area: ['LONGSHUI', 'YOUTING', 'LONGGANG', 'SANQU'][i % 4] as string }),
        sealedReporter: undefined,
        accessCodeHash: 'salt$hash',
        receivedAt: now,
        urgentByDefault: false,
      });
      const routed = routeStep(record, { now, catalog, calendar })?.next ?? record;
      await writer.store.createCase(routed);
    });
    const writeSeconds = (Date.now() - t0) / 1000;
    await writer.close();

    // The real `npm start` entry, default heap, on the folder with n open cases, and on an empty
    // folder for comparison (the difference is what the open cases cost at restart).
    const withCases = await startTimed(dataDir);
    const emptyDir = await mkdtemp(join(tmpdir(), 'duban-bench-empty-'));
    const empty = await startTimed(emptyDir).finally(() => rm(emptyDir, { recursive: true, force: true }));

    // The same start in this process, to read the JavaScript heap it holds with every case open.
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const rt = await startRuntime({ dataDir, logger: silentLogger });
    await rt.runner?.settle();
    gc();
    const heapWith = process.memoryUsage().heapUsed;
    const executions = rt.runner?.executions().length ?? -1;
    await rt.close();
    return {
      openCases: n,
      writeSeconds,
      'restart to healthy ms': withCases.healthyMs,
      'same, empty folder ms': empty.healthyMs,
      aliveAfter5s: withCases.alive,
      'RSS after 5 s MB': Math.round(withCases.rssMb),
      'same, empty folder MB': Math.round(empty.rssMb),
      heapHeldMb: mb(heapWith - heapBefore),
      executionsStartedAtRestart: executions,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Untouched complaints under CLOCK_SPEED=86400: lateness of each 催办 after its deadline. */
export async function benchOnTime(n = Number(process.env.BENCH_DUE_CASES ?? 3000), clockSpeed = 86400) {
  const rt = await startRuntime({ clockSpeed, logger: silentLogger, intakeRateLimit: 0 });
  try {
    const ids: string[] = [];
    await pool(n, 16, async () => {
      const receipt = await submitComplaintWithRetry(rt.deps, sampleComplaint());
      ids.push(receipt.trackingCode.replace('-', ''));
    });
    const lateness: number[] = [];
    const deadline = Date.now() + 180_000;
    let pending = [...ids];
    while (pending.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      const still: string[] = [];
      for (const id of pending) {
        const c = await rt.store.getCase(id);
        const urged = c?.events.find((e) => e.type === 'urged');
        if (urged && c?.deadline) lateness.push(Date.parse(urged.at) - Date.parse(c.deadline));
        else still.push(id);
      }
      pending = still;
    }
    const sorted = lateness.sort((a, b) => a - b);
    const minutes = (ms: number) => Math.round(ms / 60_000);
    return {
      untouchedCases: n,
      clockSpeed,
      urged: lateness.length,
      notUrgedWithin3min: pending.length,
      'late p50 (domain min)': minutes(percentile(sorted, 50)),
      'late p99 (domain min)': minutes(percentile(sorted, 99)),
      'late max (domain min)': minutes(sorted.at(-1) ?? 0),
      'late max (real ms)': Math.round((sorted.at(-1) ?? 0) / clockSpeed),
    };
  } finally {
    await rt.close();
  }
}

/** Mixed puts, updates and Limit-50 status queries on the embedded store; this process's RSS. */
export async function benchStoreRss(ops = Number(process.env.BENCH_MIXED_OPS ?? 100_000), unpatched = false) {
  const dataDir = await mkdtemp(join(tmpdir(), 'duban-bench-rss-'));
  const store = await startEmbeddedStore({ dataDir, unpatched });
  const client = createDynamoClient({ endpoint: store.endpoint, region: 'local' });
  const table = 'duban';
  try {
    await ensureTable(client, table);
    const statuses = ['submitted', 'assigned', 'in_progress', 'pending_review'];
    const rssBefore = mb(process.memoryUsage().rss);
    let peak = rssBefore;
    let written = 0; // ids handed out
    let stored = 0; // ids whose put has completed (updates pick among these)
    let queries = 0;
    await pool(ops, 16, async (i) => {
      const kind = i % 10;
      if (kind === 0 && stored > 0) {
        queries++;
        await client.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'byStatus',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: marshall({
              ':pk': keys.statusQueuePartition(statuses[i % 4] as string),
            }),
            Limit: 50,
          }),
        );
      } else if (kind < 6 || stored === 0) {
        const id = `M${String(written++).padStart(9, '0')}`;
        await client.send(
          new PutItemCommand({
            TableName: table,
            Item: marshall({
              ...keys.case(id),
              ...keys.statusQueue('submitted', new Date(1_770_000_000_000 + i).toISOString(), id),
              id,
              version: 1,
              description: '三年级每天书面作业超过两个小时，孩子经常写到晚上十点。'.repeat(4),
            }),
          }),
        );
        stored++;
      } else {
        const id = `M${String(i % stored).padStart(9, '0')}`;
        await client.send(
          new UpdateItemCommand({
            TableName: table,
            Key: marshall(keys.case(id)),
            UpdateExpression: 'SET gsi2pk = :pk, version = :v',
            ExpressionAttributeValues: marshall({
              ':pk': keys.statusQueuePartition(statuses[i % 4] as string),
              ':v': i,
            }),
          }),
        );
      }
      if (i % 1000 === 0) peak = Math.max(peak, mb(process.memoryUsage().rss));
    });
    await new Promise((r) => setTimeout(r, 2000));
    return {
      dynalite: unpatched ? 'unpatched' : 'patched (ours)',
      operations: ops,
      queries,
      'RSS before MB': rssBefore,
      'RSS peak MB': Math.max(peak, mb(process.memoryUsage().rss)),
      'RSS after MB': mb(process.memoryUsage().rss),
    };
  } finally {
    client.destroy();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await import('../../functions/local/polyfills.js');
  console.table([await benchStoreRss()]);
  if (process.env.BENCH_MIXED_UNPATCHED === '1') console.table([await benchStoreRss(undefined, true)]);
  console.table([await benchOpenCases()]);
  console.table([await benchOnTime()]);
  process.exit(0);
}
