/**
 * The monthly notice of March 2026 against a data set with known answers (test/support/report-dataset.ts),
 * built through the real API, lifecycle and workflow; checked figure by figure.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeTables } from '../../functions/domain/reports/notice-tables.js';
import { buildMarchDataset } from '../support/report-dataset.js';
import { json } from '../support/runtime.js';

type Dataset = Awaited<ReturnType<typeof buildMarchDataset>>;
let ds: Dataset;
// biome-ignore lint/suspicious/noExplicitAny: JSON under test
let notice: any;

beforeAll(async () => {
  ds = await buildMarchDataset();
  const leader = await ds.token('leader');
  const res = await ds.rt.app.request('/api/v1/reports/monthly/2026-03', {
    headers: { authorization: `Bearer ${leader}` },
  });
  expect(res.status).toBe(200);
  notice = await res.json();
}, 120_000);
afterAll(async () => {
  await ds?.rt.close();
});

const A = 'OFFICE_LONGSHUI';
const B = 'OFFICE_YOUTING';
// biome-ignore lint/suspicious/noExplicitAny: JSON under test
const office = (id: string): any =>
  notice.report.offices.find((o: { officeId: string }) => o.officeId === id);

describe('monthly notice figures (March 2026, known answers)', () => {
  it('crosses the Spring Festival and Qingming in the deadlines the data set relies on', async () => {
    // Arrange + Act
    const c1 = await ds.rt.store.getCase(ds.id('c1'));
    const c12 = await ds.rt.store.getCase(ds.id('c12'));
    // Assert
    expect(c1?.events.find((e) => e.type === 'assigned')?.deadline).toBe('2026-03-09T15:59:59.999Z');
    expect(c12?.deadline).toBe('2026-04-16T15:59:59.999Z');
  });

  it('reads only the month partitions: 11 cases for March plus 4 for February', () => {
    expect(notice.status).toBe('draft');
    expect(notice.itemsRead).toBe(15);
    expect(notice.report.cutoff).toBe('2026-03-31T15:59:59.999Z');
    expect(notice.report.complete).toBe(true);
  });

  it('counts received, assigned, closed, on time, late, due, open and overdue', () => {
    const o = notice.report.overall;
    expect(o.received).toBe(8);
    expect(o.receivedByChannel).toEqual(
      expect.objectContaining({ web: 7, hotline: 1, mailbox: 0, email: 0, inspection: 0 }),
    );
    expect(Object.values(o.receivedByChannel).reduce((a: number, b) => a + Number(b), 0)).toBe(8);
    expect(o.assigned).toBe(8);
    expect(o.closed).toBe(5);
    expect(o.closedOnTime).toBe(4);
    expect(o.closedLate).toBe(1);
    expect(o.dueInMonth).toBe(8);
    expect(o.dueClosed).toBe(6);
    expect(o.dueClosedOnTime).toBe(5);
    expect(o.onTimeRate).toBe(5 / 8);
    expect(o.closureRate).toBe(6 / 8);
    expect(o.openAtMonthEnd).toBe(3);
    expect(o.overdueOpen).toBe(2);
  });

  it('counts escalations, accountability with measures, returns, extensions and reopens in the month', () => {
    const o = notice.report.overall;
    expect(o.urged).toBe(3);
    expect(o.supervised).toBe(2);
    expect(o.accountability).toBe(2);
    expect(o.accountabilityByMeasure).toEqual({ opened: 1, interview: 1 });
    expect(o.returned).toBe(1);
    expect(o.extensionsGranted).toBe(1);
    expect(o.reopened).toBe(1);
  });

  it('computes follow-up, findings and working days to close', () => {
    const o = notice.report.overall;
    expect([o.rated, o.satisfied, o.basicallySatisfied, o.unsatisfied]).toEqual([4, 3, 0, 1]);
    expect(o.satisfactionRate).toBe(0.75);
    expect(o.ratedRate).toBe(0.8);
    expect([o.substantiated, o.partlySubstantiated, o.unsubstantiated]).toEqual([3, 1, 1]);
    expect(o.substantiatedRate).toBe(0.8);
    expect(o.meanWorkingDaysToClose).toBe(15.4);
    expect(o.p90WorkingDaysToClose).toBe(19);
  });

  it('splits per office: the returning office keeps its return, the case counts where it ended', () => {
    const a = office(A).figures;
    const b = office(B).figures;
    expect([a.received, a.assigned, a.closed, a.closedOnTime, a.closedLate]).toEqual([6, 6, 4, 3, 1]);
    expect([a.dueInMonth, a.dueClosedOnTime, a.overdueOpen, a.openAtMonthEnd]).toEqual([6, 4, 1, 2]);
    expect([a.urged, a.supervised, a.accountability, a.returned, a.extensionsGranted]).toEqual([
      2, 1, 1, 0, 1,
    ]);
    expect(a.satisfactionRate).toBeCloseTo(2 / 3);
    expect([b.received, b.closed, b.dueInMonth, b.dueClosedOnTime, b.onTimeRate]).toEqual([2, 1, 2, 1, 0.5]);
    expect([b.urged, b.supervised, b.accountability, b.returned, b.reopened]).toEqual([1, 1, 1, 1, 1]);
    expect(b.accountabilityByMeasure).toEqual({ opened: 1 });
  });

  it('ranks offices by on-time rate and names those below the thresholds', () => {
    expect(office(A).rank).toBe(1);
    expect(office(B).rank).toBe(2);
    expect(office('OFFICE_CITY').rank).toBeNull();
    expect(notice.report.criticized).toEqual([
      expect.objectContaining({
        officeId: A,
        reasons: [
          { figure: 'onTimeRate', value: 4 / 6, threshold: 0.9 },
          { figure: 'satisfactionRate', value: 2 / 3, threshold: 0.85 },
        ],
      }),
      expect.objectContaining({
        officeId: B,
        reasons: [{ figure: 'onTimeRate', value: 0.5, threshold: 0.9 }],
      }),
    ]);
  });

  it('lists the overdue ledger with working days overdue and escalation level at month end', () => {
    expect(
      notice.report.ledger.map((l: Record<string, unknown>) => [
        l.caseId,
        l.officeId,
        l.workingDaysOverdue,
        l.escalationLevel,
      ]),
    ).toEqual([
      [ds.id('c2'), B, 16, 3],
      [ds.id('c10'), A, 6, 2],
    ]);
  });

  it('finds repeat subjects (≥ 3 in the month) and the top categories', () => {
    expect(notice.report.repeatSubjects).toEqual([
      {
        kind: 'institution',
        name: '星火培训',
        count: 3,
        caseIds: [ds.id('c9'), ds.id('c10'), ds.id('c11')].sort(),
      },
    ]);
    expect(
      notice.report.hotCategories.map((c: { code: string; count: number }) => [c.code, c.count]),
    ).toEqual([
      ['HOMEWORK_OVERLOAD', 3],
      ['LATE_TRAINING', 3],
      ['EXAM_RANKING', 2],
    ]);
    const youting = notice.report.areas.find((a: { code: string }) => a.code === 'YOUTING');
    expect(youting.figures.received).toBe(3);
  });

  it('compares every headline figure with February', () => {
    const { previous, changes } = notice.report;
    expect([previous.received, previous.closed, previous.openAtMonthEnd, previous.dueInMonth]).toEqual([
      4, 1, 2, 0,
    ]);
    expect(previous.satisfactionRate).toBe(1);
    expect(changes.received).toEqual({ current: 8, previous: 4, change: 4 });
    expect(changes.closed).toEqual({ current: 5, previous: 1, change: 4 });
    expect(changes.onTimeRate).toEqual({ current: 0.625, previous: null, change: null });
    expect(changes.satisfactionRate).toEqual({ current: 0.75, previous: 1, change: -0.25 });
  });
});

const get = async (user: string, path: string, init: RequestInit = {}) =>
  ds.rt.app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${await ds.token(user)}`, ...(init.headers as Record<string, string>) },
  });

describe('monthly notice exports', () => {
  it('xlsx: a sheet per section, Chinese headers, numbers as numbers, rates as percentages, header frozen', async () => {
    // Act
    const res = await get('dispatcher', '/api/v1/reports/monthly/2026-03?format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    // Assert
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(wb.worksheets.map((w) => w.name)).toEqual(noticeTables(notice.report).map((t) => t.title));
    const offices = wb.getWorksheet('办理情况（按单位）');
    if (!offices) throw new Error('no office sheet');
    const header = (offices.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['排名', '单位', '受理', '分派']);
    expect(offices.views[0]).toEqual(expect.objectContaining({ state: 'frozen', ySplit: 1 }));
    const rowA = offices.getRow(2);
    expect(rowA?.getCell(2).value).toBe(office(A).name);
    const col = (label: string) => header.indexOf(label) + 1;
    expect(rowA?.getCell(col('受理')).value).toBe(office(A).figures.received);
    const onTime = rowA?.getCell(col('按时办结率'));
    expect(onTime?.value).toBeCloseTo(office(A).figures.onTimeRate);
    expect(onTime?.numFmt).toBe('0.0%');
    const ledger = wb.getWorksheet('问题台账（逾期未办结）');
    expect(ledger?.getRow(2).getCell(7).value).toBe(16);
  });

  it('CSV: UTF-8 with BOM, every section, the same figures as the JSON', async () => {
    // Act
    const res = await get('leader', '/api/v1/reports/monthly/2026-03?format=csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    // Assert
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).split('\r\n');
    const section = (title: string) => {
      const start = lines.indexOf(title);
      const end = lines.indexOf('', start);
      return lines.slice(start + 1, end).map((l) => l.split(','));
    };
    const overview = section('基本情况');
    expect(overview[0]).toEqual(['指标', '本月', '上月', '增减']);
    expect(overview.find((r) => r[0] === '受理')).toEqual(['受理', '8', '4', '4']);
    expect(overview.find((r) => r[0] === '按时办结率')).toEqual(['按时办结率', '62.5%', '', '']);
    expect(overview.find((r) => r[0] === '满意率')).toEqual(['满意率', '75.0%', '100.0%', '-25.0%']);
    const offices = section('办理情况（按单位）');
    const b = offices.find((r) => r[1] === office(B).name);
    expect(b?.[offices[0]?.indexOf('逾期未办结') ?? -1]).toBe(String(office(B).figures.overdueOpen));
    expect(section('问题台账（逾期未办结）')).toHaveLength(1 + notice.report.ledger.length);
  });
});

describe('publishing and versions', () => {
  it('publishes immutable versions with the 期号 of the year; earlier versions stay readable', async () => {
    // Act
    const first = await get('dispatcher', '/api/v1/reports/monthly/2026-03/publish', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requirements: '各片区督导室限期销号。' }),
    });
    const second = await get('dispatcher', '/api/v1/reports/monthly/2026-03/publish', { method: 'POST' });
    const feb = await get('dispatcher', '/api/v1/reports/monthly/2026-02/publish', { method: 'POST' });
    const v1 = await json(get('leader', '/api/v1/reports/monthly/2026-03?version=1'));
    const latest = await json(get('leader', '/api/v1/reports/monthly/2026-03?version=latest'));
    const list = await json(get('leader', '/api/v1/reports/monthly'));
    // Assert
    expect(first.status).toBe(201);
    const one = await json(first);
    expect(one).toEqual(
      expect.objectContaining({
        version: 1,
        publishedBy: 'dispatcher',
        requirements: '各片区督导室限期销号。',
      }),
    );
    expect(one.issue).toEqual({ year: 2026, number: 1, label: '2026年第1期' });
    expect((await json(second)).version).toBe(2);
    expect((await json(feb)).issue.label).toBe('2026年第2期');
    expect(v1.version).toBe(1);
    expect(v1.report).toEqual(one.report);
    expect(latest.version).toBe(2);
    expect(latest.issue.number).toBe(1);
    expect(list.items.map((i: { month: string; version: number }) => `${i.month}#${i.version}`)).toEqual([
      '2026-02#1',
      '2026-03#1',
      '2026-03#2',
    ]);
    expect((await get('leader', '/api/v1/reports/monthly/2026-03?version=9')).status).toBe(404);
  });

  it('an empty month has zero figures and nulls for rates; a future month is refused', async () => {
    // Act
    const empty = await json(get('leader', '/api/v1/reports/monthly/2026-01'));
    const future = await get('leader', '/api/v1/reports/monthly/2026-05');
    const bad = await get('leader', '/api/v1/reports/monthly/2026-13');
    // Assert
    expect(empty.itemsRead).toBe(0);
    expect(empty.report.overall).toEqual(
      expect.objectContaining({ received: 0, closed: 0, onTimeRate: null }),
    );
    expect(empty.report.ledger).toEqual([]);
    expect(empty.report.criticized).toEqual([]);
    expect(future.status).toBe(400);
    expect((await json(future)).error.fields).toEqual([expect.objectContaining({ path: 'month' })]);
    expect(bad.status).toBe(400);
  });
});

describe('who reads the notice', () => {
  it("inspectors read only their own office's section; operators and admins are refused", async () => {
    // Act
    const own = await json(get('inspector-a', '/api/v1/reports/monthly/2026-03'));
    const exportTry = await get('inspector-a', '/api/v1/reports/monthly/2026-03?format=xlsx');
    const operator = await get('operator', '/api/v1/reports/monthly/2026-03');
    const admin = await get('admin', '/api/v1/reports/monthly');
    const anonymous = await ds.rt.app.request('/api/v1/reports/monthly/2026-03');
    const leaderPublish = await get('leader', '/api/v1/reports/monthly/2026-03/publish', { method: 'POST' });
    // Assert
    expect(own.section.office.officeId).toBe(A);
    expect(own.section.ledger.map((l: { officeId: string }) => l.officeId)).toEqual([A]);
    expect(JSON.stringify(own)).not.toContain(B);
    expect(exportTry.status).toBe(403);
    expect(operator.status).toBe(403);
    expect(admin.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(leaderPublish.status).toBe(403);
  });
});
