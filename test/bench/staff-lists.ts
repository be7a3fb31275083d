/**
 * Staff lists on indexes: store round trips, time and cursor size for the lists an inspector and a
 * dispatcher page through, with N open cases spread over the four offices (none overdue).
 * The previous FilterExpression design needed 161 round trips for 2,500 cases to learn there was
 * nothing overdue (issue 10).
 */
import { performance } from 'node:perf_hooks';
import { createCaseQueries } from '../../functions/adapters/dynamo/case-queries.js';
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { createCursorSealer, ephemeralCursorKey } from '../../functions/adapters/dynamo/cursor.js';
import { tableDesign } from '../../functions/adapters/table-design.js';
import type { CaseRecord } from '../../functions/domain/case.js';
import { CODE_ALPHABET } from '../../functions/domain/tracking-code.js';
import type { CaseQueue } from '../../functions/services/ports.js';
import { sampleCase } from '../support/fixtures.js';
import { testRuntime } from '../support/runtime.js';

const OFFICES = ['OFFICE_CITY', 'OFFICE_LONGSHUI', 'OFFICE_YOUTING', 'OFFICE_SANQU'];

export async function benchStaffLists(n = 2500) {
  const rt = await testRuntime({ workflow: { startCaseWorkflow: async () => {} } });
  const client = createDynamoClient({ endpoint: rt.storeEndpoint, region: 'local' });
  let calls = 0;
  client.middlewareStack.add((next) => (args) => {
    calls++;
    return next(args);
  });
  try {
    const base = sampleCase();
    for (let i = 0; i < n; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, n - i) }, (_, j) => {
          const k = i + j;
          const r: CaseRecord = {
            ...base,
            id: `BENCH${[...k.toString(31).padStart(5, '0')].map((d) => CODE_ALPHABET[Number.parseInt(d, 31)]).join('')}`,
            status: 'assigned',
            officeId: OFFICES[k % OFFICES.length],
            deadline: new Date(Date.parse('2026-03-20T15:59:59.999Z') + (k % 40) * 3600_000).toISOString(),
            receivedAt: new Date(Date.parse('2026-03-02T02:00:00Z') + k * 1000).toISOString(),
          };
          return rt.store.createCase(r);
        }),
      );
    }
    const queries = createCaseQueries(
      client,
      tableDesign.defaultTableName,
      createCursorSealer(ephemeralCursorKey()),
    );
    const measure = async (name: string, q: CaseQueue, limit = 50) => {
      calls = 0;
      const t0 = performance.now();
      let pages = 0;
      let rows = 0;
      let cursor: string | undefined;
      let maxCursor = 0;
      do {
        const page = await queries.list(q, { limit, cursor });
        pages++;
        rows += page.items.length;
        cursor = page.cursor;
        maxCursor = Math.max(maxCursor, cursor?.length ?? 0);
      } while (cursor);
      return {
        list: name,
        rows,
        pages,
        'store round trips': calls,
        ms: Math.round(performance.now() - t0),
        'max cursor chars': maxCursor,
      };
    };
    const now = '2026-03-04T02:00:00.000Z';
    const out = [
      await measure('inspector: overdue (none)', {
        kind: 'office_open',
        officeId: 'OFFICE_LONGSHUI',
        deadlineBefore: now,
      }),
      await measure('inspector: open queue, all pages', { kind: 'office_open', officeId: 'OFFICE_LONGSHUI' }),
      await measure('dispatcher: month, all pages', { kind: 'month', month: '2026-03' }),
      await measure('dispatcher: category, all pages', { kind: 'category', category: 'HOMEWORK_OVERLOAD' }),
    ];
    calls = 0;
    const t0 = performance.now();
    const count = await queries.count({ kind: 'office_open', officeId: 'OFFICE_LONGSHUI' });
    out.push({
      list: `count open (= ${count})`,
      rows: 0,
      pages: 0,
      'store round trips': calls,
      ms: Math.round(performance.now() - t0),
      'max cursor chars': 0,
    });
    return out;
  } finally {
    client.destroy();
    await rt.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchStaffLists(Number(process.env.CASES ?? 2500)));
  process.exit(0);
}
