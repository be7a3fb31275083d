import { describe, expect, it } from 'vitest';
import { seedHolidayCalendar } from '../../functions/domain/calendar/holiday-data.js';
import { createWorkingCalendar } from '../../functions/domain/calendar/working-days.js';
import type { CaseRecord } from '../../functions/domain/case.js';
import { type CaseStatus, caseStatusCodes } from '../../functions/domain/case-status.js';
import {
  type ActionType,
  actionRules,
  allowedActions,
  applyAction,
  type CaseAction,
  LifecycleError,
} from '../../functions/domain/lifecycle/actions.js';
import type { LifecycleContext } from '../../functions/domain/lifecycle/context.js';
import { applyFeedback } from '../../functions/domain/lifecycle/feedback.js';
import { seedCatalog } from '../../functions/domain/reference/catalog.js';
import { type Principal, roles } from '../../functions/domain/staff.js';
import { sampleCase } from '../support/fixtures.js';

const NOW = new Date('2026-03-04T02:00:00Z'); // Wed 10:00 Shanghai
const ctx: LifecycleContext = {
  now: NOW,
  calendar: createWorkingCalendar(seedHolidayCalendar),
  catalog: seedCatalog,
};

function caseIn(status: CaseStatus, extra: Partial<CaseRecord> = {}): CaseRecord {
  const base = sampleCase();

  return {
    ...base,
    status,
    officeId: 'OFFICE_LONGSHUI',
    assignedAt: '2026-03-02T02:00:01Z',
    deadline: '2026-03-23T15:59:59.999Z',
    ...extra,
  };
}

const who: Record<(typeof roles)[number], Principal> = {
  operator: { username: 'operator', role: 'operator' },
  dispatcher: { username: 'dispatcher', role: 'dispatcher' },
  inspector: { username: 'inspector-a', role: 'inspector', officeId: 'OFFICE_LONGSHUI' },
  leader: { username: 'leader', role: 'leader' },
  admin: { username: 'admin', role: 'admin' },
};

const sample: Record<ActionType, CaseAction> = {
  start: { type: 'start' },
  note: { type: 'note', text: '已电话联系学校' },
  return: { type: 'return', reason: '不属于本片区' },
  request_extension: { type: 'request_extension', days: 5, reason: '需现场核查' },
  submit_report: { type: 'submit_report', finding: 'substantiated', actions: '约谈校长', reply: '已整改' },
  reject: { type: 'reject', reason: '不属于双减范围' },
  merge: { type: 'merge', into: 'ZZZZZ-ZZZZZ' },
  reassign: { type: 'reassign', officeId: 'OFFICE_CITY' },
  decide_return: { type: 'decide_return', decision: 'reassign', officeId: 'OFFICE_CITY' },
  decide_extension: { type: 'decide_extension', approve: true },
  approve: { type: 'approve' },
  send_back: { type: 'send_back', reason: '整改措施不具体' },
  record_accountability: {
    type: 'record_accountability',
    measure: 'interview',
    targetUnit: '龙水镇第一小学',
  },
  reclassify: { type: 'reclassify', urgent: true, reason: '涉及学生安全，按紧急件办理' },
  instruct: { type: 'instruct', text: '请龙水片区本周内核查并反馈' },
  classify: { type: 'classify', category: 'HOMEWORK_OVERLOAD', area: 'LONGSHUI' },
};

/** Preconditions some actions need beyond the status. */
function prepared(type: ActionType, status: CaseStatus): CaseRecord {
  if (type === 'decide_extension') {
    return caseIn(status, {
      extensionRequest: {
        days: 5,
        reason: '需现场核查',
        requestedAt: NOW.toISOString(),
        requestedBy: 'inspector-a',
      },
    });
  }
  return caseIn(status);
}
const target = { ...caseIn('assigned'), id: 'ZZZZZZZZZZ' };

const matrix = (Object.keys(actionRules) as ActionType[]).flatMap((type) =>
  roles.flatMap((role) => caseStatusCodes.map((status) => ({ type, role, status }))),
);

describe('every action × role × status', () => {
  it.each(matrix)('$type by $role on a $status case', ({ type, role, status }) => {
    // Arrange
    const rule = actionRules[type];
    const record = prepared(type, status);
    const expected = !rule.roles.includes(role) ? 'forbidden' : !rule.from.includes(status) ? 'state' : 'ok';
    // Act
    let outcome: string;
    try {
      const result = applyAction(record, sample[type], who[role], ctx, { target });
      outcome = 'ok';
      expect(result.next.version).toBe(record.version + 1);
      expect(result.next.events.length).toBeGreaterThan(record.events.length);
    } catch (e) {
      if (!(e instanceof LifecycleError)) throw e;
      outcome = e.kind;
      if (e.kind === 'state') expect(e.details.allowedActions).not.toContain(type);
    }
    // Assert
    expect(outcome).toBe(expected);
  });
});

describe('action rules beyond role and status', () => {
  it('an inspector cannot act on another office’s case', () => {
    const other: Principal = { username: 'inspector-b', role: 'inspector', officeId: 'OFFICE_YOUTING' };
    expect(() => applyAction(caseIn('assigned'), sample.start, other, ctx)).toThrow(LifecycleError);
  });

  it('start moves assigned → in_progress; submit_report → pending_review; approve → closed (销号)', () => {
    const started = applyAction(caseIn('assigned'), sample.start, who.inspector, ctx).next;
    const reported = applyAction(started, sample.submit_report, who.inspector, ctx).next;
    const closed = applyAction(reported, sample.approve, who.dispatcher, ctx);
    expect([started.status, reported.status, closed.next.status]).toEqual([
      'in_progress',
      'pending_review',
      'closed',
    ]);
    expect(closed.next.events.at(-1)).toEqual(expect.objectContaining({ type: 'closed', reply: '已整改' }));
    expect(closed.notifications).toEqual([
      expect.objectContaining({ kind: 'closure', to: { office: 'OFFICE_LONGSHUI' } }),
    ]);
  });

  it('send_back returns a report to in_progress with the deadline unchanged', () => {
    const next = applyAction(caseIn('pending_review'), sample.send_back, who.dispatcher, ctx).next;
    expect(next.status).toBe('in_progress');
    expect(next.deadline).toBe('2026-03-23T15:59:59.999Z');
  });

  it('return is allowed within 2 working days of assignment, not after', () => {
    const late = { ...ctx, now: new Date('2026-03-05T02:00:00Z') }; // Thu: 3 working days after Mon
    expect(applyAction(caseIn('assigned'), sample.return, who.inspector, ctx).next.status).toBe('returned');
    expect(() => applyAction(caseIn('assigned'), sample.return, who.inspector, late)).toThrow(
      /within 2 working days/,
    );
  });

  it('an extension is requested before the deadline, once, for at most 15 working days', () => {
    const afterDeadline = { ...ctx, now: new Date('2026-03-24T02:00:00Z') };
    const used = caseIn('in_progress', { extensionsUsed: 1 });
    expect(() =>
      applyAction(caseIn('in_progress'), sample.request_extension, who.inspector, afterDeadline),
    ).toThrow(/before the deadline/);
    expect(() => applyAction(used, sample.request_extension, who.inspector, ctx)).toThrow(/already had/);
    expect(() =>
      applyAction(
        caseIn('in_progress'),
        { ...sample.request_extension, days: 16 } as CaseAction,
        who.inspector,
        ctx,
      ),
    ).toThrow(/At most 15/);
  });

  it('decide_extension grants the requested days, or a chosen date within the limit', () => {
    const pending = prepared('decide_extension', 'in_progress');
    const granted = applyAction(pending, sample.decide_extension, who.dispatcher, ctx).next;
    const chosen = applyAction(
      pending,
      { type: 'decide_extension', approve: true, newDeadline: '2026-03-25' },
      who.dispatcher,
      ctx,
    ).next;
    const refused = applyAction(
      pending,
      { type: 'decide_extension', approve: false },
      who.dispatcher,
      ctx,
    ).next;
    expect(granted.deadline).toBe('2026-03-30T15:59:59.999Z'); // Mon 03-23 + 5 working days
    expect(chosen.deadline).toBe('2026-03-25T15:59:59.999Z');
    expect(refused.deadline).toBe('2026-03-23T15:59:59.999Z');
    expect(refused.extensionRequest).toBeUndefined();
    expect(() =>
      applyAction(
        pending,
        { type: 'decide_extension', approve: true, newDeadline: '2026-05-30' },
        who.dispatcher,
        ctx,
      ),
    ).toThrow(/at most 15 working days/);
  });

  it('reassign gives a new office and a fresh deadline; decide_return can send the case back', () => {
    const moved = applyAction(
      caseIn('in_progress', { escalationLevel: 2 }),
      sample.reassign,
      who.dispatcher,
      ctx,
    ).next;
    const back = applyAction(
      caseIn('returned'),
      { type: 'decide_return', decision: 'send_back' },
      who.dispatcher,
      ctx,
    ).next;
    expect(moved).toEqual(
      expect.objectContaining({ status: 'assigned', officeId: 'OFFICE_CITY', escalationLevel: 0 }),
    );
    expect(moved.deadline).toBe('2026-03-25T15:59:59.999Z'); // Wed 03-04 + 15 working days
    expect(back).toEqual(expect.objectContaining({ status: 'assigned', officeId: 'OFFICE_LONGSHUI' }));
    expect(() =>
      applyAction(caseIn('assigned'), { type: 'reassign', officeId: 'NOPE' }, who.dispatcher, ctx),
    ).toThrow(/Unknown office/);
  });

  it('merge links both cases and rejects merging into itself', () => {
    const merged = applyAction(caseIn('assigned'), sample.merge, who.dispatcher, ctx, { target }).next;
    expect(merged).toEqual(expect.objectContaining({ status: 'merged', mergedInto: 'ZZZZZZZZZZ' }));
    expect(() =>
      applyAction(caseIn('assigned'), sample.merge, who.dispatcher, ctx, { target: caseIn('assigned') }),
    ).toThrow(/another existing case/);
  });

  it('allowedActions lists what the caller can do now', () => {
    expect(allowedActions(caseIn('assigned'), who.inspector)).toEqual([
      'start',
      'note',
      'return',
      'request_extension',
      'submit_report',
    ]);
    expect(allowedActions(caseIn('pending_review'), who.leader)).toEqual(['instruct']);
  });
});

describe('citizen feedback', () => {
  const closed = caseIn('closed', { closedAt: '2026-03-04T01:00:00Z' });

  it('unsatisfied reopens once with a new deadline and a new workflow cycle', () => {
    const result = applyFeedback(closed, { rating: 'unsatisfied' }, ctx);
    expect(result.next).toEqual(expect.objectContaining({ status: 'in_progress', reopenCount: 1, cycle: 2 }));
    expect(result.next.deadline).toBe('2026-03-25T15:59:59.999Z');
    expect(result.startWorkflowCycle).toBe(2);
  });

  it('after a reopen the second closure is final', () => {
    const again = { ...closed, reopenCount: 1 };
    expect(applyFeedback(again, { rating: 'unsatisfied' }, ctx).next.status).toBe('closed');
  });

  it('only within 10 days of closure, once per closure, and only when closed', () => {
    const late = { ...ctx, now: new Date('2026-03-15T02:00:00Z') };
    const rated = applyFeedback(closed, { rating: 'satisfied' }, ctx).next;
    expect(() => applyFeedback(closed, { rating: 'satisfied' }, late)).toThrow(/within 10 days/);
    expect(() => applyFeedback(rated, { rating: 'satisfied' }, ctx)).toThrow(/already been rated/);
    expect(() => applyFeedback(caseIn('assigned'), { rating: 'satisfied' }, ctx)).toThrow(
      /once the case is closed/,
    );
  });
});

describe('reclassify (改变类别/紧急程度) and instruct (领导批示)', () => {
  it('urgent shortens the deadline, counted from assignment; the history says from what to what', () => {
    // Arrange
    const record = caseIn('in_progress');
    // Act
    const { next, notifications } = applyAction(record, sample.reclassify, who.dispatcher, ctx);
    // Assert: urgent = 3 working days from Mon 2 March → end of Thu 5 March (Shanghai)
    expect(next.urgent).toBe(true);
    expect(next.deadline).toBe('2026-03-05T15:59:59.999Z');
    expect(next.events.at(-1)).toEqual(
      expect.objectContaining({
        type: 'reclassified',
        actor: 'dispatcher',
        from: { category: 'HOMEWORK_OVERLOAD', urgent: false },
        to: { category: 'HOMEWORK_OVERLOAD', urgent: true },
        previousDeadline: '2026-03-23T15:59:59.999Z',
        reason: '涉及学生安全，按紧急件办理',
      }),
    );
    expect(notifications).toEqual([
      expect.objectContaining({ kind: 'reclassified', to: { office: 'OFFICE_LONGSHUI' } }),
    ]);
  });

  it('a new category takes its own policy; an unknown one or no change names the field', () => {
    const changed = applyAction(
      caseIn('assigned'),
      { type: 'reclassify', category: 'EXAM_RANKING', reason: '实为公布考试排名' },
      who.dispatcher,
      ctx,
    ).next;
    const unknown = () =>
      applyAction(
        caseIn('assigned'),
        { type: 'reclassify', category: 'NOPE', reason: 'x' },
        who.dispatcher,
        ctx,
      );
    const same = () =>
      applyAction(
        caseIn('assigned'),
        { type: 'reclassify', urgent: false, reason: 'x' },
        who.dispatcher,
        ctx,
      );
    expect(changed.category).toBe('EXAM_RANKING');
    expect(unknown).toThrow(expect.objectContaining({ kind: 'invalid', details: { field: 'category' } }));
    expect(same).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });

  it('a case not yet routed changes category without a deadline', () => {
    const { next } = applyAction(
      caseIn('submitted', { deadline: undefined }),
      sample.reclassify,
      who.dispatcher,
      ctx,
    );
    expect([next.urgent, next.deadline]).toEqual([true, undefined]);
  });

  it('a leader instruction is recorded on the case and sent to its office', () => {
    const { next, notifications } = applyAction(caseIn('assigned'), sample.instruct, who.leader, ctx);
    expect(next.instructions).toEqual([
      { at: NOW.toISOString(), by: 'leader', text: '请龙水片区本周内核查并反馈' },
    ]);
    expect(notifications).toEqual([
      expect.objectContaining({ kind: 'instruction', to: { office: 'OFFICE_LONGSHUI' } }),
    ]);
  });
});
