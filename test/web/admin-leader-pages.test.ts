/**
 * Leader overview and admin pages through app.request(): who may open them, forms with JavaScript off
 * (POST → 303 → GET), errors next to the field in the reader's language, and reference changes that
 * show their effect before they are saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarYears } from '../../functions/services/reference-changes.js';
import { formPost, type PageResult, pageGet } from '../support/pages.js';
import { postJson, testRuntime, validComplaint } from '../support/runtime.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;

/** Signs in through the login page and returns the browser state (cookies) to carry on with. */
async function signIn(username: string, lang = 'zh-CN', app = rt.app): Promise<PageResult> {
  const form = await pageGet(app, '/staff/login', { 'accept-language': lang });
  const done = await formPost(app, '/staff/login', form, { username, password: 'duban-demo' });
  expect(done.status).toBe(303);
  return done;
}
const get = (who: PageResult, path: string, lang = 'zh-CN') =>
  pageGet(rt.app, path, { cookie: who.cookies, 'accept-language': lang });

beforeAll(async () => {
  rt = await testRuntime();
  for (const name of ['龙水一小', '龙水二小']) {
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

describe('who may open the pages', () => {
  const pages = [
    '/staff/overview',
    '/staff/admin/accounts',
    '/staff/admin/reference',
    '/staff/admin/reference/routing',
  ];

  it('sends an anonymous reader to the login page, coming back afterwards', async () => {
    // Act
    const res = await Promise.all(pages.map((p) => pageGet(rt.app, p)));
    // Assert
    for (const [i, r] of res.entries()) {
      expect(r.status).toBe(303);
      expect(r.location).toBe(`/staff/login?next=${encodeURIComponent(pages[i] as string)}`);
    }
  });

  it.each([
    ['leader', [200, 404, 404, 404]],
    ['dispatcher', [200, 404, 404, 404]],
    ['admin', [404, 200, 200, 200]],
    ['inspector-a', [404, 404, 404, 404]],
    ['operator', [404, 404, 404, 404]],
  ])('%s gets %j', async (username, expected) => {
    // Arrange
    const who = await signIn(username);
    // Act
    const statuses = await Promise.all(pages.map(async (p) => (await get(who, p)).status));
    // Assert
    expect(statuses).toEqual(expected);
  });
});

describe('leader overview page', () => {
  it('shows the figures with links into the filtered case lists', async () => {
    // Arrange
    const leader = await signIn('leader');
    // Act
    const page = await get(leader, '/staff/overview');
    const en = await get(leader, '/staff/overview', 'en');
    // Assert
    expect(page.html).toContain('督办总览');
    expect(page.html).toContain('龙水片区督导室');
    expect(page.html).toContain('href="/staff/search?office=OFFICE_LONGSHUI"');
    expect(page.html).toContain('href="/staff/search?category=HOMEWORK_OVERLOAD"');
    expect(page.html).toContain('href="/staff?queue=escalated"');
    expect(en.html).toContain('Longshui area inspection office');
    expect(en.html).toContain('By category');
  });

  it('says so when there is nothing to list, instead of empty tables', async () => {
    // Arrange: a district with no case yet
    const empty = await testRuntime();
    try {
      const leader = await signIn('leader', 'zh-CN', empty.app);
      // Act
      const page = await pageGet(empty.app, '/staff/overview', { cookie: leader.cookies });
      // Assert: one line under each table (by office, by category)
      expect(page.html.split('暂无在办、本月到期或本月问责的案件')).toHaveLength(3);
    } finally {
      await empty.close();
    }
  });

  it('offers phone intake only to roles that may file hotline complaints', async () => {
    // Act
    const leaderPage = await get(await signIn('leader'), '/staff/overview');
    const dispatcherPage = await get(await signIn('dispatcher'), '/staff/overview');
    // Assert
    expect(leaderPage.html).not.toContain('href="/staff/intake"');
    expect(dispatcherPage.html).toContain('href="/staff/intake"');
  });
});

describe('admin accounts page', () => {
  it('creates an account with JavaScript off and lists it', async () => {
    // Arrange
    const admin = await signIn('admin');
    const form = await get(admin, '/staff/admin/accounts');
    // Act
    const created = await formPost(rt.app, '/staff/admin/accounts', form, {
      username: 'li-duban',
      displayName: '李督导',
      role: 'inspector',
      officeId: 'OFFICE_SANQU',
      password: 'initial-password-1',
    });
    const list = await get(admin, created.location ?? '');
    // Assert
    expect(created.status).toBe(303);
    expect(list.html).toContain('已创建账号 li-duban。');
    expect(list.html).toContain('李督导');
    expect(list.html).toContain('三驱片区督导室');
  });

  it('puts errors next to the fields in the reader’s language and keeps what was typed', async () => {
    // Arrange
    const admin = await signIn('admin', 'en');
    const form = await get(admin, '/staff/admin/accounts', 'en');
    // Act
    const res = await formPost(
      rt.app,
      '/staff/admin/accounts',
      form,
      { username: 'Bad Name', displayName: '王', role: 'inspector', officeId: '', password: 'short' },
      { 'accept-language': 'en' },
    );
    const noOffice = await formPost(
      rt.app,
      '/staff/admin/accounts',
      form,
      { username: 'wang', displayName: '王', role: 'inspector', officeId: '', password: 'long-enough-1' },
      { 'accept-language': 'en' },
    );
    // Assert
    expect(res.status).toBe(400);
    expect(res.html).toContain('There is a problem');
    expect(res.html).toContain('Username is not in the right format');
    expect(res.html).toContain('Initial password must be at least 10 characters');
    expect(res.html).toContain('value="Bad Name"');
    expect(noOffice.status).toBe(400);
    expect(noOffice.html).toMatch(/id="f-officeId-error"/);
  });

  it('changes role and office, resets a password and disables an account', async () => {
    // Arrange
    const admin = await signIn('admin');
    const edit = await get(admin, '/staff/admin/accounts/inspector-b');
    // Act
    const saved = await formPost(rt.app, '/staff/admin/accounts/inspector-b', edit, {
      displayName: '邮亭督导',
      role: 'inspector',
      officeId: 'OFFICE_CITY',
    });
    const reset = await formPost(rt.app, '/staff/admin/accounts/inspector-b/password', edit, {
      password: 'brand-new-password-2',
    });
    const disabled = await formPost(rt.app, '/staff/admin/accounts/inspector-b/disable', edit, {});
    const list = await get(admin, disabled.location ?? '');
    const account = await rt.deps.identity.directory.get('inspector-b');
    // Assert
    expect([saved.status, reset.status, disabled.status]).toEqual([303, 303, 303]);
    expect(account).toMatchObject({ displayName: '邮亭督导', officeId: 'OFFICE_CITY', disabled: true });
    expect(list.html).toContain('已停用账号 inspector-b');
  });

  it('unlocks an account that failed sign-ins locked, from its page', async () => {
    // Arrange: five wrong passwords from one address lock the account for that address
    const admin = await signIn('admin');
    for (let i = 0; i < 5; i++)
      await postJson(rt.app, '/api/v1/auth/login', { username: 'operator', password: 'wrong-password' });
    const locked = await postJson(rt.app, '/api/v1/auth/login', {
      username: 'operator',
      password: 'duban-demo',
    });
    const edit = await get(admin, '/staff/admin/accounts/operator');
    // Act
    const unlocked = await formPost(rt.app, '/staff/admin/accounts/operator/unlock', edit, {});
    const list = await get(admin, unlocked.location ?? '');
    const after = await postJson(rt.app, '/api/v1/auth/login', {
      username: 'operator',
      password: 'duban-demo',
    });
    // Assert
    expect(locked.status).toBe(429);
    expect(edit.html).toContain('/staff/admin/accounts/operator/unlock');
    expect(unlocked.status).toBe(303);
    expect(list.html).toContain('已解除 operator 的登录锁定');
    expect(after.status).toBe(200);
  });

  it('answers an unknown account with 404', async () => {
    // Act
    const page = await get(await signIn('admin'), '/staff/admin/accounts/nobody');
    // Assert
    expect(page.status).toBe(404);
  });
});

describe('admin reference pages', () => {
  it('shows every part of the reference data', async () => {
    // Arrange
    const admin = await signIn('admin');
    // Act
    const pages = await Promise.all(
      ['categories', 'areas', 'offices', 'routing', 'deadlines', 'calendar'].map((s) =>
        get(admin, `/staff/admin/reference/${s}`),
      ),
    );
    // Assert
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(pages[0]?.html).toContain('HOMEWORK_OVERLOAD');
    expect(pages[1]?.html).toContain('龙水镇');
    expect(pages[2]?.html).toContain('区“双减”工作督查组');
    expect(pages[3]?.html).toContain('全部类别');
    expect(pages[4]?.html).toContain('value="15"');
    expect(pages[5]?.html).toContain('2026-10-01 国庆节 National Day');
  });

  it('previews a routing change, saves nothing until confirmed, then applies it', async () => {
    // Arrange: rule 3 is Longshui → Longshui office (all categories).
    const admin = await signIn('admin');
    const edit = await get(admin, '/staff/admin/reference/routing/edit?key=3');
    // Act
    const preview = await formPost(rt.app, '/staff/admin/reference/routing/preview', edit, {
      _key: '3',
      area: 'LONGSHUI',
      category: '',
      office: 'OFFICE_CITY',
    });
    const unchanged = (await rt.deps.catalog.get()).version;
    const hidden = Object.fromEntries(
      [...preview.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
        .filter((m) => m[1] !== '_csrf')
        .map((m) => [m[1] as string, m[2] as string]),
    );
    const confirmed = await formPost(rt.app, '/staff/admin/reference/routing/confirm', preview, hidden);
    const after = await rt.deps.catalog.get();
    // Assert
    expect(edit.html).toContain('selected');
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('变更影响预览');
    expect(preview.html).toContain(
      '龙水镇（LONGSHUI）全部类别的新案件分派由 龙水片区督导室 改为 城区片区督导室（在办案件不变）',
    );
    expect(unchanged).toBe(1);
    expect(confirmed.status).toBe(303);
    expect(after.version).toBe(2);
    expect(after.routingRules[3]).toEqual({ area: 'LONGSHUI', officeId: 'OFFICE_CITY' });
  });

  it('names the bad field of a category and of the deadline policy, keeping what was typed', async () => {
    // Arrange
    const admin = await signIn('admin');
    const edit = await get(admin, '/staff/admin/reference/categories/edit?key=HOMEWORK_OVERLOAD');
    const deadlines = await get(admin, '/staff/admin/reference/deadlines');
    // Act
    const badCategory = await formPost(rt.app, '/staff/admin/reference/categories/preview', edit, {
      _key: 'HOMEWORK_OVERLOAD',
      code: 'homework',
      name: '',
      nameEn: 'Homework',
      urgentByDefault: 'no',
      rule: '规则',
      ruleEn: 'Rule',
      sources: '',
      coHandlingName: '',
      coHandlingNameEn: '',
    });
    const badDays = await formPost(rt.app, '/staff/admin/reference/deadlines/preview', deadlines, {
      handlingDays: '0',
      urgentHandlingDays: '3',
      returnWindowDays: '2',
      maxExtensionDays: '15',
      maxExtensions: '1',
      urge: '3',
      supervise: 'x',
    });
    // Assert
    expect(badCategory.status).toBe(400);
    expect(badCategory.html).toContain('“代码”的格式不正确');
    expect(badCategory.html).toContain('value="homework"');
    expect(badDays.status).toBe(400);
    expect(badDays.html).toContain('“办理时限（工作日）”超出允许的范围');
    expect(badDays.html).toContain('督办期限（工作日）');
  });

  it('shows what removing an office in use would break, naming the entries', async () => {
    // Arrange
    const admin = await signIn('admin');
    const edit = await get(admin, '/staff/admin/reference/offices/edit?key=OFFICE_YOUTING');
    // Act
    const res = await formPost(rt.app, '/staff/admin/reference/offices/preview', edit, {
      _key: 'OFFICE_YOUTING',
      _remove: '1',
      id: 'OFFICE_YOUTING',
      name: '邮亭片区督导室',
      nameEn: 'Youting area inspection office',
    });
    // Assert
    expect(res.status).toBe(400);
    expect(res.html).toContain('请从列表中选择“区域（乡镇街道） · YOUTING · 默认督导室”');
    expect(res.html).toContain('请从列表中选择“分派规则 · 邮亭镇 · 承办督导室”');
  });

  it('previews a new holiday year and saves it on confirmation; a bad date names its line', async () => {
    // Arrange
    const admin = await signIn('admin');
    const form = await get(admin, '/staff/admin/reference/calendar');
    const year = {
      year: '2027',
      holidays: '2027-10-01 国庆节 National Day\n2027-10-02 国庆节 National Day',
      makeupWorkdays: '2027-09-26 国庆节 National Day',
      source: '国办发明电〔2026〕1号',
    };
    // Act
    const bad = await formPost(rt.app, '/staff/admin/reference/calendar/preview', form, {
      ...year,
      holidays: '2027-10-01 国庆节 National Day\n2026-13-02 国庆节 National Day',
    });
    const preview = await formPost(rt.app, '/staff/admin/reference/calendar/preview', form, year);
    const base = preview.html.match(/name="base" value="([^"]+)"/)?.[1] ?? '';
    const confirmed = await formPost(rt.app, '/staff/admin/reference/calendar/confirm', preview, {
      ...year,
      base,
    });
    // Assert
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('放假日期 第 2 行');
    expect(preview.html).toContain('新增 2027 年的节假日数据');
    expect(confirmed.status).toBe(303);
    expect((await calendarYears(rt.store)).find((y) => y.year === 2027)?.makeupWorkdays).toEqual([
      { date: '2027-09-26', name: '国庆节', nameEn: 'National Day' },
    ]);
  });
});
