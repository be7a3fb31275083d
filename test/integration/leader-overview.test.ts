/**
 * The leader overview (领导总览) on the real app, dynalite and the local state machine: figures per
 * office and category as deadlines pass and the ladder climbs (催办 → 督办 → 问责).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { drivenClock } from '../support/driven-clock.js';
import { asStaff, json, login, postJson, T0, validComplaint } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof startRuntime>>;
let rt: Rt;
let time: ReturnType<typeof drivenClock>;

const file = async (overrides: Record<string, unknown>) => {
  const res = await postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), ...overrides });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  await rt.runner?.settle();
  return body.trackingCode as string;
};

async function act(token: string, code: string, body: Record<string, unknown>) {
  const current = await json(asStaff(rt.app, token, `/api/v1/cases/${code}`));
  const res = await asStaff(rt.app, token, `/api/v1/cases/${code}/actions`, {
    method: 'POST',
    body: JSON.stringify({ expectedVersion: current.version, ...body }),
  });
  expect(res.status).toBe(200);
}

async function advance(to: string) {
  time.advanceTo(to);
  await rt.runner?.settle();
}

beforeAll(async () => {
  time = drivenClock(T0); // Mon 2026-03-02 10:00 Shanghai
  rt = await startRuntime({
    clock: time.clock,
    workflowWait: time.wait,
    logger: silentLogger,
    intakeRateLimit: 0,
  });
  const inspectorA = await login(rt.app, 'inspector-a');
  const dispatcher = await login(rt.app, 'dispatcher');
  // A: Longshui, normal deadline (Mon 03-23) — open, not yet due.
  await file({});
  // B: Youting, holiday training (urgent: 3 working days) — will climb to 问责.
  const b = await file({
    area: 'YOUTING',
    category: 'HOLIDAY_TRAINING',
    subject: { kind: 'institution', name: '邮亭学堂' },
  });
  // C: Longshui, closed on time the same day.
  const c = await file({
    category: 'UNLICENSED_INSTITUTION',
    subject: { kind: 'institution', name: '龙水培优' },
  });
  await act(inspectorA, c, { type: 'start' });
  await act(inspectorA, c, {
    type: 'submit_report',
    finding: 'substantiated',
    actions: '责令停止违规培训',
    reply: '经核查属实，已责令整改。',
  });
  await act(dispatcher, c, { type: 'approve' });
  // B's deadline, then its 催办 and 督办 due dates pass in turn (all in March).
  await advance('2026-03-05T16:00:00Z');
  for (let level = 1; level < 3; level++) {
    const due = (await rt.store.getCase(b.replace('-', '')))?.escalationDue as string;
    await advance(new Date(Date.parse(due) + 1).toISOString());
  }
  expect((await rt.store.getCase(b.replace('-', '')))?.escalationLevel).toBe(3);
}, 60_000);

afterAll(async () => {
  await rt?.close();
});

describe('leader overview', () => {
  it('counts open, overdue, escalation and 问责 per office, and the on-time rate this month', async () => {
    // Arrange
    const leader = await login(rt.app, 'leader');
    // Act
    const res = await asStaff(rt.app, leader, '/api/v1/leader/overview');
    const body = await json(res);
    // Assert
    expect(res.status).toBe(200);
    expect(body.month).toBe('2026-03');
    expect(body.totals).toEqual({
      open: 2,
      overdue: 1,
      urged: 0,
      supervised: 0,
      accountable: 1,
      accountabilityThisMonth: 1,
      dueThisMonth: 2,
      onTimeThisMonth: 1,
      onTimeRate: 0.5,
    });
    const office = (id: string) => body.byOffice.find((o: { officeId: string }) => o.officeId === id);
    expect(office('OFFICE_YOUTING')).toMatchObject({
      open: 1,
      overdue: 1,
      accountable: 1,
      accountabilityThisMonth: 1,
      onTimeRate: 0,
    });
    expect(office('OFFICE_LONGSHUI')).toMatchObject({ open: 1, overdue: 0, onTimeRate: 1 });
    const category = (code: string) => body.byCategory.find((o: { category: string }) => o.category === code);
    expect(category('UNLICENSED_INSTITUTION')).toMatchObject({
      open: 0,
      dueThisMonth: 1,
      onTimeThisMonth: 1,
    });
    expect(category('HOMEWORK_OVERLOAD')).toMatchObject({ open: 1, overdue: 0 });
    expect(category('HOLIDAY_TRAINING')).toMatchObject({ open: 1, overdue: 1, accountabilityThisMonth: 1 });
  });

  it('shows 催办 and 督办 levels while the ladder climbs', async () => {
    // Arrange: D, urgent in Youting, filed now; its deadline passes (催办).
    const leader = await login(rt.app, 'leader');
    const d = await file({
      area: 'YOUTING',
      category: 'HOLIDAY_TRAINING',
      subject: { kind: 'institution', name: '石马学堂' },
    });
    const deadline = (await rt.store.getCase(d.replace('-', '')))?.deadline as string;
    // Act
    await advance(new Date(Date.parse(deadline) + 1).toISOString());
    const body = await json(asStaff(rt.app, leader, '/api/v1/leader/overview'));
    // Assert
    expect(body.totals).toMatchObject({ open: 3, overdue: 2, urged: 1, supervised: 0, accountable: 1 });
  });

  it('is for leaders and dispatchers only', async () => {
    // Arrange
    const who = ['dispatcher', 'inspector-a', 'operator', 'admin'];
    // Act
    const statuses = await Promise.all(
      who.map(async (u) => (await asStaff(rt.app, await login(rt.app, u), '/api/v1/leader/overview')).status),
    );
    const anonymous = await rt.app.request('/api/v1/leader/overview');
    // Assert
    expect(statuses).toEqual([200, 403, 403, 403]);
    expect(anonymous.status).toBe(401);
  });
});
