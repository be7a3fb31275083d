import { describe, expect, it } from 'vitest';
import { seedHolidayCalendar as holidayData } from '../../functions/domain/calendar/holiday-data.js';
import { createWorkingCalendar } from '../../functions/domain/calendar/working-days.js';
import type { CaseEvent, CaseRecord } from '../../functions/domain/case.js';
import { seedCatalog } from '../../functions/domain/reference/catalog.js';
import { caseAt } from '../../functions/domain/reports/case-timeline.js';
import { percentile } from '../../functions/domain/reports/figures.js';
import { addMonths, cutoffOf, monthBounds, monthOf } from '../../functions/domain/reports/month.js';
import { computeMonthlyReport } from '../../functions/domain/reports/monthly-report.js';

const calendar = createWorkingCalendar(holidayData);
const D = (d: string) => `${d}T15:59:59.999Z`; // end of a Shanghai day

function record(
  id: string,
  receivedAt: string,
  events: CaseEvent[],
  extra: Partial<CaseRecord> = {},
): CaseRecord {
  return {
    id,
    version: events.length,
    status: 'assigned',
    channel: 'web',
    category: 'HOMEWORK_OVERLOAD',
    area: 'LONGSHUI',
    subject: { kind: 'school', name: '甲校' },
    description: '',
    urgent: false,
    anonymous: true,
    accessCodeHash: '',
    receivedAt,
    escalationLevel: 0,
    officeId: 'OFFICE_LONGSHUI',
    events: [{ type: 'submitted', at: receivedAt, actor: 'citizen' }, ...events],
    ...extra,
  };
}
const assigned = (at: string, deadline: string, officeId = 'OFFICE_LONGSHUI'): CaseEvent => ({
  type: 'assigned',
  at,
  actor: 'system',
  officeId,
  deadline,
});

describe('report months (Asia/Shanghai)', () => {
  it('bounds a month at Shanghai midnight and steps across years', () => {
    expect(monthBounds('2026-03')).toEqual({
      month: '2026-03',
      start: '2026-02-28T16:00:00.000Z',
      end: '2026-03-31T15:59:59.999Z',
    });
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthOf('2026-03-31T16:00:00.000Z')).toBe('2026-04');
    expect(cutoffOf('2026-03', new Date('2026-03-10T00:00:00Z'))).toBe('2026-03-10T00:00:00.000Z');
    expect(cutoffOf('2026-03', new Date('2026-05-01T00:00:00Z'))).toBe('2026-03-31T15:59:59.999Z');
    expect(() => monthBounds('2026-13')).toThrow(RangeError);
  });
});

describe('a case at an instant, from its history', () => {
  it('a closure later reopened counts as closed before the reopen and open after it', () => {
    // Arrange
    const r = record('X', '2026-03-02T02:00:00.000Z', [
      assigned('2026-03-02T02:00:01.000Z', D('2026-03-23')),
      { type: 'closed', at: '2026-03-31T02:00:00.000Z', actor: 'd' },
      { type: 'reopened', at: '2026-04-02T02:00:00.000Z', actor: 'citizen', deadline: D('2026-04-24') },
    ]);
    // Act + Assert
    expect(caseAt(r, '2026-03-31T15:59:59.999Z').finish?.type).toBe('closed');
    expect(caseAt(r, '2026-04-03T00:00:00.000Z')).toEqual(
      expect.objectContaining({ finish: undefined, deadline: D('2026-04-24'), escalationLevel: 0 }),
    );
  });

  it('the ladder level is the highest rung since the last (re)assignment', () => {
    const r = record('X', '2026-03-02T02:00:00.000Z', [
      assigned('2026-03-02T02:00:01.000Z', D('2026-03-23')),
      { type: 'urged', at: '2026-03-23T16:00:00.000Z', actor: 'system', officeId: 'OFFICE_LONGSHUI' },
      {
        type: 'reassigned',
        at: '2026-03-25T02:00:00.000Z',
        actor: 'd',
        officeId: 'OFFICE_YOUTING',
        deadline: D('2026-04-15'),
      },
    ]);
    expect(caseAt(r, '2026-03-24T00:00:00.000Z')).toEqual(
      expect.objectContaining({ escalationLevel: 1, officeId: 'OFFICE_LONGSHUI' }),
    );
    expect(caseAt(r, '2026-03-26T00:00:00.000Z')).toEqual(
      expect.objectContaining({ escalationLevel: 0, officeId: 'OFFICE_YOUTING' }),
    );
  });
});

describe('computeMonthlyReport (pure)', () => {
  const input = (cases: CaseRecord[], now = '2026-04-02T00:00:00Z') => ({
    month: '2026-03',
    now: new Date(now),
    cases,
    calendar,
    offices: seedCatalog.offices,
    categories: seedCatalog.categories,
    areas: seedCatalog.areas,
  });

  it('an empty month: zeros, null rates, nobody ranked or named', () => {
    const r = computeMonthlyReport(input([]));
    expect(r.overall.received).toBe(0);
    expect(r.overall.onTimeRate).toBeNull();
    expect(r.offices.every((o) => o.rank === null)).toBe(true);
    expect(r.criticized).toEqual([]);
    expect(r.changes.received).toEqual({ current: 0, previous: 0, change: 0 });
  });

  it('uses the deadline month for "due" and counts a case once however often it is passed in', () => {
    // Arrange: received in February, due and closed late in March.
    const late = record(
      'L',
      '2026-02-25T02:00:00.000Z',
      [
        assigned('2026-02-25T02:00:01.000Z', D('2026-03-17')),
        { type: 'closed', at: '2026-03-18T02:00:00.000Z', actor: 'd', finding: 'substantiated' },
      ],
      { status: 'closed', closedAt: '2026-03-18T02:00:00.000Z' },
    );
    // Act
    const r = computeMonthlyReport(input([late, late]));
    // Assert
    expect(r.overall).toEqual(
      expect.objectContaining({ received: 0, dueInMonth: 1, closed: 1, closedLate: 1, onTimeRate: 0 }),
    );
    expect(r.previous.received).toBe(1);
    expect(r.previous.openAtMonthEnd).toBe(1);
  });

  it('a draft of the running month reads figures as at now', () => {
    const open = record('O', '2026-03-02T02:00:00.000Z', [
      assigned('2026-03-02T02:00:01.000Z', D('2026-03-05')),
    ]);
    const r = computeMonthlyReport(input([open], '2026-03-10T02:00:00Z'));
    expect(r.complete).toBe(false);
    expect(r.overall.overdueOpen).toBe(1);
    // 2026-03-05 → 2026-03-10: Fri 6, Mon 9, Tue 10 are working days.
    expect(r.ledger[0]?.workingDaysOverdue).toBe(3);
  });

  it('nearest-rank 90th percentile', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 90)).toBeNull();
  });
});
