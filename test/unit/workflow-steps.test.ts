import { describe, expect, it } from 'vitest';
import { seedHolidayCalendar } from '../../functions/domain/calendar/holiday-data.js';
import { createWorkingCalendar } from '../../functions/domain/calendar/working-days.js';
import type { CaseRecord } from '../../functions/domain/case.js';
import type { LifecycleContext } from '../../functions/domain/lifecycle/context.js';
import { routeCase } from '../../functions/domain/lifecycle/routing.js';
import {
  accountabilityStep,
  checkStep,
  escalateStep,
  MAX_WAIT_MS,
  routeStep,
  wakeAt,
} from '../../functions/domain/lifecycle/workflow-steps.js';
import { seedCatalog } from '../../functions/domain/reference/catalog.js';
import { sampleCase } from '../support/fixtures.js';

const calendar = createWorkingCalendar(seedHolidayCalendar);
const at = (iso: string): LifecycleContext => ({ now: new Date(iso), calendar, catalog: seedCatalog });

function submitted(area: string, category: string, urgent = false): CaseRecord {
  return sampleCase({
    complaint: { category, area, urgent, subject: { kind: 'institution', name: '某培训机构' } },
  });
}

describe('routing table (area, category) → office', () => {
  it.each([
    ['LONGSHUI', 'HOMEWORK_OVERLOAD', 'OFFICE_LONGSHUI'],
    ['YOUTING', 'LATE_TRAINING', 'OFFICE_YOUTING'],
    ['LONGGANG', 'EXAM_RANKING', 'OFFICE_CITY'],
    ['LONGGANG', 'TEACHER_PAID_TUTORING', 'DISTRICT'], // category-specific rule wins
    ['NOWHERE', 'HOMEWORK_OVERLOAD', 'DISTRICT'], // unknown area: the district inspection team
  ])('%s + %s → %s', (area, category, office) => {
    expect(routeCase(seedCatalog, area, category).officeId).toBe(office);
  });

  it("falls back to the area's default office when no rule matches", () => {
    // Arrange: no routing rules at all; Sanqu's default office is OFFICE_SANQU.
    const catalog = { ...seedCatalog, routingRules: [] };
    // Act
    const routed = routeCase(catalog, 'SANQU', 'HOMEWORK_OVERLOAD');
    // Assert
    expect(routed).toMatchObject({ officeId: 'OFFICE_SANQU', matchedRule: false });
  });

  it('records the co-handling department for unlicensed institutions (市场监管局)', () => {
    expect(routeCase(seedCatalog, 'SANQU', 'UNLICENSED_INSTITUTION').coHandling?.name).toBe('市场监管局');
  });
});

describe('workflow steps', () => {
  it('route assigns with 15 working days, 3 when urgent, and is a no-op once routed', () => {
    const normal = routeStep(submitted('LONGSHUI', 'HOMEWORK_OVERLOAD'), at('2026-03-02T02:00:00Z'));
    const urgent = routeStep(submitted('LONGSHUI', 'HOMEWORK_OVERLOAD', true), at('2026-03-02T02:00:00Z'));
    expect(normal?.next).toEqual(
      expect.objectContaining({ status: 'assigned', deadline: '2026-03-23T15:59:59.999Z' }),
    );
    expect(urgent?.next.deadline).toBe('2026-03-05T15:59:59.999Z');
    expect(normal?.notifications).toEqual([
      expect.objectContaining({ kind: 'assignment', to: { office: 'OFFICE_LONGSHUI' } }),
    ]);
    expect(routeStep(normal?.next as CaseRecord, at('2026-03-02T02:00:00Z'))).toBeUndefined();
  });

  it('a deadline across the 2026 Spring Festival skips the holiday and counts the 调休 Saturdays', () => {
    const r = routeStep(
      { ...submitted('LONGSHUI', 'HOMEWORK_OVERLOAD', true), receivedAt: '2026-02-12T02:00:00Z' },
      at('2026-02-12T02:00:00Z'),
    );
    // Thu 02-12 + 3 working days: Fri 02-13, Sat 02-14 (调休 make-up day), then 02-15..23 are holidays → Tue 02-24.
    expect(r?.next.deadline).toBe('2026-02-24T15:59:59.999Z');
  });

  it('an unknown year falls back to Monday–Friday and says so in the history', () => {
    const r = routeStep(
      { ...submitted('LONGSHUI', 'HOMEWORK_OVERLOAD'), receivedAt: '2031-03-03T02:00:00Z' },
      at('2031-03-03T02:00:00Z'),
    );
    expect(r?.next.events.map((e) => e.type)).toEqual(['submitted', 'calendar_fallback', 'assigned']);
  });

  it('check waits until the deadline, at most 7 days, then escalates; closed cases are done', () => {
    const assigned = routeStep(submitted('LONGSHUI', 'HOMEWORK_OVERLOAD'), at('2026-03-02T02:00:00Z'))
      ?.next as CaseRecord;
    const early = checkStep(assigned, at('2026-03-02T02:00:00Z'));
    const nearDue = checkStep(assigned, at('2026-03-20T02:00:00Z'));
    expect(early).toEqual({
      decision: 'wait',
      until: new Date(Date.parse('2026-03-02T02:00:00Z') + MAX_WAIT_MS),
    });
    expect(nearDue).toEqual({ decision: 'wait', until: new Date('2026-03-23T16:00:00.000Z') });
    expect(checkStep(assigned, at('2026-03-23T16:00:00Z'))).toEqual({ decision: 'escalate' });
    expect(checkStep({ ...assigned, status: 'closed' }, at('2026-03-30T00:00:00Z'))).toEqual({
      decision: 'done',
    });
    expect(checkStep({ ...assigned, status: 'pending_review' }, at('2026-03-30T00:00:00Z')).decision).toBe(
      'wait',
    );
  });

  it('the ladder: 催办 (+3) → 督办 (+2) → 问责 with leadership notified', () => {
    const assigned = routeStep(submitted('LONGSHUI', 'HOMEWORK_OVERLOAD'), at('2026-03-02T02:00:00Z'))
      ?.next as CaseRecord;
    const urged = escalateStep(assigned, at('2026-03-23T16:00:00Z'));
    const supervised = escalateStep(urged.next, at('2026-03-27T16:00:00Z'));
    expect(checkStep(supervised.next, at('2026-03-31T16:00:00Z'))).toEqual({ decision: 'accountable' });
    const accountable = accountabilityStep(supervised.next, at('2026-03-31T16:00:00Z'));
    expect([
      urged.next.escalationLevel,
      supervised.next.escalationLevel,
      accountable.next.escalationLevel,
    ]).toEqual([1, 2, 3]);
    expect(urged.next.escalationDue).toBe('2026-03-27T15:59:59.999Z'); // Tue 03-24 (Shanghai) + 3
    expect(supervised.next.escalationDue).toBe('2026-03-31T15:59:59.999Z'); // Sat 03-28 + 2: Mon, Tue
    expect(accountable.notifications.map((n) => n.to)).toEqual([{ role: 'leader' }, { role: 'dispatcher' }]);
    expect(checkStep(accountable.next, at('2026-04-30T00:00:00Z')).decision).toBe('wait');
  });
});

describe('wakeAt: when the scheduler must look at a case again', () => {
  const routed = () => {
    const r = submitted('LONGSHUI', 'HOMEWORK_OVERLOAD');
    return routeStep(r, at('2026-03-02T02:00:00Z'))?.next as CaseRecord;
  };

  it('is the receipt for a case not yet routed, and one ms past each due date after that', () => {
    // Arrange
    const fresh = submitted('LONGSHUI', 'HOMEWORK_OVERLOAD');
    const assigned = routed();
    const urged = escalateStep(assigned, at('2026-03-23T16:00:00Z')).next;
    // Act + Assert
    expect(wakeAt(fresh)).toBe(fresh.receivedAt);
    expect(wakeAt(assigned)).toBe('2026-03-23T16:00:00.000Z');
    expect(wakeAt(urged)).toBe('2026-03-27T16:00:00.000Z');
  });

  it('agrees with Check: waiting until just before the wake, acting from the wake on', () => {
    // Arrange
    const assigned = routed();
    const wake = Date.parse(wakeAt(assigned) as string);
    // Act
    const before = checkStep(assigned, at(new Date(wake - 1).toISOString()));
    const on = checkStep(assigned, at(new Date(wake).toISOString()));
    // Assert
    expect(before).toEqual({ decision: 'wait', until: new Date(wake) });
    expect(on).toEqual({ decision: 'escalate' });
  });

  it('is absent when only a person can move the case on: closed, in review, ladder exhausted, failed', () => {
    // Arrange
    const assigned = routed();
    const cases: CaseRecord[] = [
      { ...assigned, status: 'closed' },
      { ...assigned, status: 'pending_review' },
      { ...assigned, escalationLevel: 3, escalationDue: '2026-04-01T15:59:59.999Z' },
      {
        ...assigned,
        events: [
          ...assigned.events,
          { type: 'workflow_failed', at: '2026-03-03T00:00:00Z', actor: 'system' },
        ],
      },
    ];
    // Act + Assert
    expect(cases.map(wakeAt)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
