/**
 * A generated data set with known answers for the monthly notice of March 2026, built through the real
 * API, lifecycle and workflow (dynalite + aws-local-stepfunctions) with time driven by the test.
 * Offices: A = OFFICE_LONGSHUI (inspector-a), B = OFFICE_YOUTING (inspector-b).
 *
 *  case  received   office cat  what happens                                              (times Shanghai)
 *  c1    Feb 10     A      HW   deadline Mar 9 across 春节; closed Mar 5 on time; 满意 Mar 6
 *  c2    Feb 10     B      EX   hotline; untouched: 催办 Mar 10, 督办 Mar 14, 问责 Mar 18; open at month end
 *  c3    Feb 10     A      HW   closed Feb 12 (deadline Mar 9: due in March, closed early); 基本满意
 *  c4    Feb 10     B      LT   rejected Feb 10
 *  c5    Mar 2      A      HW   extension +5 approved Mar 3 (→ Mar 30); closed Mar 27 on time (部分属实); 满意
 *  c6    Mar 2      A      EX   催办 Mar 24; closed Mar 25 late (不属实); 不满意 Apr 1 → reopened in April
 *  c7    Mar 2      B      HW   closed Mar 5, 不满意 Mar 6 → reopened (→ Mar 27); closed again Mar 20; 满意
 *  c8    Mar 2      B→A    EX   returned by B Mar 3, reassigned to A (→ Mar 24); closed Mar 20 on time
 *  c9    Mar 2      A      LT   merged into c10 Mar 3
 *  c10   Mar 2      A      LT   催办 Mar 24, 督办 Mar 28, 问责 measure 约谈 Mar 30; ladder 问责 Apr 1
 *  c11   Mar 2      B      LT   rejected Mar 3
 *  c12   Mar 25     A      HW   hotline; deadline Apr 16 across 清明; open at month end, not overdue
 *  c13   Apr 1      A      HW   received in April (counts nowhere in March)
 * c9, c10, c11 are about the same institution (星火培训): a repeat subject in March; c4 was February's.
 */
import { expect } from 'vitest';
import { silentLogger } from '../../functions/http/logger.js';
import { type RuntimeOptions, startRuntime } from '../../functions/local/runtime.js';
import { drivenClock } from './driven-clock.js';
import { json, postJson, validComplaint } from './runtime.js';

export type Rt = Awaited<ReturnType<typeof startRuntime>>;

const A_AREA = 'LONGSHUI';
const B_AREA = 'YOUTING';

export async function buildMarchDataset(opts: Partial<RuntimeOptions> = {}) {
  const time = drivenClock(new Date('2026-02-10T02:00:00Z'));
  const rt = await startRuntime({
    clock: time.clock,
    workflowWait: time.wait,
    logger: silentLogger,
    intakeRateLimit: 0,
    trackRateLimit: 0,
    ...opts,
  });
  const tokens: Record<string, string> = {};
  const token = async (u: string) => {
    tokens[u] ??= (
      await json(postJson(rt.app, '/api/v1/auth/login', { username: u, password: 'duban-demo' }))
    ).token as string;
    return tokens[u] as string;
  };
  const at = async (iso: string) => {
    time.advanceTo(iso);
    await rt.runner?.settle();
  };
  const codes: Record<string, { trackingCode: string; accessCode: string }> = {};
  const file = async (
    name: string,
    area: string,
    category: string,
    subject: { kind: string; name: string },
    channel: 'web' | 'hotline' = 'web',
  ) => {
    const { reporter: _r, occurredOn: _o, ...base } = validComplaint();
    const body = { ...base, channel, area, category, subject, anonymous: true };
    const res = await postJson(
      rt.app,
      '/api/v1/complaints',
      body,
      channel === 'web' ? {} : { authorization: `Bearer ${await token('operator')}` },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    codes[name] = (await res.json()) as { trackingCode: string; accessCode: string };
  };
  const act = async (user: string, name: string, body: Record<string, unknown>) => {
    const code = codes[name]?.trackingCode as string;
    const tok = await token(user);
    const current = await json(
      rt.app.request(`/api/v1/cases/${code}`, { headers: { authorization: `Bearer ${tok}` } }),
    );
    const res = await rt.app.request(`/api/v1/cases/${code}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
      body: JSON.stringify({ expectedVersion: current.version, ...body }),
    });
    expect(res.status, `${user} ${String(body.type)} on ${name}: ${await res.clone().text()}`).toBe(200);
    await rt.runner?.settle();
  };
  const closeCase = async (inspector: string, name: string, finding: string) => {
    await act(inspector, name, {
      type: 'submit_report',
      finding,
      actions: '已核查处理',
      reply: '已核查并处理。',
    });
    await act('dispatcher', name, { type: 'approve' });
  };
  const rate = async (name: string, rating: string) => {
    const { trackingCode, accessCode } = codes[name] as { trackingCode: string; accessCode: string };
    const res = await postJson(rt.app, '/api/v1/track/feedback', { trackingCode, accessCode, rating });
    expect(res.status, `rating ${name}: ${await res.clone().text()}`).toBe(200);
    await rt.runner?.settle();
  };
  const school = (n: string) => ({ kind: 'school', name: n });
  const xinghuo = { kind: 'institution', name: '星火培训' };

  // February
  await at('2026-02-10T02:00:00Z');
  await file('c1', A_AREA, 'HOMEWORK_OVERLOAD', school('龙水镇第一小学'));
  await file('c2', B_AREA, 'EXAM_RANKING', school('邮亭中学'), 'hotline');
  await file('c3', A_AREA, 'HOMEWORK_OVERLOAD', school('龙水镇第一小学'));
  await file('c4', B_AREA, 'LATE_TRAINING', xinghuo);
  await act('dispatcher', 'c4', { type: 'reject', reason: '不属于受理范围' });
  await at('2026-02-12T02:00:00Z');
  await closeCase('inspector-a', 'c3', 'substantiated');
  await rate('c3', 'basically_satisfied');

  // March
  await at('2026-03-02T02:00:00Z');
  await file('c5', A_AREA, 'HOMEWORK_OVERLOAD', school('龙水镇第一小学'));
  await file('c6', A_AREA, 'EXAM_RANKING', school('龙水镇第二中学'));
  await file('c7', B_AREA, 'HOMEWORK_OVERLOAD', school('邮亭镇中心小学'));
  await file('c8', B_AREA, 'EXAM_RANKING', school('邮亭中学'));
  await file('c9', A_AREA, 'LATE_TRAINING', xinghuo);
  await file('c10', A_AREA, 'LATE_TRAINING', xinghuo);
  await file('c11', B_AREA, 'LATE_TRAINING', xinghuo);
  await at('2026-03-03T02:00:00Z');
  await act('inspector-a', 'c5', { type: 'request_extension', days: 5, reason: '需现场核查' });
  await act('dispatcher', 'c5', { type: 'decide_extension', approve: true });
  await act('inspector-b', 'c8', { type: 'return', reason: '属龙水片区学校' });
  await act('dispatcher', 'c8', { type: 'decide_return', decision: 'reassign', officeId: 'OFFICE_LONGSHUI' });
  await act('dispatcher', 'c9', { type: 'merge', into: codes.c10?.trackingCode });
  await act('dispatcher', 'c11', { type: 'reject', reason: '重复投诉' });
  await at('2026-03-05T02:00:00Z');
  await closeCase('inspector-a', 'c1', 'substantiated');
  await closeCase('inspector-b', 'c7', 'substantiated');
  await at('2026-03-06T02:00:00Z');
  await rate('c1', 'satisfied');
  await rate('c7', 'unsatisfied');
  await at('2026-03-09T16:00:00Z'); // c2 催办
  await at('2026-03-13T16:00:00Z'); // c2 督办
  await at('2026-03-17T16:00:00Z'); // c2 问责
  await at('2026-03-20T02:00:00Z');
  await closeCase('inspector-b', 'c7', 'substantiated');
  await closeCase('inspector-a', 'c8', 'substantiated');
  await at('2026-03-21T02:00:00Z');
  await rate('c7', 'satisfied');
  await at('2026-03-23T16:00:00Z'); // c6, c10 催办
  await at('2026-03-25T02:00:00Z');
  await file('c12', A_AREA, 'HOMEWORK_OVERLOAD', school('龙水镇第一小学'), 'hotline');
  await closeCase('inspector-a', 'c6', 'unsubstantiated');
  await at('2026-03-27T02:00:00Z');
  await closeCase('inspector-a', 'c5', 'partly_substantiated');
  await at('2026-03-27T16:00:00Z'); // c10 督办
  await at('2026-03-28T02:00:00Z');
  await rate('c5', 'satisfied');
  await at('2026-03-30T02:00:00Z');
  await act('dispatcher', 'c10', {
    type: 'record_accountability',
    measure: 'interview',
    targetUnit: '星火培训',
  });
  await at('2026-03-31T16:00:00Z'); // c10 问责 by the ladder, in April

  // April
  await at('2026-04-01T02:00:00Z');
  await rate('c6', 'unsatisfied');
  await file('c13', A_AREA, 'HOMEWORK_OVERLOAD', school('龙水镇第一小学'));
  await at('2026-04-02T02:00:00Z');

  const id = (name: string) => String(codes[name]?.trackingCode).replace('-', '');
  return { rt, time, token, codes, id };
}
