/**
 * Reference-data changes show what they affect before they are saved: open cases per category, office
 * and area, routing before → after (with the area's default office as the fallback), deadlines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../functions/domain/reference/catalog.js';
import { confirmCatalog } from '../../functions/services/reference-changes.js';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let admin: string;
const { version: _v, ...catalog } = seedCatalog;

const post = (path: string, body: unknown, token = admin) =>
  asStaff(rt.app, token, path, { method: 'POST', body: JSON.stringify(body) });
const kinds = (effects: { kind: string }[]) => effects.map((e) => e.kind);

beforeAll(async () => {
  rt = await testRuntime();
  admin = await login(rt.app, 'admin');
  for (const name of ['龙水一小', '龙水二小', '龙水三小']) {
    const res = await postJson(rt.app, '/api/v1/complaints', {
      ...validComplaint(),
      subject: { kind: 'school', name },
    });
    expect(res.status).toBe(201);
  }
  await rt.runner?.settle();
});
afterAll(async () => {
  await rt?.close();
});

describe('reference data preview', () => {
  it('names the open cases a category and deadline change touch, and saves nothing', async () => {
    // Arrange
    const changed = {
      ...catalog,
      categories: catalog.categories.map((c) =>
        c.code === 'HOMEWORK_OVERLOAD' ? { ...c, name: '作业超量' } : c,
      ),
      deadlines: { ...catalog.deadlines, byCategory: { HOMEWORK_OVERLOAD: { handlingDays: 10 } } },
    };
    // Act
    const res = await post('/api/v1/admin/catalog/preview', changed);
    const body = await json(res);
    const after = await json(rt.app.request('/api/v1/catalog'));
    // Assert
    expect(res.status).toBe(200);
    expect(body.baseVersion).toBe(1);
    expect(body.effects).toEqual([
      expect.objectContaining({ kind: 'category_changed', openCases: 3 }),
      expect.objectContaining({
        kind: 'deadline_changed',
        openCases: 3,
        messageEn:
          'HOMEWORK_OVERLOAD handlingDays: 15 → 10 working days (3 open cases keep their current deadlines)',
      }),
    ]);
    expect(after.version).toBe(1);
  });

  it("shows routing before → after; with no rule the area's default office takes over", async () => {
    // Arrange: drop Longshui's rule and make Youting's office its default.
    const changed = {
      ...catalog,
      areas: catalog.areas.map((a) => (a.code === 'LONGSHUI' ? { ...a, officeId: 'OFFICE_YOUTING' } : a)),
      routingRules: catalog.routingRules.filter((r) => r.area !== 'LONGSHUI'),
    };
    // Act
    const body = await json(post('/api/v1/admin/catalog/preview', changed));
    // Assert
    expect(kinds(body.effects)).toEqual(['area_changed', 'routing_changed']);
    expect(body.effects[0].openCases).toBe(3);
    expect(body.effects[1].message).toBe(
      '龙水镇（LONGSHUI）全部类别的新案件分派由 龙水片区督导室 改为 邮亭片区督导室（在办案件不变）',
    );
  });

  it('counts the open cases of a removed office and refuses dangling references by field', async () => {
    // Act
    const removed = await post('/api/v1/admin/catalog/preview', {
      ...catalog,
      offices: catalog.offices.filter((o) => o.id !== 'OFFICE_LONGSHUI'),
      areas: catalog.areas.map((a) =>
        a.officeId === 'OFFICE_LONGSHUI' ? { ...a, officeId: 'OFFICE_CITY' } : a,
      ),
      routingRules: catalog.routingRules.filter((r) => r.officeId !== 'OFFICE_LONGSHUI'),
    });
    const dangling = await post('/api/v1/admin/catalog/preview', {
      ...catalog,
      offices: catalog.offices.filter((o) => o.id !== 'OFFICE_LONGSHUI'),
    });
    // Assert
    expect((await json(removed)).effects).toContainEqual(
      expect.objectContaining({ kind: 'office_removed', openCases: 3 }),
    );
    expect(dangling.status).toBe(400);
    expect((await json(dangling)).error.fields.map((f: { path: string }) => f.path)).toContain(
      'areas.3.officeId',
    );
  });

  it('confirming refuses a catalog saved by someone else since the preview', async () => {
    // Arrange
    const preview = await json(post('/api/v1/admin/catalog/preview', catalog));
    await asStaff(rt.app, admin, '/api/v1/admin/catalog', { method: 'PUT', body: JSON.stringify(catalog) });
    // Act
    const stale = confirmCatalog(rt.deps, catalog, preview.baseVersion);
    // Assert
    await expect(stale).rejects.toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
  });

  it('previews a holiday year: dates added and removed, open cases due that year', async () => {
    // Act
    const body = await json(
      post('/api/v1/admin/calendar/2026/preview', {
        year: 2026,
        holidays: [{ date: '2026-10-01', name: '国庆节', nameEn: 'National Day' }],
        makeupWorkdays: [{ date: '2026-12-26', name: '国庆节', nameEn: 'National Day' }],
        source: 'test',
      }),
    );
    // Assert
    expect(body.newYear).toBe(false);
    expect(body.holidays.added).toEqual([]);
    expect(body.holidays.removed).toContain('2026-01-01');
    expect(body.makeupWorkdays.added).toEqual(['2026-12-26']);
    expect(body.openCasesDueThatYear).toBe(3);
  });

  it('is for admins only', async () => {
    // Act
    const res = await post('/api/v1/admin/catalog/preview', catalog, await login(rt.app, 'dispatcher'));
    // Assert
    expect(res.status).toBe(403);
  });
});
