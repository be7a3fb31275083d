/**
 * Access control through the real app: every staff route without a token, with the wrong role, and
 * inspector B against office A's case (which must look exactly like a missing case).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../../functions/http/logger.js';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

describe('staff access control', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const logs: string[] = [];
  const tokens: Record<string, string> = {};
  let caseA = '';
  let caseB = '';
  let hotlineCase = '';

  beforeAll(async () => {
    rt = await testRuntime({ logger: jsonLogger((l) => logs.push(l)) });
    for (const u of ['operator', 'dispatcher', 'leader', 'admin', 'inspector-a', 'inspector-b']) {
      tokens[u] = await login(rt.app, u);
    }
    caseA = (await json(postJson(rt.app, '/api/v1/complaints', validComplaint()))).trackingCode; // 龙水镇 → A
    caseB = (await json(postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), area: 'YOUTING' })))
      .trackingCode; // 邮亭镇 → B
    hotlineCase = (
      await json(
        asStaff(rt.app, tokens.operator as string, '/api/v1/complaints', {
          method: 'POST',
          body: JSON.stringify({ ...validComplaint(), channel: 'hotline', area: 'YOUTING' }),
        }),
      )
    ).trackingCode;
    await rt.runner?.settle();
  });
  afterAll(() => rt.close());

  const routes = (code: string) => [
    { method: 'GET', path: `/api/v1/cases/${code}` },
    { method: 'POST', path: `/api/v1/cases/${code}/reveal`, body: { reason: '核实举报人身份' } },
    {
      method: 'POST',
      path: `/api/v1/cases/${code}/actions`,
      body: { type: 'note', text: '备注', expectedVersion: 2 },
    },
  ];
  const send = (token: string | undefined, r: { method: string; path: string; body?: unknown }) =>
    rt.app.request(r.path, {
      method: r.method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: r.body ? JSON.stringify(r.body) : undefined,
    });

  it.each([
    ['GET', '/api/v1/me'],
    ['GET', '/api/v1/cases'],
    ['GET', '/api/v1/outbox'],
    ['GET', '/api/v1/admin/accounts'],
    ['POST', '/api/v1/admin/accounts'],
    ['PUT', '/api/v1/admin/calendar/2027'],
  ])('%s %s without a token → 401', async (method, path) => {
    const body =
      method === 'GET'
        ? undefined
        : path.includes('calendar')
          ? { year: 2027, holidays: [], makeupWorkdays: [], source: 'x' }
          : { username: 'abc', role: 'leader', password: 'x'.repeat(12) };
    expect((await send(undefined, { method, path, body })).status).toBe(401);
  });

  it('case routes without a token → 401', async () => {
    for (const r of routes(caseA)) expect((await send(undefined, r)).status).toBe(401);
  });

  it('inspector B gets the same 404 for office A’s case as for a missing case, on every route', async () => {
    const missing = routes('ZZZZZ-ZZZZZ');
    for (const [i, r] of routes(caseA).entries()) {
      const denied = await send(tokens['inspector-b'], r);
      const absent = await send(tokens['inspector-b'], missing[i] ?? r);
      expect(denied.status).toBe(404);
      expect(await denied.text()).toBe(await absent.text());
    }
    const denial = logs.find((l) => l.includes('case access denied'));
    expect(denial).toContain('inspector-b');
    expect(logs.join('\n')).not.toContain('13812345678');
  });

  it('inspector A reads and acts on its own case', async () => {
    const view = await json(asStaff(rt.app, tokens['inspector-a'] as string, `/api/v1/cases/${caseA}`));
    const acted = await asStaff(rt.app, tokens['inspector-a'] as string, `/api/v1/cases/${caseA}/actions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'start', expectedVersion: view.version }),
    });
    expect(view.officeId).toBe('OFFICE_LONGSHUI');
    expect(acted.status).toBe(200);
  });

  it('lists only the inspector’s own office, whatever office it asks for', async () => {
    const own = await json(asStaff(rt.app, tokens['inspector-b'] as string, '/api/v1/cases'));
    const asked = await json(
      asStaff(rt.app, tokens['inspector-b'] as string, '/api/v1/cases?office=OFFICE_LONGSHUI'),
    );
    const codes = (r: { items: { trackingCode: string }[] }) => r.items.map((i) => i.trackingCode).sort();
    expect(codes(own)).toEqual([caseB, hotlineCase].sort());
    expect(codes(asked)).toEqual(codes(own));
  });

  it('wrong roles: leader is read-only, only dispatchers reveal, admin has no case list', async () => {
    const leaderView = await json(asStaff(rt.app, tokens.leader as string, `/api/v1/cases/${caseB}`));
    const leaderAct = await asStaff(rt.app, tokens.leader as string, `/api/v1/cases/${caseB}/actions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'reject', reason: '不属实', expectedVersion: leaderView.version }),
    });
    const leaderReveal = await send(tokens.leader, routes(caseB)[1] as never);
    const inspectorReveal = await send(tokens['inspector-b'], routes(caseB)[1] as never);
    const adminList = await asStaff(rt.app, tokens.admin as string, '/api/v1/cases');
    const adminCase = await asStaff(rt.app, tokens.admin as string, `/api/v1/cases/${caseB}`);
    expect([
      leaderAct.status,
      leaderReveal.status,
      inspectorReveal.status,
      adminList.status,
      adminCase.status,
    ]).toEqual([403, 403, 403, 403, 404]);
  });

  it('operators file hotline complaints and read only the cases they entered', async () => {
    const own = await asStaff(rt.app, tokens.operator as string, `/api/v1/cases/${hotlineCase}`);
    const other = await asStaff(rt.app, tokens.operator as string, `/api/v1/cases/${caseB}`);
    const list = await json(asStaff(rt.app, tokens.operator as string, '/api/v1/cases'));
    expect(own.status).toBe(200);
    expect((await json(own)).enteredBy).toBe('operator');
    expect(other.status).toBe(404);
    expect(list.items.map((i: { trackingCode: string }) => i.trackingCode)).toEqual([hotlineCase]);
  });

  it('channels: the public may only use web; inspectors file inspection findings; operators not', async () => {
    const body = (channel: string) => JSON.stringify({ ...validComplaint(), channel });
    const anonHotline = await postJson(rt.app, '/api/v1/complaints', {
      ...validComplaint(),
      channel: 'hotline',
    });
    const operatorInspection = await asStaff(rt.app, tokens.operator as string, '/api/v1/complaints', {
      method: 'POST',
      body: body('inspection'),
    });
    const inspectorInspection = await asStaff(rt.app, tokens['inspector-a'] as string, '/api/v1/complaints', {
      method: 'POST',
      body: body('inspection'),
    });
    expect([anonHotline.status, operatorInspection.status, inspectorInspection.status]).toEqual([
      401, 403, 201,
    ]);
  });

  it('dispatchers and leaders list every office; filters narrow the list', async () => {
    const all = await json(asStaff(rt.app, tokens.dispatcher as string, '/api/v1/cases?limit=200'));
    const officeB = await json(
      asStaff(rt.app, tokens.leader as string, '/api/v1/cases?office=OFFICE_YOUTING'),
    );
    const month = await json(asStaff(rt.app, tokens.dispatcher as string, '/api/v1/cases?month=2026-03'));
    const bad = await asStaff(rt.app, tokens.dispatcher as string, '/api/v1/cases?month=2026-3&status=nope');
    expect(all.items.length).toBeGreaterThanOrEqual(4);
    expect(officeB.items.every((i: { officeId: string }) => i.officeId === 'OFFICE_YOUTING')).toBe(true);
    expect(month.items.length).toBe(all.items.length);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'month',
      'status',
    ]);
  });

  it('pages through a list with a cursor without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await json(
        asStaff(
          rt.app,
          tokens.dispatcher as string,
          `/api/v1/cases?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        ),
      );
      seen.push(...page.items.map((i: { trackingCode: string }) => i.trackingCode));
      cursor = page.cursor;
    } while (cursor && seen.length < 20);
    const all = await json(asStaff(rt.app, tokens.dispatcher as string, '/api/v1/cases?limit=200'));
    expect(seen.sort()).toEqual(all.items.map((i: { trackingCode: string }) => i.trackingCode).sort());
    expect((await asStaff(rt.app, tokens.dispatcher as string, '/api/v1/cases?cursor=garbage')).status).toBe(
      400,
    );
  });
});
