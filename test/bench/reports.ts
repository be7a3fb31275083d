/**
 * Monthly notice generation vs cases in the month. Fills March 2026 with N cases and February and
 * April with N/2 each, written directly as the repository's items (caseToItem, BatchWriteItem), then
 * drafts March's notice from the index partitions. Reports time and items read; the items read are
 * compared with the cases that can count in March and February, counted here independently from the
 * generated data (never a Scan: the reader only issues key-condition queries).
 * BENCH_REPORT_SIZES (default "10000,100000") sets N.
 */
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { manualClock } from '../../functions/adapters/clock.js';
import { caseToItem } from '../../functions/adapters/dynamo/case-item.js';
import { createCaseRepository } from '../../functions/adapters/dynamo/case-repository.js';
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { ensureTable } from '../../functions/adapters/dynamo/create-table.js';
import { createNoticeStore } from '../../functions/adapters/dynamo/notice-repository.js';
import { createReportCaseSource } from '../../functions/adapters/dynamo/report-cases.js';
import type { CaseRecord } from '../../functions/domain/case.js';
import { seedCatalog } from '../../functions/domain/reference/catalog.js';
import { monthBounds, monthOf } from '../../functions/domain/reports/month.js';
import { startEmbeddedStore } from '../../functions/local/dynalite-store.js';
import { createCalendarSource } from '../../functions/services/calendar-source.js';
import { createCatalogSource } from '../../functions/services/catalog-source.js';
import { draftNotice } from '../../functions/services/reports/monthly-notice.js';

const DAY = 86_400_000;
const MARSHALL = { removeUndefinedValues: true } as const;
const NOW = new Date('2026-05-02T02:00:00Z');

/** Deterministic pseudo-random numbers (mulberry32), so both sizes have the same mix. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(month: string, n: number, rnd: () => number, prefix: string): CaseRecord[] {
  const { start, end } = monthBounds(month);
  const span = Date.parse(end) - Date.parse(start);
  const offices = seedCatalog.offices.map((o) => o.id);
  const categories = seedCatalog.categories.map((c) => c.code);
  return Array.from({ length: n }, (_, i) => {
    const received = Date.parse(start) + Math.floor(rnd() * span);
    const receivedAt = new Date(received).toISOString();
    const officeId = offices[Math.floor(rnd() * offices.length)] as string;
    const deadline = new Date(received + 21 * DAY).toISOString();
    const fate = rnd();
    const finishAt = new Date(received + Math.ceil(rnd() * 25 * DAY)).toISOString();
    const finished = fate < 0.85 && finishAt < NOW.toISOString();
    const status = !finished ? 'in_progress' : fate < 0.05 ? 'rejected' : 'closed';
    const id = `${prefix}${String(i).padStart(8, '0')}`;
    return {
      id,
      version: 3,
      status,
      channel: rnd() < 0.3 ? 'hotline' : 'web',
      category: categories[Math.floor(rnd() * categories.length)] as string,
      area: 'LONGSHUI',
      subject: { kind: 'school', name: `学校${Math.floor(rnd() * 500)}` },
      description: '作业过多',
      urgent: false,
      anonymous: true,
      accessCodeHash: 'x',
      receivedAt,
      officeId,
      deadline,
      escalationLevel: 0,
      closedAt: finished ? finishAt : undefined,
      events: [
        { type: 'submitted', at: receivedAt, actor: 'citizen', channel: 'web' },
        { type: 'assigned', at: receivedAt, actor: 'system', officeId, deadline },
        ...(finished ? [{ type: status, at: finishAt, actor: 'dispatcher', finding: 'substantiated' }] : []),
      ],
    } as CaseRecord;
  });
}

/** The cases that can count in `month` (see report-cases.ts), counted from the data, not the index. */
function casesOfMonth(all: readonly CaseRecord[], month: string): number {
  const { start } = monthBounds(month);
  return all.filter((c) => {
    if (monthOf(c.receivedAt) === month) return true;
    if (c.receivedAt >= start) return false;
    if (!c.closedAt) return true; // open now
    const finished = monthOf(c.closedAt);
    if (finished >= month) return true; // finished in the month or after it
    return c.status === 'closed' && !!c.deadline && monthOf(c.deadline) === month; // closed early
  }).length;
}

async function oneSize(n: number) {
  const store = await startEmbeddedStore();
  const client = createDynamoClient({ endpoint: store.endpoint, region: 'local' });
  try {
    await ensureTable(client, 'bench');
    const repo = createCaseRepository(client, 'bench');
    const rnd = random(42);
    const all = [
      ...generate('2026-02', n / 2, rnd, 'F'),
      ...generate('2026-03', n, rnd, 'M'),
      ...generate('2026-04', n / 2, rnd, 'A'),
    ];
    // Items exactly as the repository writes them (caseToItem: keys and index attributes), in batches.
    const fillStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < all.length) {
          const batch = all.slice(next, next + 25);
          next += 25;
          let requests = batch.map((c) => ({ PutRequest: { Item: marshall(caseToItem(c), MARSHALL) } }));
          while (requests.length) {
            const res = await client.send(new BatchWriteItemCommand({ RequestItems: { bench: requests } }));
            requests = (res.UnprocessedItems?.bench ?? []) as typeof requests;
          }
        }
      }),
    );
    const fillSeconds = (performance.now() - fillStart) / 1000;
    const deps = {
      reportCases: createReportCaseSource(client, 'bench'),
      notices: createNoticeStore(client, 'bench'),
      catalog: createCatalogSource(repo),
      calendar: createCalendarSource(repo),
      clock: manualClock(NOW),
    };
    await Promise.all([deps.catalog.get(), deps.calendar.get()]);
    const t0 = performance.now();
    const draft = await draftNotice(deps, '2026-03');
    const ms = performance.now() - t0;
    const expected = casesOfMonth(all, '2026-03') + casesOfMonth(all, '2026-02');
    return {
      casesInMonth: n,
      casesInTable: all.length,
      fillSeconds: Math.round(fillSeconds),
      generationMs: Math.round(ms),
      itemsRead: draft.itemsRead,
      expectedItems: expected,
      itemsMatch: draft.itemsRead === expected,
      msPer1000Read: Math.round((ms / draft.itemsRead) * 1000 * 10) / 10,
      received: draft.report.overall.received,
    };
  } finally {
    client.destroy();
    await store.close();
  }
}

export async function benchReports(sizes: readonly number[]) {
  const rows = [];
  for (const n of sizes) rows.push(await oneSize(n));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = (process.env.BENCH_REPORT_SIZES ?? '10000,100000').split(',').map(Number);
  console.table(await benchReports(sizes));
  process.exit(0);
}
