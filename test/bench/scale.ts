/**
 * Scale of the embedded runtime (issue 10): cost follows the work running, not the cases open.
 *   open cases   BENCH_OPEN_CASES (100000) routed open cases in a data folder — a sample filed through the
 *                app (intake + the real workflow), the rest written straight to the store, checked to have
 *                the same item shape — then `npm start`'s entry restarted on it (default heap): time to a
 *                healthy /healthz and to the first accepted complaint, resident memory, heap.
 *   on time      BENCH_DUE_CASES (5000) untouched complaints filed at BENCH_DUE_RATE a second (100) with
 *                CLOCK_SPEED=86400: lag from each due time to its 催办 / 督办, in domain and in real time.
 *   store RSS    BENCH_MIXED_OPS (100000) mixed puts, updates and Limit-50 queries on the embedded store:
 *                resident memory and both heaps at every tenth (BENCH_MIXED_UNPATCHED=1 adds unpatched).
 *   flood        complaints from one address as fast as 64 clients send them: 429 at the default limit;
 *                with the limit off, accepted until the workflow backlog (BENCH_FLOOD_BACKLOG, 1000) → 503.
 * Sizes are configurable so a quick run is possible, e.g. BENCH_OPEN_CASES=5000 BENCH_DUE_CASES=300.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
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
const AREAS = ['LONGSHUI', 'YOUTING', 'LONGGANG', 'SANQU'] as const;
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

/** Starts `npm start`'s entry on a folder: ms to a healthy /healthz and to an accepted complaint, then RSS after 5 s. */
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
  let firstComplaintMs = -1;
  for (let i = 0; i < 600 && firstComplaintMs < 0; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleComplaint()),
    }).catch(() => undefined);
    if (res?.status === 201) firstComplaintMs = Date.now() - started;
    else await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 5000));
  const { rssMb } = memoryOf(child.pid);
  const alive = (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true;
  await child.stop();
  return { healthyMs, firstComplaintMs, rssMb, alive };
}

/** The shape of a stored case item: attribute names, and key values with ids, times and digits masked. */
function itemShape(item: Record<string, unknown>): string {
  const mask = (v: unknown) =>
    String(v)
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
      .replace(/\b[A-Z0-9]{10}\b/g, '<id>')
      .replace(/\d+/g, '<n>');
  const keyAttrs = Object.keys(item).filter((k) => /(pk|sk|Pk|Sk)$/.test(k));
  return JSON.stringify({
    attributes: Object.keys(item).sort(),
    keys: Object.fromEntries(keyAttrs.sort().map((k) => [k, mask(item[k])])),
    status: item.status,
    eventTypes: (item.events as { type: string }[] | undefined)?.map((e) => e.type),
  });
}

/**
 * N routed open cases, then the real entry point restarted on them. A sample goes through the app
 * (POST /api/v1/complaints, the workflow routes it); the rest are written straight to the store as
 * intake + Route leave them, and the bench checks both kinds have the same item shape.
 */
export async function benchOpenCases(n = Number(process.env.BENCH_OPEN_CASES ?? 100_000)) {
  // BENCH_OPEN_DIR keeps the folder: a second run on it skips the writing and measures restart only.
  const keptDir = process.env.BENCH_OPEN_DIR;
  const dataDir = keptDir ?? (await mkdtemp(join(tmpdir(), 'duban-bench-open-')));
  const marker = join(dataDir, `bench-open-${n}.json`);
  const sample = Math.min(50, n);
  try {
    const written = existsSync(marker)
      ? (JSON.parse(readFileSync(marker, 'utf8')) as Awaited<ReturnType<typeof writeOpenCases>>)
      : await writeOpenCases(dataDir, n, sample);
    if (keptDir) writeFileSync(marker, JSON.stringify(written));
    return { ...written, ...(await measureRestart(dataDir)) };
  } finally {
    if (!keptDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/** Writes the N open cases (a sample through the app) and reads the writer's memory with all open. */
async function writeOpenCases(dataDir: string, n: number, sample: number) {
  const writer = await startRuntime({ dataDir, logger: silentLogger, intakeRateLimit: 0 });
  const raw = createDynamoClient({ endpoint: writer.storeEndpoint, region: 'local' });
  const rawItem = async (id: string) =>
    unmarshall(
      (await raw.send(new GetItemCommand({ TableName: 'duban', Key: marshall(keys.case(id)) }))).Item ?? {},
    );
  const viaApp: string[] = [];
  for (let i = 0; i < sample; i++) {
    const res = await writer.app.request('/api/v1/complaints', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleComplaint({ area: AREAS[i % 4] })),
    });
    viaApp.push(((await res.json()) as { trackingCode: string }).trackingCode.replace('-', ''));
  }
  await writer.runner?.settle();
  const [catalog, calendar] = await Promise.all([writer.deps.catalog.get(), writer.deps.calendar.get()]);
  const t0 = Date.now();
  await pool(n - sample, 32, async (i) => {
    const now = writer.deps.clock.now();
    const record = newCaseRecord({
      id: `B${String(i).padStart(9, '0')}`,
      complaint: sampleComplaint({ area: AREAS[i % 4] }),
      sealedReporter: undefined,
      accessCodeHash: 'salt$hash',
      receivedAt: now,
      urgentByDefault: false,
    });
    // What intake writes (version 1, submitted), then what Route's conditional update makes of it.
    const routed = routeStep(record, { now, catalog, calendar })?.next ?? record;
    await writer.store.createCase(routed);
  });
  const writeSeconds = (Date.now() - t0) / 1000;
  const appShapes = new Set(await Promise.all(viaApp.map(async (id) => itemShape(await rawItem(id)))));
  const fastIds = Array.from(
    { length: Math.min(sample, n - sample) },
    (_, i) => `B${String(i).padStart(9, '0')}`,
  );
  const fastShapes = new Set(await Promise.all(fastIds.map(async (id) => itemShape(await rawItem(id)))));
  const sameShape = [...fastShapes].every((s) => appShapes.has(s));
  if (!sameShape) console.log('item shapes differ:', { viaApp: [...appShapes], direct: [...fastShapes] });
  // The writer holds every case open: its heap and resident memory now.
  gc();
  const writerHeapMb = mb(process.memoryUsage().heapUsed);
  const writerRssMb = mb(process.memoryUsage().rss);
  raw.destroy();
  await writer.close();
  return {
    openCases: n,
    'filed via app (sample)': sample,
    'same item shape as the app': sameShape ? 'yes' : 'NO',
    writeSeconds,
    'heap with all open MB': writerHeapMb,
    'RSS with all open MB': writerRssMb,
  };
}

/** The real `npm start` entry restarted on the folder, against an empty folder; the heap a restart holds. */
async function measureRestart(dataDir: string) {
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
    'restart to healthy ms': withCases.healthyMs,
    'restart to first complaint ms': withCases.firstComplaintMs,
    'same, empty folder ms': empty.healthyMs,
    aliveAfter5s: withCases.alive,
    'RSS after 5 s MB': Math.round(withCases.rssMb),
    'same, empty folder MB': Math.round(empty.rssMb),
    'heap held after restart MB': mb(heapWith - heapBefore),
    executionsStartedAtRestart: executions,
  };
}

type EscalationEvent = { type: string; at: string; due?: string };

/**
 * Untouched complaints under CLOCK_SPEED=86400, filed at `rate` a real second (= a domain day). A case's
 * 催办 is due 1 ms after its handling deadline and its 督办 1 ms after the 催办's new due date; lag is the
 * time from that moment to the event, in domain time and in real time (domain ÷ speed). On time: the
 * event within one real second of its due time (one domain day at 86400×).
 */
export async function benchOnTime(
  n = Number(process.env.BENCH_DUE_CASES ?? 5000),
  rate = Number(process.env.BENCH_DUE_RATE ?? 100),
  clockSpeed = 86400,
) {
  // BENCH_WORKFLOW_CONCURRENCY: executions at once (the runtime's default when unset).
  const concurrency = Number(process.env.BENCH_WORKFLOW_CONCURRENCY) || undefined;
  const rt = await startRuntime({
    clockSpeed,
    logger: silentLogger,
    intakeRateLimit: 0,
    workflowConcurrency: concurrency,
  });
  try {
    const ids: string[] = [];
    const t0 = Date.now();
    // BENCH_PROGRESS=1: every 5 s, the domain date, the runner's counters and the cases due now.
    const progress = process.env.BENCH_PROGRESS
      ? setInterval(async () => {
          const due = (await rt.sweepWakeIndex(rt.deps.clock.now(), 500)).due.length;
          const at = rt.deps.clock.now().toISOString().slice(0, 16);
          console.log(
            `${Math.round((Date.now() - t0) / 1000)} s: domain ${at}, filed ${ids.length}, due now ${due}, backlog ${rt.runner?.backlog()}, ${JSON.stringify(rt.runner?.stats())}`,
          );
        }, 5000)
      : undefined;
    await pool(n, 16, async (i) => {
      const at = t0 + (i / rate) * 1000;
      if (at > Date.now()) await new Promise((r) => setTimeout(r, at - Date.now()));
      const receipt = await submitComplaintWithRetry(rt.deps, sampleComplaint());
      ids.push(receipt.trackingCode.replace('-', ''));
    });
    const filingSeconds = (Date.now() - t0) / 1000;
    // Watch the clock, not the cases (reading every case each second would compete with the runner):
    // run until 45 domain days after the last filing (past every 催办 and 督办 due date) and nothing is due.
    const lastFiled = rt.deps.clock.now().getTime();
    const horizon = lastFiled + 45 * 86400_000;
    // An entry still due at the horizon while the runner is idle and nothing has moved for 10 s is
    // stuck (a defect to report), not late: stop waiting and name it instead of running to the limit.
    const limit = Date.now() + 600_000;
    let stuck: { id: string; wakeAt: string; status?: string | undefined }[] = [];
    let lastSeen = '';
    let unchangedSince = Date.now();
    while (Date.now() < limit) {
      await new Promise((r) => setTimeout(r, 1000));
      if (rt.deps.clock.now().getTime() < horizon) continue;
      const { due } = await rt.sweepWakeIndex(new Date(horizon), 100);
      const idle = (rt.runner?.backlog() ?? 0) === 0;
      if (due.length === 0 && idle) break;
      const seen = due.map((e) => `${e.id}@${e.wakeAt}`).join(',');
      if (seen !== lastSeen || !idle) {
        lastSeen = seen;
        unchangedSince = Date.now();
      } else if (Date.now() - unchangedSince > 10_000) {
        stuck = await Promise.all(
          due.map(async (e) => ({ ...e, status: (await rt.store.getCase(e.id))?.status })),
        );
        break;
      }
    }
    const waitedSeconds = Math.round((Date.now() - t0) / 1000 - filingSeconds);
    clearInterval(progress);
    const stats = rt.runner?.stats();
    await rt.runner?.stop();
    const urgedLag: number[] = [];
    const supervisedLag: number[] = [];
    let notUrged = 0;
    for (const id of ids) {
      const c = await rt.store.getCase(id);
      const events = (c?.events ?? []) as unknown as EscalationEvent[];
      const urged = events.find((e) => e.type === 'urged');
      const supervised = events.find((e) => e.type === 'supervised');
      if (!urged || !c?.deadline) {
        notUrged++;
        continue;
      }
      urgedLag.push(Date.parse(urged.at) - (Date.parse(c.deadline) + 1));
      if (supervised && urged.due)
        supervisedLag.push(Date.parse(supervised.at) - (Date.parse(urged.due) + 1));
    }
    const summary = (lags: number[]) => {
      const sorted = [...lags].sort((a, b) => a - b);
      const real = (ms: number) => Math.round(ms / clockSpeed);
      const domain = (ms: number) => `${Math.round(ms / 3600_000)} h`;
      const p = (q: number) => percentile(sorted, q);
      return {
        events: sorted.length,
        'on time (≤ 1 s real)': sorted.filter((l) => l <= clockSpeed * 1000).length,
        'lag p50 domain': domain(p(50)),
        'lag p90 domain': domain(p(90)),
        'lag max domain': domain(sorted.at(-1) ?? 0),
        'lag p50 real ms': real(p(50)),
        'lag p90 real ms': real(p(90)),
        'lag max real ms': real(sorted.at(-1) ?? 0),
      };
    };
    return {
      untouchedCases: n,
      clockSpeed,
      'filed per real s': Math.round(n / filingSeconds),
      notUrged,
      'waited s (after filing)': waitedSeconds,
      'stuck due entries': stuck.length,
      stuck: stuck.slice(0, 5),
      '催办 (urged)': summary(urgedLag),
      '督办 (supervised)': summary(supervisedLag),
      runner: stats,
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
    const tenth = Math.max(1, Math.floor(ops / 10));
    const memoryNow = async (done: number) => ({
      ops: done,
      'RSS MB': mb(process.memoryUsage().rss),
      'main heap MB': mb(process.memoryUsage().heapUsed),
      'store heap MB': mb(await store.heapUsed()),
    });
    const checkpoints = [await memoryNow(0)];
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
      if (i % tenth === tenth - 1) checkpoints.push(await memoryNow(i + 1));
    });
    await new Promise((r) => setTimeout(r, 2000));
    return {
      dynalite: unpatched ? 'unpatched' : 'patched (ours)',
      operations: ops,
      queries,
      'RSS before MB': rssBefore,
      'RSS peak MB': Math.max(peak, mb(process.memoryUsage().rss)),
      'RSS after MB': mb(process.memoryUsage().rss),
      checkpoints,
    };
  } finally {
    client.destroy();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * A flood of complaints from one address, 64 clients at once, against the runtime listening on HTTP:
 * at the default rate limit it is refused with 429; with the limit off, intake is admitted until the
 * workflow backlog reaches `backlog`, then refused with 503 (Retry-After). Prints the heap peak.
 */
export async function benchFlood(
  requests = Number(process.env.BENCH_FLOOD_REQUESTS ?? 3000),
  backlog = Number(process.env.BENCH_FLOOD_BACKLOG ?? 1000),
) {
  const rows = [];
  for (const rateLimited of [true, false]) {
    const rt = await startRuntime({
      port: 0,
      logger: silentLogger,
      intakeRateLimit: rateLimited ? undefined : 0,
      maxIntakeBacklog: backlog,
    });
    const statuses = new Map<number, number>();
    let acceptedBeforeFirstRefusal = -1;
    let accepted = 0;
    let peakHeap = 0;
    let peakBacklog = 0;
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      peakBacklog = Math.max(peakBacklog, rt.runner?.backlog() ?? 0);
    }, 50);
    try {
      await pool(requests, 64, async () => {
        const res = await fetch(`${rt.url}/api/v1/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(sampleComplaint()),
        }).catch(() => undefined);
        const status = res?.status ?? 0;
        await res?.arrayBuffer();
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 201) accepted++;
        else if (acceptedBeforeFirstRefusal < 0) acceptedBeforeFirstRefusal = accepted;
      });
    } finally {
      clearInterval(sampler);
      await rt.close();
    }
    rows.push({
      'intake rate limit': rateLimited ? 'default (10/min/IP)' : 'off',
      'backlog limit': backlog,
      requests,
      'accepted before first refusal': acceptedBeforeFirstRefusal,
      accepted,
      '429': statuses.get(429) ?? 0,
      '503': statuses.get(503) ?? 0,
      other: requests - accepted - (statuses.get(429) ?? 0) - (statuses.get(503) ?? 0),
      'peak workflow backlog': peakBacklog,
      'peak heap MB': mb(peakHeap),
      'heap limit MB': mb(getHeapStatistics().heap_size_limit),
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await import('../../functions/local/polyfills.js');
  const only = (process.env.BENCH_SCALE_ONLY ?? 'rss,open,ontime,flood').split(',');
  console.log(
    `uptime load: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  if (only.includes('rss')) {
    const rss = await benchStoreRss();
    console.table([{ ...rss, checkpoints: undefined }]);
    console.table(rss.checkpoints);
    if (process.env.BENCH_MIXED_UNPATCHED === '1')
      console.table((await benchStoreRss(undefined, true)).checkpoints);
  }
  if (only.includes('open')) console.table([await benchOpenCases()]);
  if (only.includes('ontime')) printOnTime(await benchOnTime());
  if (only.includes('flood')) console.table(await benchFlood());
  console.log(
    `uptime load: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  process.exit(0);
}

export function printOnTime(r: Awaited<ReturnType<typeof benchOnTime>>) {
  console.log(
    `${r.untouchedCases} untouched cases filed at ${r['filed per real s']}/s, CLOCK_SPEED=${r.clockSpeed}; not urged: ${r.notUrged}; waited ${r['waited s (after filing)']} s after filing; stuck due entries: ${r['stuck due entries']} ${JSON.stringify(r.stuck)}; runner ${JSON.stringify(r.runner)}`,
  );
  console.table({ '催办 (urged)': r['催办 (urged)'], '督办 (supervised)': r['督办 (supervised)'] });
}
