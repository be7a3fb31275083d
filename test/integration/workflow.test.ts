/**
 * The case lifecycle end to end: the real state-machine definition on aws-local-stepfunctions, the
 * real app and dynalite, with time driven by the test (see drivenClock).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { drivenClock } from '../support/driven-clock.js';
import { json, postJson, T0, validComplaint } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof startRuntime>>;
const open: Rt[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

async function setup(opts: { dataDir?: string } = {}) {
  const time = drivenClock(T0);
  const rt = await startRuntime({
    clock: time.clock,
    workflowWait: time.wait,
    logger: silentLogger,
    ...opts,
  });
  open.push(rt);
  return { rt, time };
}

async function token(rt: Rt, username: string): Promise<string> {
  const res = await postJson(rt.app, '/api/v1/auth/login', { username, password: 'duban-demo' });
  expect(res.status).toBe(200);
  return (await json(res)).token;
}

async function fileComplaint(rt: Rt, overrides: Record<string, unknown> = {}) {
  const receipt = await json(postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), ...overrides }));
  await rt.runner?.settle();
  return receipt as { trackingCode: string; accessCode: string };
}

async function staffCase(rt: Rt, tok: string, code: string) {
  return json(rt.app.request(`/api/v1/cases/${code}`, { headers: { authorization: `Bearer ${tok}` } }));
}

async function act(rt: Rt, tok: string, code: string, body: Record<string, unknown>) {
  const current = await staffCase(rt, tok, code);
  return rt.app.request(`/api/v1/cases/${code}/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
    body: JSON.stringify({ expectedVersion: current.version, ...body }),
  });
}

const id = (code: string) => code.replace('-', '');

describe('case workflow on aws-local-stepfunctions', () => {
  it('routes to the area office with a deadline of 15 working days', async () => {
    // Arrange
    const { rt } = await setup();
    // Act
    const { trackingCode } = await fileComplaint(rt);
    const stored = await rt.store.getCase(id(trackingCode));
    // Assert: received Mon 2026-03-02; 15 working days later is Mon 2026-03-23, end of day Shanghai.
    expect(stored?.status).toBe('assigned');
    expect(stored?.officeId).toBe('OFFICE_LONGSHUI');
    expect(stored?.deadline).toBe('2026-03-23T15:59:59.999Z');
    expect(stored?.events.map((e) => e.type)).toEqual(['submitted', 'assigned']);
    // The execution ended at its Wait: the case sleeps in the wake index until one ms past the deadline.
    expect(rt.runner?.executions()).toEqual([
      expect.objectContaining({ name: `${id(trackingCode)}-1`, status: 'sleeping' }),
    ]);
    expect((await rt.sweepWakeIndex(T0, 10)).next).toBe('2026-03-23T16:00:00.000Z');
  });

  it('climbs the ladder 催办 → 督办 → 问责 when nobody acts', async () => {
    // Arrange
    const { rt, time } = await setup();
    const { trackingCode } = await fileComplaint(rt);
    const caseId = id(trackingCode);

    // Act + Assert: each due date passes in turn.
    time.advanceTo('2026-03-23T16:00:00Z'); // Tue 00:00 Shanghai, one ms after the deadline
    await rt.runner?.settle();
    let c = await rt.store.getCase(caseId);
    expect(c?.escalationLevel).toBe(1);
    expect(c?.escalationDue).toBe('2026-03-27T15:59:59.999Z'); // Tue 03-24 + 3 working days: Fri 03-27

    time.advanceTo('2026-03-27T16:00:00Z');
    await rt.runner?.settle();
    c = await rt.store.getCase(caseId);
    expect(c?.escalationLevel).toBe(2);
    expect(c?.escalationDue).toBe('2026-03-31T15:59:59.999Z'); // Sat 03-28 + 2 working days: Tue 03-31

    time.advanceTo('2026-03-31T16:00:00Z');
    await rt.runner?.settle();
    c = await rt.store.getCase(caseId);
    expect(c?.escalationLevel).toBe(3);
    expect(c?.accountability).toEqual([
      expect.objectContaining({ by: 'system', officeId: 'OFFICE_LONGSHUI' }),
    ]);
    expect(c?.events.map((e) => e.type)).toEqual([
      'submitted',
      'assigned',
      'urged',
      'supervised',
      'accountability_opened',
    ]);
    await rt.channels.delivery.drain(); // notifications reach the outbox through delivery
    const leader = await json(
      rt.app.request('/api/v1/outbox', { headers: { authorization: `Bearer ${await token(rt, 'leader')}` } }),
    );
    expect(leader.items).toEqual([expect.objectContaining({ kind: 'accountability', caseId })]);

    // The ladder ends at 问责: nothing more is due, so the case leaves the wake index and a week later
    // nothing more happens; the execution sleeps, one run per rung.
    time.advanceTo('2026-04-07T16:00:00Z');
    await rt.runner?.settle();
    expect((await rt.store.getCase(caseId))?.events).toHaveLength(5);
    expect(rt.runner?.executions()[0]).toEqual(expect.objectContaining({ status: 'sleeping', runs: 4 }));
    expect((await rt.sweepWakeIndex(new Date('2027-01-01T00:00:00Z'), 10)).due).toEqual([]);
  });

  it('an approved extension moves the deadline and prevents escalation', async () => {
    // Arrange
    const { rt, time } = await setup();
    const { trackingCode } = await fileComplaint(rt);
    const inspector = await token(rt, 'inspector-a');
    const dispatcher = await token(rt, 'dispatcher');

    // Act
    const asked = await act(rt, inspector, trackingCode, {
      type: 'request_extension',
      days: 5,
      reason: '需现场核查多所学校',
    });
    const decided = await act(rt, dispatcher, trackingCode, { type: 'decide_extension', approve: true });
    time.advanceTo('2026-03-24T16:00:00Z'); // past the original deadline, before the new one
    await rt.runner?.settle();

    // Assert: 5 working days after Mon 03-23 is Mon 03-30.
    expect(asked.status).toBe(200);
    expect((await json(decided)).deadline).toBe('2026-03-30T15:59:59.999Z');
    const c = await rt.store.getCase(id(trackingCode));
    expect(c?.escalationLevel).toBe(0);
    expect(c?.extensionsUsed).toBe(1);
  });

  it('closure before the deadline takes the case out of the wake index: no execution runs again', async () => {
    // Arrange
    const { rt, time } = await setup();
    const { trackingCode } = await fileComplaint(rt);
    const inspector = await token(rt, 'inspector-a');
    const dispatcher = await token(rt, 'dispatcher');

    // Act
    await act(rt, inspector, trackingCode, { type: 'start' });
    await act(rt, inspector, trackingCode, {
      type: 'submit_report',
      finding: 'substantiated',
      actions: '约谈校长，责令整改作业布置',
      reply: '经核查情况属实，已责令学校整改。',
    });
    const approved = await act(rt, dispatcher, trackingCode, { type: 'approve' });
    time.advanceTo('2026-03-09T02:00:00Z'); // the 7-day wait ends before the deadline
    await rt.runner?.settle();

    // Assert
    expect(approved.status).toBe(200);
    expect(rt.runner?.executions()[0]).toEqual(expect.objectContaining({ status: 'sleeping', runs: 1 }));
    expect(rt.runner?.executions()[0]?.transitions).toBeLessThanOrEqual(20);
    expect((await rt.sweepWakeIndex(new Date('2027-01-01T00:00:00Z'), 10)).due).toEqual([]);
    const c = await rt.store.getCase(id(trackingCode));
    expect(c?.status).toBe('closed');
    expect(c?.escalationLevel).toBe(0);
  });

  it('an unsatisfied citizen reopens the case once; the second closure is final', async () => {
    // Arrange
    const { rt } = await setup();
    const { trackingCode, accessCode } = await fileComplaint(rt);
    const inspector = await token(rt, 'inspector-a');
    const dispatcher = await token(rt, 'dispatcher');
    const closeCase = async () => {
      await act(rt, inspector, trackingCode, {
        type: 'submit_report',
        finding: 'partly_substantiated',
        actions: '已督促整改',
        reply: '部分属实，已督促学校整改。',
      });
      await act(rt, dispatcher, trackingCode, { type: 'approve' });
    };
    await closeCase();

    // Act
    const first = await postJson(rt.app, '/api/v1/track/feedback', {
      trackingCode,
      accessCode,
      rating: 'unsatisfied',
    });
    await rt.runner?.settle();
    const reopened = await rt.store.getCase(id(trackingCode));
    await closeCase();
    const second = await postJson(rt.app, '/api/v1/track/feedback', {
      trackingCode,
      accessCode,
      rating: 'unsatisfied',
    });

    // Assert
    expect(await json(first)).toEqual(expect.objectContaining({ status: 'in_progress', reopened: true }));
    expect(reopened?.deadline).toBe('2026-03-23T15:59:59.999Z');
    expect(rt.runner?.executions().map((e) => e.name)).toEqual([
      `${id(trackingCode)}-1`,
      `${id(trackingCode)}-2`,
    ]);
    expect(await json(second)).toEqual(expect.objectContaining({ status: 'closed', reopened: false }));
  });

  it('two concurrent actions on one case: one wins, one gets 409', async () => {
    // Arrange
    const { rt } = await setup();
    const { trackingCode } = await fileComplaint(rt);
    const inspector = await token(rt, 'inspector-a');
    const { version } = await staffCase(rt, inspector, trackingCode);
    const send = (text: string) =>
      rt.app.request(`/api/v1/cases/${trackingCode}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${inspector}` },
        body: JSON.stringify({ type: 'note', text, expectedVersion: version }),
      });
    // Act
    const statuses = (await Promise.all([send('第一条备注'), send('第二条备注')]))
      .map((r) => r.status)
      .sort();
    // Assert
    expect(statuses).toEqual([200, 409]);
    expect((await rt.store.getCase(id(trackingCode)))?.events.filter((e) => e.type === 'note')).toHaveLength(
      1,
    );
  });
});
