/**
 * Reference data an admin changes without a deploy: the catalog (routing, deadline policy) and the
 * holiday calendar, each taking effect on the next case routed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../functions/domain/reference/catalog.js';
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { drivenClock } from '../support/driven-clock.js';
import { asStaff, json, login, postJson, validComplaint } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof startRuntime>>;
const runtimes: Rt[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.close()));
});

async function setup(start: string) {
  const time = drivenClock(new Date(start));
  const rt = await startRuntime({
    clock: time.clock,
    workflowWait: time.wait,
    logger: silentLogger,
    intakeRateLimit: 0,
  });
  runtimes.push(rt);
  return { rt, admin: await login(rt.app, 'admin') };
}

async function routedCase(rt: Rt) {
  const { trackingCode } = await json(postJson(rt.app, '/api/v1/complaints', validComplaint()));
  await rt.runner?.settle();
  return rt.store.getCase(trackingCode.replace('-', ''));
}

const put = (rt: Rt, token: string, path: string, body: unknown) =>
  asStaff(rt.app, token, path, { method: 'PUT', body: JSON.stringify(body) });

describe('admin reference data', () => {
  it('a per-category deadline and a routing change apply to the next case', async () => {
    // Arrange
    const { rt, admin } = await setup('2026-03-02T02:00:00Z');
    const { version: _v, ...catalog } = seedCatalog;
    const changed = {
      ...catalog,
      routingRules: [{ area: 'LONGSHUI', officeId: 'OFFICE_CITY' }, ...catalog.routingRules],
      deadlines: { ...catalog.deadlines, byCategory: { HOMEWORK_OVERLOAD: { handlingDays: 10 } } },
    };
    // Act
    const res = await put(rt, admin, '/api/v1/admin/catalog', changed);
    const c = await routedCase(rt);
    // Assert: Mon 03-02 + 10 working days = Mon 03-16.
    expect(await json(res)).toEqual({ version: 2 });
    expect(c?.officeId).toBe('OFFICE_CITY');
    expect(c?.deadline).toBe('2026-03-16T15:59:59.999Z');
  });

  it('refuses a catalog with dangling references, naming them; only admins may change it', async () => {
    const { rt, admin } = await setup('2026-03-02T02:00:00Z');
    const { version: _v, ...catalog } = seedCatalog;
    const broken = { ...catalog, routingRules: [{ area: 'NOWHERE', officeId: 'OFFICE_MOON' }] };
    const res = await put(rt, admin, '/api/v1/admin/catalog', broken);
    const asDispatcher = await put(rt, await login(rt.app, 'dispatcher'), '/api/v1/admin/catalog', catalog);
    expect(res.status).toBe(400);
    expect((await json(res)).error.fields.map((f: { path: string }) => f.path)).toEqual([
      'routingRules.0.area',
      'routingRules.0.officeId',
    ]);
    expect(asDispatcher.status).toBe(403);
  });

  it('a year of holidays added by an admin replaces the Monday–Friday fallback', async () => {
    // Arrange: Thu 2027-09-30; without 2027 data the deadline counts Mon–Fri and warns.
    const { rt, admin } = await setup('2027-09-30T02:00:00Z');
    const before = await routedCase(rt);
    // Act: 国庆节 2027-10-01..07 as holidays.
    const days = Array.from({ length: 7 }, (_, i) => ({
      date: `2027-10-0${i + 1}`,
      name: '国庆节',
      nameEn: 'National Day',
    }));
    const res = await put(rt, admin, '/api/v1/admin/calendar/2027', {
      year: 2027,
      holidays: days,
      makeupWorkdays: [],
      source: 'test data',
    });
    const after = await routedCase(rt);
    // Assert
    expect(await json(res)).toEqual({ years: [2025, 2026, 2027] });
    expect(before?.events.map((e) => e.type)).toContain('calendar_fallback');
    expect(after?.events.map((e) => e.type)).not.toContain('calendar_fallback');
    expect(Date.parse(after?.deadline ?? '')).toBeGreaterThan(Date.parse(before?.deadline ?? ''));
  });

  it('rejects holiday dates outside the year in the path', async () => {
    const { rt, admin } = await setup('2026-03-02T02:00:00Z');
    const res = await put(rt, admin, '/api/v1/admin/calendar/2027', {
      year: 2027,
      holidays: [{ date: '2026-10-01', name: '国庆节', nameEn: 'National Day' }],
      makeupWorkdays: [],
      source: 'x',
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.fields[0].path).toBe('holidays.0.date');
  });
});
