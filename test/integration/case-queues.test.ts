/**
 * Staff lists and queues as key conditions on indexes (issue 8 part A, issue 10 "staff lists"):
 * an inspector's office queue by deadline, a separate finished view, triage queues with counts,
 * filters that map onto keys (a page is full or the last), small cursors bound to their list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../functions/domain/case.js';
import { FALLBACK_ROUTING_REASON } from '../../functions/domain/queues.js';
import { CODE_ALPHABET, formatTrackingCode } from '../../functions/domain/tracking-code.js';
import { sampleCase } from '../support/fixtures.js';
import { asStaff, json, login, testRuntime } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
type Row = { trackingCode: string; status: string; deadline: string | null; officeId: string | null };

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(Date.parse('2026-03-02T02:00:00Z') + days * DAY).toISOString();
let seq = 0;
/** A stored case: id from a counter, fields as the test needs them. */
function fixture(fields: Partial<CaseRecord> & { received?: number }): CaseRecord {
  seq++;
  const id = `QUEUE${[...seq.toString(31).padStart(5, '0')].map((d) => CODE_ALPHABET[Number.parseInt(d, 31)]).join('')}`;
  const base = sampleCase({ receivedAt: new Date(at(fields.received ?? -seq / 100)) });
  const { received: _r, ...rest } = fields;
  return { ...base, id, ...rest } as CaseRecord;
}
const assigned = (
  officeId: string,
  deadlineDays: number,
  more: Partial<CaseRecord> & { received?: number } = {},
) => fixture({ status: 'assigned', officeId, deadline: at(deadlineDays), assignedAt: at(-20), ...more });

describe('case queues on indexes', () => {
  let rt: Rt;
  const tokens: Record<string, string> = {};
  const code = (r: CaseRecord) => formatTrackingCode(r.id);
  // Office 龙水 (inspector-a): open cases whose deadlines run opposite to their arrival order.
  const open = [
    assigned('OFFICE_LONGSHUI', -3, { received: -30, escalationLevel: 2, escalationDue: at(1) }),
    assigned('OFFICE_LONGSHUI', -1, { received: -25, status: 'in_progress' }),
    assigned('OFFICE_LONGSHUI', 1, { received: -20 }),
    assigned('OFFICE_LONGSHUI', 8, {
      received: -15,
      extensionRequest: { days: 5, reason: '需现场核查', requestedAt: at(-1), requestedBy: 'inspector-a' },
    }),
    assigned('OFFICE_LONGSHUI', 12, { received: -10 }),
  ];
  const finished = [
    fixture({ status: 'closed', officeId: 'OFFICE_LONGSHUI', closedAt: at(-5), received: -40 }),
    fixture({ status: 'rejected', officeId: 'OFFICE_LONGSHUI', closedAt: at(-2), received: -9 }),
    fixture({ status: 'merged', officeId: 'OFFICE_LONGSHUI', closedAt: at(-4), received: -8 }),
  ];
  const review = fixture({ status: 'pending_review', officeId: 'OFFICE_LONGSHUI', deadline: at(3) });
  const returned = fixture({ status: 'returned', officeId: 'OFFICE_YOUTING', returnedBy: 'OFFICE_YOUTING' });
  const fresh = fixture({ status: 'submitted' });
  const unrouted = fixture({
    status: 'assigned',
    officeId: 'OFFICE_CITY',
    deadline: at(10),
    category: 'OTHER_BURDEN',
    events: [
      { type: 'submitted', at: at(-1), actor: 'citizen' },
      { type: 'assigned', at: at(-1), actor: 'system', reason: FALLBACK_ROUTING_REASON },
    ],
  });
  // Noise: many open cases of another office, none overdue, another category.
  const noise = Array.from({ length: 40 }, (_, i) =>
    assigned('OFFICE_YOUTING', 20 + i, { category: 'TUTORING_UNLICENSED', received: -1 - i / 100 }),
  );

  beforeAll(async () => {
    rt = await testRuntime({ workflow: { startCaseWorkflow: async () => {} } });
    for (const r of [...open, ...finished, review, returned, fresh, unrouted, ...noise]) {
      expect(await rt.store.createCase(r)).toBe(true);
    }
    for (const u of ['dispatcher', 'leader', 'inspector-a', 'inspector-b', 'operator']) {
      tokens[u] = await login(rt.app, u);
    }
  }, 60_000);
  afterAll(() => rt.close());

  const get = async (who: string, path: string) => {
    const res = await asStaff(rt.app, tokens[who] as string, path);
    return { status: res.status, body: await json(res) };
  };
  /** Every page of a list; fails on a page that is empty while it carries a cursor. */
  async function allPages(who: string, path: string) {
    const pages: Row[][] = [];
    let cursor: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const { status, body } = await get(
        who,
        `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(status).toBe(200);
      pages.push(body.items);
      cursor = body.cursor;
      if (cursor) expect(body.items.length).toBeGreaterThan(0);
    } while (cursor && pages.length < 50);
    return pages;
  }

  it("an inspector's list is the office's open cases, earliest deadline first, nothing finished", async () => {
    // Act
    const { body } = await get('inspector-a', '/api/v1/cases');
    // Assert
    expect(body.items.map((r: Row) => r.trackingCode)).toEqual(open.map(code));
    expect(body.items.every((r: Row) => ['assigned', 'in_progress'].includes(r.status))).toBe(true);
  });

  it('the finished view holds closed, rejected and merged cases, most recently finished first', async () => {
    const { body } = await get('inspector-a', '/api/v1/cases?queue=finished');
    expect(body.items.map((r: Row) => [r.trackingCode, r.status])).toEqual([
      [code(finished[1] as CaseRecord), 'rejected'],
      [code(finished[2] as CaseRecord), 'merged'],
      [code(finished[0] as CaseRecord), 'closed'],
    ]);
  });

  it('overdue is a deadline range on the office queue: every page full, the last without a cursor', async () => {
    // Act
    const pages = await allPages('dispatcher', '/api/v1/cases?office=OFFICE_LONGSHUI&overdue=true&limit=1');
    // Assert
    expect(pages.map((p) => p.map((r) => r.trackingCode))).toEqual([
      [code(open[0] as CaseRecord)],
      [code(open[1] as CaseRecord)],
    ]);
  });

  it('a category filter pages through its own partition, not through every status', async () => {
    const pages = await allPages('dispatcher', '/api/v1/cases?category=HOMEWORK_OVERLOAD&limit=4');
    const rows = pages.flat();
    expect(pages.map((p) => p.length)).toEqual([4, 4, 3]);
    expect(new Set(rows.map((r) => r.trackingCode)).size).toBe(11);
  });

  it('due soon is a deadline range within two working days', async () => {
    const { body } = await get('inspector-a', '/api/v1/cases?queue=due_soon');
    expect(body.items.map((r: Row) => r.trackingCode)).toEqual([code(open[2] as CaseRecord)]);
  });

  it.each([
    ['submitted', () => fresh],
    ['returned', () => returned],
    ['pending_review', () => review],
    ['extension', () => open[3] as CaseRecord],
    ['escalated', () => open[0] as CaseRecord],
    ['unrouted', () => unrouted],
  ])('dispatcher triage queue %s', async (queue, expected) => {
    const { status, body } = await get('dispatcher', `/api/v1/cases?queue=${queue}`);
    expect(status).toBe(200);
    expect(body.items.map((r: Row) => r.trackingCode)).toEqual([code(expected())]);
  });

  it('counts every queue for the inspector and the dispatcher', async () => {
    const inspector = await get('inspector-a', '/api/v1/queues');
    const dispatcher = await get('dispatcher', '/api/v1/queues');
    expect(inspector.body.counts).toEqual({
      open: 5,
      due_soon: 1,
      overdue: 2,
      escalated: 1,
      pending_review: 1,
    });
    expect(dispatcher.body.counts).toEqual({
      submitted: 1,
      returned: 1,
      extension: 1,
      pending_review: 1,
      escalated: 1,
      unrouted: 1,
    });
  });

  it('an action moves the case between queues in the same write', async () => {
    // Arrange
    const target = open[4] as CaseRecord;
    // Act
    const res = await asStaff(
      rt.app,
      tokens['inspector-a'] as string,
      `/api/v1/cases/${code(target)}/actions`,
      {
        method: 'POST',
        body: JSON.stringify({
          type: 'submit_report',
          finding: 'substantiated',
          actions: '已责令学校整改作业量',
          reply: '经核查情况属实，已责令整改。',
          expectedVersion: target.version,
        }),
      },
    );
    // Assert
    expect(res.status).toBe(200);
    const openNow = await get('inspector-a', '/api/v1/cases');
    const review = await get('dispatcher', '/api/v1/cases?queue=pending_review');
    expect(openNow.body.items.map((r: Row) => r.trackingCode)).not.toContain(code(target));
    expect(review.body.items.map((r: Row) => r.trackingCode)).toContain(code(target));
  });

  it('a cursor is small, works only on the list it came from, and garbage is a 400', async () => {
    const first = await get('dispatcher', '/api/v1/cases?queue=open&office=OFFICE_YOUTING&limit=5');
    const other = await get(
      'dispatcher',
      `/api/v1/cases?category=TUTORING_UNLICENSED&limit=5&cursor=${encodeURIComponent(first.body.cursor)}`,
    );
    const garbage = await get('dispatcher', '/api/v1/cases?queue=open&office=OFFICE_YOUTING&cursor=garbage');
    expect(first.body.cursor.length).toBeLessThan(400);
    expect([other.status, garbage.status]).toEqual([400, 400]);
    expect(other.body.error.fields[0].path).toBe('cursor');
  });

  it('a combination no index serves is a 400 naming the field', async () => {
    const res = await get('dispatcher', '/api/v1/cases?category=HOMEWORK_OVERLOAD&office=OFFICE_LONGSHUI');
    const inspectorTriage = await get('inspector-a', '/api/v1/cases?queue=unrouted');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['office']);
    expect(inspectorTriage.status).toBe(400);
  });

  it('an inspector asking for another office still gets only their own', async () => {
    const { body } = await get('inspector-b', '/api/v1/cases?queue=overdue&office=OFFICE_LONGSHUI');
    expect(body.items).toEqual([]);
  });
});
