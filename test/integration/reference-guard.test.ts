/**
 * Reference data is checked against what uses it: an office with open cases or staff, or a category
 * open cases carry, cannot be removed; what an admin replaces can be read back; a calendar date is a
 * holiday or a make-up day, not both; prototype keys are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

type Catalog = {
  version?: number;
  offices: { id: string }[];
  areas: { code: string; officeId: string }[];
  routingRules: { area: string; category?: string; officeId: string }[];
  categories: { code: string }[];
  deadlines?: unknown;
  replyTemplates?: { category?: string }[];
};

describe('reference data in use', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let admin = '';
  beforeAll(async () => {
    rt = await testRuntime();
    admin = await login(rt.app, 'admin');
    await postJson(rt.app, '/api/v1/complaints', validComplaint()); // 龙水镇 → OFFICE_LONGSHUI, HOMEWORK_OVERLOAD
    await rt.runner?.settle();
  });
  afterAll(() => rt.close());

  const put = (path: string, body: unknown) =>
    asStaff(rt.app, admin, path, {
      method: 'PUT',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const current = async (): Promise<Catalog> => {
    const { version: _v, ...rest } = await json(asStaff(rt.app, admin, '/api/v1/admin/catalog'));
    return rest;
  };

  it('reads back the full catalog, routing rules and deadlines included, and takes it back unchanged', async () => {
    const read = await asStaff(rt.app, admin, '/api/v1/admin/catalog');
    const body = await json(read);
    expect(read.status).toBe(200);
    expect(body.routingRules.length).toBeGreaterThan(0);
    expect(body.deadlines.policy.handlingDays).toBe(15);
    const { version: _v, ...rest } = body;
    expect((await put('/api/v1/admin/catalog', rest)).status).toBe(200);
    expect((await rt.app.request('/api/v1/admin/catalog')).status).toBe(401);
  });

  it('refuses removing an office that has open cases and staff', async () => {
    // Arrange: OFFICE_LONGSHUI removed, its areas and rules pointed elsewhere (no dangling references)
    const c = await current();
    const moved = (id: string) => (id === 'OFFICE_LONGSHUI' ? 'OFFICE_CITY' : id);
    const next = {
      ...c,
      offices: c.offices.filter((o) => o.id !== 'OFFICE_LONGSHUI'),
      areas: c.areas.map((a) => ({ ...a, officeId: moved(a.officeId) })),
      routingRules: c.routingRules.map((r) => ({ ...r, officeId: moved(r.officeId) })),
    };
    // Act
    const res = await put('/api/v1/admin/catalog', next);
    // Assert
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.error.code).toBe('REFERENCE_IN_USE');
    expect(body.error.fields[0].message).toContain('OFFICE_LONGSHUI');
  });

  it('refuses removing a category open cases use, accepts removing an unused one', async () => {
    const c = await current();
    const without = (code: string) => ({
      ...c,
      categories: c.categories.filter((x) => x.code !== code),
      routingRules: c.routingRules.filter((r) => r.category !== code),
      ...(c.replyTemplates ? { replyTemplates: c.replyTemplates.filter((t) => t.category !== code) } : {}),
    });
    const used = await put('/api/v1/admin/catalog', without('HOMEWORK_OVERLOAD'));
    const unused = await put('/api/v1/admin/catalog', without('AHEAD_OF_SYLLABUS'));
    expect(used.status).toBe(409);
    expect((await json(used)).error.fields[0].path).toBe('categories');
    expect(unused.status).toBe(200);
  });

  it('refuses __proto__ and other non-category keys in per-category deadlines', async () => {
    // Arrange: the stored catalog (read through the service, so the body is valid but for the key).
    const { version: _v, ...c } = await rt.deps.catalog.get();
    const valid = await put('/api/v1/admin/catalog', { ...c, deadlines: { ...c.deadlines, byCategory: {} } });
    const body = JSON.stringify({ ...c, deadlines: { ...c.deadlines, byCategory: {} } }).replace(
      '"byCategory":{}',
      '"byCategory":{"__proto__":{"handlingDays":1}}',
    );
    // Act
    const res = await put('/api/v1/admin/catalog', body);
    // Assert: the same catalog without the key is accepted; with it, 400 naming the key.
    expect(valid.status).toBe(200);
    expect(res.status).toBe(400);
    const fields: { path: string }[] = (await json(res)).error.fields;
    expect(fields.some((f) => f.path.startsWith('deadlines.byCategory'))).toBe(true);
  });

  it('reads the calendar years back and refuses a date that is both holiday and make-up day', async () => {
    // Arrange
    const year = {
      year: 2027,
      holidays: [{ date: '2027-10-01', name: '国庆节', nameEn: 'National Day' }],
      makeupWorkdays: [{ date: '2027-10-01', name: '国庆节调休', nameEn: 'National Day make-up' }],
      source: '国务院办公厅通知',
    };
    // Act
    const both = await put('/api/v1/admin/calendar/2027', year);
    const ok = await put('/api/v1/admin/calendar/2027', {
      ...year,
      makeupWorkdays: [{ date: '2027-09-26', name: '国庆节调休', nameEn: 'National Day make-up' }],
    });
    const read = await json(asStaff(rt.app, admin, '/api/v1/admin/calendar'));
    // Assert
    expect(both.status).toBe(400);
    expect((await json(both)).error.fields[0].path).toBe('makeupWorkdays.0.date');
    expect(ok.status).toBe(200);
    const y2027 = read.years.find((y: { year: number }) => y.year === 2027);
    expect(y2027.makeupWorkdays).toEqual([
      { date: '2027-09-26', name: '国庆节调休', nameEn: 'National Day make-up' },
    ]);
    expect(read.years.map((y: { year: number }) => y.year)).toContain(2026);
  });
});
