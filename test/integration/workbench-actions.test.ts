/**
 * New case actions through the API: a dispatcher changes category or urgency with a reason (the
 * deadline follows), a leader's instruction (批示) reaches the office, reply templates per category.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../functions/domain/case.js';
import { formatTrackingCode } from '../../functions/domain/tracking-code.js';
import { sampleCase } from '../support/fixtures.js';
import { asStaff, json, login, testRuntime } from '../support/runtime.js';

describe('reclassify, instruct, reply templates', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const tokens: Record<string, string> = {};
  const record: CaseRecord = {
    ...sampleCase(),
    id: 'WBACT23456',
    status: 'in_progress',
    officeId: 'OFFICE_LONGSHUI',
    assignedAt: '2026-03-02T02:00:01Z',
    deadline: '2026-03-23T15:59:59.999Z',
  };
  const code = formatTrackingCode(record.id);

  beforeAll(async () => {
    rt = await testRuntime({ workflow: { startCaseWorkflow: async () => {} } });
    await rt.store.createCase(record);
    for (const u of ['dispatcher', 'leader', 'inspector-a', 'inspector-b'])
      tokens[u] = await login(rt.app, u);
  }, 60_000);
  afterAll(() => rt.close());

  const act = async (who: string, body: Record<string, unknown>) => {
    const view = await json(asStaff(rt.app, tokens[who] as string, `/api/v1/cases/${code}`));
    const res = await asStaff(rt.app, tokens[who] as string, `/api/v1/cases/${code}/actions`, {
      method: 'POST',
      body: JSON.stringify({ ...body, expectedVersion: view.version }),
    });
    return { status: res.status, body: await json(res) };
  };

  it('a dispatcher marks the case urgent: new deadline from the working-day rules, history says why', async () => {
    // Act
    const res = await act('dispatcher', { type: 'reclassify', urgent: true, reason: '涉及学生安全' });
    // Assert
    expect(res.status).toBe(200);
    expect(res.body.deadline).toBe('2026-03-05T15:59:59.999Z');
    const view = await json(asStaff(rt.app, tokens['inspector-a'] as string, `/api/v1/cases/${code}`));
    expect(view.events.at(-1)).toEqual(
      expect.objectContaining({
        type: 'reclassified',
        reason: '涉及学生安全',
        to: { category: 'HOMEWORK_OVERLOAD', urgent: true },
      }),
    );
  });

  it('an inspector may not reclassify; a reclassify without a reason names the field', async () => {
    const inspector = await act('inspector-a', { type: 'reclassify', urgent: false, reason: '不紧急' });
    const noReason = await act('dispatcher', { type: 'reclassify', category: 'EXAM_RANKING' });
    expect(inspector.status).toBe(403);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.map((f: { path: string }) => f.path)).toContain('reason');
  });

  it('a leader instruction is on the case for its office and in the office outbox', async () => {
    // Act
    const res = await act('leader', { type: 'instruct', text: '请本周内核查并反馈结果' });
    // Assert
    expect(res.status).toBe(200);
    const view = await json(asStaff(rt.app, tokens['inspector-a'] as string, `/api/v1/cases/${code}`));
    await rt.channels.delivery.drain(); // the outbox fills as notifications are delivered
    const outbox = await json(asStaff(rt.app, tokens['inspector-a'] as string, '/api/v1/outbox'));
    expect(view.instructions).toEqual([
      expect.objectContaining({ by: 'leader', text: '请本周内核查并反馈结果' }),
    ]);
    expect(outbox.items.map((i: { kind: string }) => i.kind)).toContain('instruction');
  });

  it('reply templates: the category’s own first, then general ones', async () => {
    const res = await json(
      asStaff(rt.app, tokens['inspector-a'] as string, '/api/v1/reply-templates?category=HOMEWORK_OVERLOAD'),
    );
    expect(res.items.map((t: { id: string }) => t.id)).toEqual([
      'HOMEWORK_OVERLOAD_RECTIFIED',
      'GENERAL_SUBSTANTIATED',
      'GENERAL_UNSUBSTANTIATED',
    ]);
  });
});
