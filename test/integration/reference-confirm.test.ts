/**
 * Issue 11: confirming reference data is conditional on the version the admin saw. Two admins
 * confirming different edits at once: one is saved, the other gets 409 with a clear message, and no
 * change is silently lost (the write used to be unconditional).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarYears } from '../../functions/services/reference-changes.js';
import { formPost, type PageResult, pageGet } from '../support/pages.js';
import { asStaff, json, login, testRuntime } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

async function secondAdmin(rt: Rt) {
  const admin = await login(rt.app, 'admin');
  await asStaff(rt.app, admin, '/api/v1/admin/accounts', {
    method: 'POST',
    body: JSON.stringify({ username: 'admin2', role: 'admin', password: 'duban-demo' }),
  });
  return { admin, admin2: await login(rt.app, 'admin2') };
}

async function signIn(rt: Rt, username: string): Promise<PageResult> {
  const form = await pageGet(rt.app, '/staff/login');
  const done = await formPost(rt.app, '/staff/login', form, { username, password: 'duban-demo' });
  return { ...done, csrf: form.csrf };
}

/** The hidden fields of a preview page (what its confirm button posts). */
const hiddenFields = (page: PageResult) =>
  Object.fromEntries(
    [...page.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
      .filter((m) => m[1] !== '_csrf')
      .map((m) => [m[1] as string, m[2] as string]),
  );

describe('reference data confirm is conditional on the version seen', () => {
  let rt: Rt;
  beforeEach(async () => {
    rt = await testRuntime({ workflow: { startCaseWorkflow: async () => {} } });
  });
  afterEach(() => rt.close());

  it('API: two admins replacing the catalog from the same version at once: one 200, one 409, nothing lost', async () => {
    // Arrange
    const { admin, admin2 } = await secondAdmin(rt);
    const read = await json(asStaff(rt.app, admin, '/api/v1/admin/catalog'));
    const { version, ...catalog } = read;
    const edit = (suffix: string) => ({
      ...catalog,
      offices: catalog.offices.map((o: { id: string; name: string }) =>
        o.id === 'OFFICE_CITY' ? { ...o, name: `${o.name}${suffix}` } : o,
      ),
    });
    const put = (token: string, body: unknown) =>
      asStaff(rt.app, token, '/api/v1/admin/catalog', {
        method: 'PUT',
        headers: { 'if-match': String(version) },
        body: JSON.stringify(body),
      });
    // Act
    const [a, b] = await Promise.all([put(admin, edit('（甲）')), put(admin2, edit('（乙）'))]);
    const after = await json(asStaff(rt.app, admin, '/api/v1/admin/catalog'));
    const late = await put(admin, edit('（丙）'));
    // Assert
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const error = (await json(loser)).error;
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(error.message).toMatch(/changed since you read it/);
    expect(after.version).toBe(version + 1);
    const winnerSuffix = a.status === 200 ? '（甲）' : '（乙）';
    expect(after.offices.find((o: { id: string }) => o.id === 'OFFICE_CITY').name).toMatch(winnerSuffix);
    expect(late.status).toBe(409);
  });

  it('pages: two admins confirm different routing edits previewed from the same version: one saved, one told to preview again', async () => {
    // Arrange: both preview a change to rule 3 (Longshui) from version 1.
    await secondAdmin(rt);
    const [one, two] = await Promise.all([signIn(rt, 'admin'), signIn(rt, 'admin2')]);
    const preview = async (who: PageResult, office: string) => {
      const edit = await pageGet(rt.app, '/staff/admin/reference/routing/edit?key=3', {
        cookie: who.cookies,
      });
      return formPost(rt.app, '/staff/admin/reference/routing/preview', edit, {
        _key: '3',
        area: 'LONGSHUI',
        category: '',
        office,
      });
    };
    const [p1, p2] = await Promise.all([preview(one, 'OFFICE_CITY'), preview(two, 'OFFICE_YOUTING')]);
    // Act
    const [c1, c2] = await Promise.all([
      formPost(rt.app, '/staff/admin/reference/routing/confirm', p1, hiddenFields(p1)),
      formPost(rt.app, '/staff/admin/reference/routing/confirm', p2, hiddenFields(p2)),
    ]);
    rt.deps.catalog.invalidate();
    const after = await rt.deps.catalog.get();
    // Assert
    expect([c1.status, c2.status].sort()).toEqual([303, 409]);
    const [winner, loser] = c1.status === 303 ? ['OFFICE_CITY', c2] : ['OFFICE_YOUTING', c1];
    expect(loser.html).toContain('基础数据在预览之后被他人修改，请重新预览。');
    expect(after.version).toBe(2);
    expect(after.routingRules[3]).toEqual({ area: 'LONGSHUI', officeId: winner });
  });

  it('calendar: two admins saving different years at once both keep their year (no lost update)', async () => {
    // Arrange
    const { admin, admin2 } = await secondAdmin(rt);
    const year = (y: number) => ({
      year: y,
      holidays: [{ date: `${y}-10-01`, name: '国庆节', nameEn: 'National Day' }],
      makeupWorkdays: [],
      source: '国办发明电',
    });
    const put = async (token: string, y: number): Promise<Response> =>
      asStaff(rt.app, token, `/api/v1/admin/calendar/${y}`, { method: 'PUT', body: JSON.stringify(year(y)) });
    // Act
    const statuses = await Promise.all([
      put(admin, 2027).then((r) => r.status),
      put(admin2, 2028).then((r) => r.status),
      put(admin, 2029).then((r) => r.status),
      put(admin2, 2030).then((r) => r.status),
    ]);
    // Assert
    expect(statuses).toEqual([200, 200, 200, 200]);
    const years = (await calendarYears(rt.store)).map((y) => y.year);
    expect(years).toEqual(expect.arrayContaining([2027, 2028, 2029, 2030]));
  });

  it('calendar API with If-Match: two admins saving the same year from the same revision: one 200, one 409', async () => {
    // Arrange
    const { admin, admin2 } = await secondAdmin(rt);
    const read = await asStaff(rt.app, admin, '/api/v1/admin/calendar');
    const { revision } = await json(read.clone());
    const edit = (name: string) => ({
      year: 2027,
      holidays: [{ date: '2027-10-01', name, nameEn: 'National Day' }],
      makeupWorkdays: [],
      source: '国办发明电',
    });
    const put = (token: string, name: string, base: number) =>
      asStaff(rt.app, token, '/api/v1/admin/calendar/2027', {
        method: 'PUT',
        headers: { 'if-match': `"${base}"` },
        body: JSON.stringify(edit(name)),
      });
    // Act
    const [r1, r2] = await Promise.all([put(admin, '国庆节甲', revision), put(admin2, '国庆节乙', revision)]);
    const stale = await put(admin, '国庆节丙', revision);
    // Assert
    expect(read.headers.get('etag')).toBe(`"${revision}"`);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const loser = r1.status === 409 ? r1 : r2;
    expect((await json(loser)).error.code).toBe('VERSION_CONFLICT');
    expect(stale.status).toBe(409);
    const saved = (await calendarYears(rt.store)).find((y) => y.year === 2027);
    expect(saved?.holidays[0]?.name).toBe(r1.status === 200 ? '国庆节甲' : '国庆节乙');
    const after = await json(asStaff(rt.app, admin, '/api/v1/admin/calendar'));
    expect(after.revision).toBe(revision + 1);
  });

  it('calendar page: two admins confirming different edits of the same year: one saved, one 409', async () => {
    // Arrange
    await secondAdmin(rt);
    const [one, two] = await Promise.all([signIn(rt, 'admin'), signIn(rt, 'admin2')]);
    const fields = (name: string) => ({
      year: '2027',
      holidays: `2027-10-01 ${name} National Day`,
      makeupWorkdays: '',
      source: '国办发明电〔2026〕1号',
    });
    const preview = async (who: PageResult, name: string) => {
      const form = await pageGet(rt.app, '/staff/admin/reference/calendar', { cookie: who.cookies });
      return formPost(rt.app, '/staff/admin/reference/calendar/preview', form, fields(name));
    };
    const [p1, p2] = await Promise.all([preview(one, '国庆节'), preview(two, '国庆')]);
    // Act
    const [c1, c2] = await Promise.all([
      formPost(rt.app, '/staff/admin/reference/calendar/confirm', p1, hiddenFields(p1)),
      formPost(rt.app, '/staff/admin/reference/calendar/confirm', p2, hiddenFields(p2)),
    ]);
    // Assert
    expect([c1.status, c2.status].sort()).toEqual([303, 409]);
    const winner = c1.status === 303 ? '国庆节' : '国庆';
    const saved = (await calendarYears(rt.store)).find((y) => y.year === 2027);
    expect(saved?.holidays[0]?.name).toBe(winner);
  });
});
