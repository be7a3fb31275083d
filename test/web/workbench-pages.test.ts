/**
 * Workbench pages through the app (no browser): every page with each role, every action form
 * (POST → 303, or the page again with errors and what was typed), stale versions, 404 out of scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formPost, type PageResult, pageGet } from '../support/pages.js';
import { json, postJson, testRuntime, validComplaint } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

describe('workbench pages', () => {
  let rt: Rt;
  const session: Record<string, string> = {};
  let code = '';
  let other = '';

  const file = async (body: unknown) =>
    (await json(postJson(rt.app, '/api/v1/complaints', body))).trackingCode;
  const get = (who: string, path: string) => pageGet(rt.app, path, { cookie: session[who] as string });
  /** Opens the case page as `who` and posts one action form from it. */
  const act = async (
    who: string,
    c: string,
    type: string,
    fields: Record<string, string> = {},
    from?: PageResult,
  ) => {
    const page = from ?? (await get(who, `/staff/cases/${c}`));
    const version = page.html.match(
      new RegExp(`act-${type}[\\s\\S]*?name="expectedVersion" value="(\\d+)"`),
    )?.[1];
    const seen = page.html.match(/name="seenEvents" value="(\d+)"/)?.[1] ?? '0';
    const prefixed = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${type}.${k}`, v]));
    return formPost(rt.app, `/staff/cases/${c}/act`, page, {
      type,
      expectedVersion: version ?? '0',
      seenEvents: seen,
      ...prefixed,
    });
  };

  beforeAll(async () => {
    rt = await testRuntime();
    for (const u of ['inspector-a', 'inspector-b', 'dispatcher', 'leader', 'operator', 'admin']) {
      const login = await pageGet(rt.app, '/staff/login');
      session[u] = (
        await formPost(rt.app, '/staff/login', login, { username: u, password: 'duban-demo' })
      ).cookies;
    }
    code = await file(validComplaint());
    other = await file({ ...validComplaint(), subject: { kind: 'institution', name: '学而思培训' } });
    await rt.runner?.settle();
  }, 60_000);
  afterAll(() => rt.close());

  it('the home shows each role its queues with counts', async () => {
    const inspector = await get('inspector-a', '/staff');
    const dispatcher = await get('dispatcher', '/staff');
    const leader = await get('leader', '/staff');
    const operator = await get('operator', '/staff');
    const admin = await get('admin', '/staff');
    expect(inspector.status).toBe(200);
    expect(inspector.html).toContain('两个工作日内到期');
    expect(inspector.html).toContain(code);
    expect(dispatcher.html).toContain('延期待审批');
    expect(leader.html).toContain('待复核');
    expect(operator.html).toContain('我登记的案件');
    expect(admin.html).toContain('系统管理员不处理案件');
    expect((await pageGet(rt.app, '/staff')).status).toBe(303);
  });

  it('the case page: facts, policy basis, deadline in working days, masked reporter, only allowed forms', async () => {
    const inspector = await get('inspector-a', `/staff/cases/${code}`);
    const leader = await get('leader', `/staff/cases/${code}`);
    expect(inspector.html).toContain('政策依据');
    expect(inspector.html).toContain('2026-03-23 23:59');
    expect(inspector.html).toContain('剩余 15 个工作日');
    expect(inspector.html).toContain('138****5678');
    expect(inspector.html).not.toContain('13812345678');
    expect(inspector.html).toContain('act-start');
    expect(inspector.html).not.toContain('act-approve');
    expect(leader.html).toContain('act-instruct');
    expect(leader.html).not.toContain('act-start');
  });

  it('404 for a case out of scope, the same as a missing one', async () => {
    const b = await get('inspector-b', `/staff/cases/${code}`);
    const op = await get('operator', `/staff/cases/${code}`);
    const missing = await get('inspector-b', '/staff/cases/ZZZZZ-ZZZZZ');
    expect([b.status, op.status, missing.status]).toEqual([404, 404, 404]);
  });

  it('a case through its forms: start, extension, approve it, report with a template, send back, approve', async () => {
    expect((await act('inspector-a', code, 'start')).status).toBe(303);
    expect(
      (await act('inspector-a', code, 'request_extension', { days: '5', reason: '需现场核查' })).status,
    ).toBe(303);
    expect((await act('dispatcher', code, 'decide_extension', { approve: 'true' })).status).toBe(303);
    // "Use template" fills the reply without JavaScript; the rest of the form is kept.
    const filled = await act('inspector-a', code, 'submit_report', {
      finding: 'substantiated',
      actions: '约谈校长，责令整改',
      template: 'HOMEWORK_OVERLOAD_RECTIFIED',
      useTemplate: '1',
    });
    expect(filled.status).toBe(200);
    expect(filled.html).toContain('约谈校长，责令整改');
    expect(filled.html).toContain('经核查，龙水镇第一小学存在书面作业总量');
    const reply = filled.html.match(/name="submit_report\.reply"[^>]*>([^<]*)</)?.[1] ?? '';
    expect(
      (
        await act(
          'inspector-a',
          code,
          'submit_report',
          { finding: 'substantiated', actions: '约谈校长', reply },
          filled,
        )
      ).status,
    ).toBe(303);
    expect((await act('dispatcher', code, 'send_back', { reason: '整改措施不具体' })).status).toBe(303);
    expect(
      (
        await act('inspector-a', code, 'submit_report', {
          finding: 'substantiated',
          actions: '已整改',
          reply: '已整改',
        })
      ).status,
    ).toBe(303);
    const done = await act('dispatcher', code, 'approve', { note: '同意销号' });
    expect(done.location).toBe(`/staff/cases/${code}?done=approve`);
    const page = await get('dispatcher', `/staff/cases/${code}`);
    expect(page.html).toContain('复核销号');
    expect(page.html).toContain('批准延期');
    // No raw UTC instants in what the reader sees (only in <time datetime> for machines).
    expect(page.html.replace(/datetime="[^"]*"/g, '')).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('a missing reason is shown next to the field and what was typed is kept', async () => {
    const page = await get('dispatcher', `/staff/cases/${other}`);
    const res = await act('dispatcher', other, 'reclassify', { urgent: 'true', reason: '' }, page);
    expect(res.status).toBe(400);
    expect(res.html).toContain('请填写“理由”');
    expect(res.html).toMatch(/name="reclassify\.urgent" value="true" checked/);
  });

  it('a stale version shows what changed, the current case, and keeps the typed text', async () => {
    // Arrange: two dispatchers load the same page; the first acts.
    const first = await get('dispatcher', `/staff/cases/${other}`);
    const second = await get('dispatcher', `/staff/cases/${other}`);
    expect((await act('dispatcher', other, 'note', { text: '第一位：已电话联系' }, first)).status).toBe(303);
    // Act
    const late = await act('dispatcher', other, 'note', { text: '第二位：稍后回电' }, second);
    // Assert
    expect(late.status).toBe(409);
    expect(late.html).toContain('有人先处理了这个案件');
    expect(late.html).toContain('第一位：已电话联系');
    expect(late.html).toContain('第二位：稍后回电');
  });

  it('reclassify, instruct, accountability, reassign and reveal through their forms', async () => {
    expect(
      (
        await act('dispatcher', other, 'reclassify', {
          category: 'UNLICENSED_INSTITUTION',
          urgent: 'true',
          reason: '实为无证机构',
        })
      ).status,
    ).toBe(303);
    expect((await act('leader', other, 'instruct', { text: '请从严查处' })).status).toBe(303);
    expect(
      (
        await act('dispatcher', other, 'record_accountability', {
          measure: 'interview',
          targetUnit: '龙水片区',
        })
      ).status,
    ).toBe(303);
    expect(
      (await act('dispatcher', other, 'reassign', { officeId: 'OFFICE_CITY', reason: '属城区管辖' })).status,
    ).toBe(303);
    const page = await get('dispatcher', `/staff/cases/${other}`);
    const noReason = await formPost(rt.app, `/staff/cases/${other}/reveal`, page, { 'reveal.reason': '' });
    const revealed = await formPost(rt.app, `/staff/cases/${other}/reveal`, page, {
      'reveal.reason': '需回访举报人核实情况',
    });
    expect(noReason.status).toBe(400);
    expect(revealed.status).toBe(200);
    expect(revealed.html).toContain('13812345678');
    expect(revealed.headers.get('cache-control')).toBe('no-store');
    const after = await get('leader', `/staff/cases/${other}`);
    expect(after.html).toContain('请从严查处');
    expect(after.html).toContain('城区片区督导室');
    expect(after.html).toContain('查看举报人信息');
  });

  it('merge asks for confirmation when the target is about another subject', async () => {
    const a = await file(validComplaint());
    const b = await file({ ...validComplaint(), subject: { kind: 'school', name: '邮亭镇中学' } });
    await rt.runner?.settle();
    const asked = await act('dispatcher', a, 'merge', { into: b });
    expect(asked.status).toBe(400);
    expect(asked.html).toContain('目标案件的被投诉对象不同');
    const confirmed = await act('dispatcher', a, 'merge', { into: b, confirmOther: '1' }, asked);
    expect(confirmed.status).toBe(303);
    expect((await get('dispatcher', `/staff/cases/${b}`)).html).toContain(a);
  });

  it('return and the dispatcher’s decision through forms', async () => {
    const c = await file(validComplaint());
    await rt.runner?.settle();
    expect((await act('inspector-a', c, 'return', { reason: '不属于本片区' })).status).toBe(303);
    expect(
      (await act('dispatcher', c, 'decide_return', { decision: 'reassign', officeId: 'OFFICE_YOUTING' }))
        .status,
    ).toBe(303);
    expect((await get('inspector-b', `/staff/cases/${c}`)).status).toBe(200);
    expect((await get('inspector-a', `/staff/cases/${c}`)).status).toBe(404);
    expect((await act('inspector-b', c, 'note', { text: '已接收' })).status).toBe(303);
    expect((await act('dispatcher', c, 'reject', { reason: '重复投诉' })).status).toBe(303);
  });

  it('search: phone by POST (never echoed), subject, tracking code; browse filters map to queues', async () => {
    const page = await get('dispatcher', '/staff/search');
    const phone = await formPost(rt.app, '/staff/search', page, { by: 'phone', phone: '138 1234 5678' });
    const subject = await formPost(rt.app, '/staff/search', page, {
      by: 'subject',
      'subject.kind': 'school',
      'subject.name': '龙水镇第一小学',
    });
    const byCode = await formPost(rt.app, '/staff/search', page, { by: 'trackingCode', trackingCode: code });
    const browse = await get('dispatcher', '/staff/search?status=closed');
    const bad = await get('dispatcher', '/staff/search?category=HOMEWORK_OVERLOAD&office=OFFICE_CITY');
    const operatorPage = await get('operator', '/staff/search');
    expect(phone.status).toBe(200);
    expect(phone.html).toContain(code);
    expect(phone.html).not.toContain('1234 5678');
    expect(subject.html).toContain(code);
    expect(byCode.html).toContain(code);
    expect(browse.html).toContain(code);
    expect(bad.status).toBe(400);
    expect(operatorPage.html).toContain('name="phone"');
    expect((await get('inspector-a', '/staff/search')).html).not.toContain('name="phone"');
  });

  it('an inspector records an inspection-visit finding and can open it', async () => {
    const page = await get('inspector-b', '/staff/inspection');
    const bad = await formPost(rt.app, '/staff/inspection', page, { area: 'LONGSHUI', description: '短' });
    const ok = await formPost(rt.app, '/staff/inspection', page, {
      area: 'LONGSHUI',
      category: 'LATE_TRAINING',
      'subject.kind': 'institution',
      'subject.name': '龙水镇智慧树培训',
      description: '晚上九点后仍在开展学科类培训，现场有学生二十余人。',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('请从列表中选择');
    expect(ok.status).toBe(303);
    const tracking = decodeURIComponent(ok.location?.split('done=')[1] ?? '');
    await rt.runner?.settle();
    expect((await get('inspector-b', '/staff/inspection')).html).toContain(tracking);
    expect((await get('inspector-b', `/staff/cases/${tracking}`)).status).toBe(200);
  });
});
