import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formPost, pageGet } from '../support/pages.js';
import { testRuntime } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

async function signIn(rt: Rt, username: string, password = 'duban-demo', next?: string) {
  const form = await pageGet(rt.app, next ? `/staff/login?next=${encodeURIComponent(next)}` : '/staff/login');
  return formPost(rt.app, next ? `/staff/login?next=${encodeURIComponent(next)}` : '/staff/login', form, {
    username,
    password,
  });
}

const call = {
  category: 'TEACHER_PAID_TUTORING',
  area: 'LONGGANG',
  'subject.kind': 'teacher',
  'subject.name': '大足区实验中学 李老师',
  description: '李老师周末在家里给本班学生有偿补课，每次两小时收费两百元。',
  occurredOn: '',
  grade: '8',
  anonymous: 'no',
  'reporter.name': '',
  'reporter.phone': '023-43721234',
  'reporter.email': '',
};

describe('staff login, logout and phone intake (page tests through app.request)', () => {
  let rt: Rt;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it('sends an anonymous visitor of a staff page to the login page and back afterwards', async () => {
    // Act
    const page = await pageGet(rt.app, '/staff/intake');
    const signedIn = await signIn(rt, 'operator', 'duban-demo', '/staff/intake');
    // Assert
    expect(page.status).toBe(303);
    expect(page.location).toBe('/staff/login?next=%2Fstaff%2Fintake');
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/staff/intake');
    expect(signedIn.cookies).toMatch(/duban_session=/);
  });

  it('never follows a login "next" off the staff pages', async () => {
    // Act
    const signedIn = await signIn(rt, 'operator', 'duban-demo', '//evil.example/');
    // Assert
    expect(signedIn.location).toBe('/staff');
  });

  it('says a wrong password and an unknown user alike, keeping the username', async () => {
    // Act
    const wrong = await signIn(rt, 'operator', 'not-the-password');
    const unknown = await signIn(rt, 'nobody', 'not-the-password');
    // Assert
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.html).toContain('用户名或密码不正确');
    expect(unknown.html).toContain('用户名或密码不正确');
    expect(wrong.html).toContain('value="operator"');
    expect(wrong.cookies).not.toMatch(/duban_session=/);
  });

  it('names empty fields next to them', async () => {
    // Act
    const page = await signIn(rt, '', '');
    // Assert
    expect(page.status).toBe(400);
    expect(page.html).toContain('<a href="#f-username">请填写“用户名”');
    expect(page.html).toContain('<a href="#f-password">请填写“密码”');
  });

  it('shows the staff home after login and logs out', async () => {
    // Arrange
    const signedIn = await signIn(rt, 'operator');
    // Act
    const home = await pageGet(rt.app, '/staff', { cookie: signedIn.cookies });
    const out = await formPost(rt.app, '/staff/logout', home, {});
    const after = await pageGet(rt.app, '/staff', { cookie: out.cookies });
    // Assert
    expect(home.status).toBe(200);
    expect(home.html).toContain('operator（接线员）');
    expect(home.html).toContain('class="staff"');
    expect(out.status).toBe(303);
    expect(out.cookies).not.toMatch(/duban_session=/);
    expect(after.status).toBe(303);
  });

  it('files a hotline complaint for a landline caller and ends on the page the codes are read from', async () => {
    // Arrange
    const signedIn = await signIn(rt, 'operator');
    const form = await pageGet(rt.app, '/staff/intake', { cookie: signedIn.cookies });
    const key = form.html.match(/name="_key" value="([^"]+)"/)?.[1] ?? '';
    // Act
    const filed = await formPost(rt.app, '/staff/intake', form, { ...call, _key: key });
    const done = await pageGet(rt.app, '/staff/intake/done', { cookie: filed.cookies });
    const tracking = done.html.match(/id="tracking-code">([^<]+)</)?.[1] ?? '';
    const stored = await rt.store.getCase(tracking.replace('-', ''));
    // Assert
    expect(form.status).toBe(200);
    expect(filed.status).toBe(303);
    expect(filed.location).toBe('/staff/intake/done');
    expect(done.html).toContain('已登记，请向来电人读出两个码');
    expect(done.html).toMatch(/id="access-code">[A-Z2-9]+</);
    expect(stored?.channel).toBe('hotline');
    expect(stored?.enteredBy).toBe('operator');
    expect(await rt.deps.vault.open(stored?.id ?? '', stored?.reporter ?? {})).toEqual({
      phone: '023-43721234',
    });
  });

  it.each([
    [{ category: '' }, 'category', '请选择“问题类型”'],
    [{ 'subject.name': '' }, 'subject.name', '请填写“学校、机构或教师”'],
    [{ description: '补课' }, 'description', '“具体情况”至少需要 10 个字'],
    [{ 'reporter.phone': '4372123' }, 'reporter.phone', '“手机或固定电话”的格式不正确'],
    [{ 'reporter.phone': '' }, 'reporter.phone', '请留下手机号码、固定电话或电子邮箱'],
  ])('refuses %j with the message next to %s and keeps what was typed', async (bad, field, message) => {
    // Arrange
    const signedIn = await signIn(rt, 'operator');
    const form = await pageGet(rt.app, '/staff/intake', { cookie: signedIn.cookies });
    // Act
    const page = await formPost(rt.app, '/staff/intake', form, { ...call, ...bad });
    // Assert
    expect(page.status).toBe(400);
    expect(page.html).toContain(`<a href="#f-${field.replace('.', '-')}">${message}`);
    const typed: Record<string, string> = { ...call, ...bad };
    expect(page.html).toContain(`${typed.description}</textarea>`);
    expect(page.html).toContain(`value="${typed['reporter.phone']}"`);
  });

  it('lets only roles that file hotline complaints use intake', async () => {
    // Arrange
    const inspector = await signIn(rt, 'inspector-a');
    // Act
    const page = await pageGet(rt.app, '/staff/intake', { cookie: inspector.cookies });
    // Assert
    expect(page.status).toBe(404);
  });
});
