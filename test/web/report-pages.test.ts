import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileViaApi } from '../support/case-flow.js';
import { makePng } from '../support/images.js';
import { formPost, type PageResult, pageGet } from '../support/pages.js';
import { testRuntime } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

/** Hidden fields and visible values of the page's form, as a browser would send them back. */
function formState(page: PageResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of page.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    if (m[1] && m[1] !== '_csrf') out[m[1]] = decode(m[2] ?? '');
  }
  return out;
}
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const good = {
  category: 'HOMEWORK_OVERLOAD',
  area: 'LONGSHUI',
  'subject.kind': 'school',
  'subject.name': '龙水镇第一小学',
  description: '三年级每天书面作业超过两个小时，孩子经常写到晚上十点。',
  occurredOn: '2026-02-27',
  grade: '3',
  anonymous: 'no',
  'reporter.name': '王小明',
  'reporter.phone': '023-43721234',
  'reporter.email': '',
};
const stepFields: Record<string, (keyof typeof good)[]> = {
  kind: ['category'],
  where: ['area', 'subject.kind', 'subject.name'],
  what: ['description', 'occurredOn', 'grade'],
  evidence: [],
  contact: ['anonymous', 'reporter.name', 'reporter.phone', 'reporter.email'],
};

/** Walks the steps with `answers` up to (not including) `stop`, like a reader pressing Continue. */
async function walk(
  rt: Rt,
  answers: Record<string, string>,
  stop: string,
  headers: Record<string, string> = {},
) {
  let page = await pageGet(rt.app, '/report', headers);
  for (const step of ['kind', 'where', 'what', 'evidence', 'contact']) {
    if (step === stop) return page;
    const own = Object.fromEntries((stepFields[step] ?? []).map((f) => [f, answers[f] ?? '']));
    page = await formPost(
      rt.app,
      '/report',
      page,
      { ...formState(page), ...own, _step: step, _action: 'continue' },
      headers,
    );
    if (page.status !== 200) throw new Error(`step ${step}: ${page.status}`);
  }
  return page;
}

async function answerStep(
  rt: Rt,
  page: PageResult,
  step: string,
  answers: Record<string, string>,
  headers = {},
) {
  const own = Object.fromEntries((stepFields[step] ?? []).map((f) => [f, answers[f] ?? '']));
  return formPost(
    rt.app,
    '/report',
    page,
    { ...formState(page), ...own, _step: step, _action: 'continue' },
    headers,
  );
}

/** Posts the photo step's multipart form as a browser would, with `files` in the `photos` input. */
async function photoPost(
  rt: Rt,
  page: PageResult,
  action: string,
  files: { name: string; type: string; bytes: Uint8Array }[],
  headers: Record<string, string> = {},
) {
  const body = new FormData();
  if (page.csrf) body.append('_csrf', page.csrf);
  for (const [k, v] of Object.entries({ ...formState(page), _step: 'evidence', _action: action }))
    body.append(k, v);
  for (const f of files) body.append('photos', new File([f.bytes], f.name, { type: f.type }));
  const res = await rt.app.request('http://localhost/report', {
    method: 'POST',
    headers: { origin: 'http://localhost', cookie: page.cookies, ...headers },
    body,
  });
  const html = await res.text();
  return {
    status: res.status,
    html,
    cookies: page.cookies,
    csrf: html.match(/name="_csrf" value="([^"]+)"/)?.[1],
    location: res.headers.get('location'),
    headers: res.headers,
  } satisfies PageResult;
}

const png = (name = 'homework.png') => ({ name, type: 'image/png', bytes: new Uint8Array(makePng()) });

describe('/report (page tests through app.request)', () => {
  let rt: Rt;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it('opens on the first step with a CSRF token and a key for this report', async () => {
    // Act
    const page = await pageGet(rt.app, '/report');
    // Assert
    expect(page.status).toBe(200);
    expect(page.html).toContain('第 1 步，共 6 步：问题类型');
    expect(page.csrf).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(formState(page)._key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(page.html).toContain('一二年级不布置书面家庭作业');
  });

  it.each([
    ['kind', { category: '' }, 'category', '请选择“问题类型”'],
    ['kind', { category: 'NOT_A_CATEGORY' }, 'category', '请选择“问题类型”'],
    ['where', { area: '' }, 'area', '请选择“所在乡镇或街道”'],
    ['where', { area: 'ATLANTIS' }, 'area', '请选择“所在乡镇或街道”'],
    ['where', { 'subject.kind': '' }, 'subject.kind', '请选择“投诉对象”'],
    ['where', { 'subject.name': '  ' }, 'subject.name', '请填写“学校、机构或教师”'],
    [
      'where',
      { 'subject.name': '校'.repeat(101) } as Record<string, string>,
      'subject.name',
      '“学校、机构或教师”不能超过 100 个字',
    ],
    ['what', { description: '作业多' }, 'description', '“具体情况”至少需要 10 个字'],
    ['what', { description: '' }, 'description', '请填写“具体情况”'],
    ['what', { description: '长'.repeat(5001) }, 'description', '“具体情况”不能超过 5000 个字'],
    ['what', { occurredOn: '2026-13-01' }, 'occurredOn', '“发生日期”的格式不正确'],
    ['what', { occurredOn: '2026-03-03' }, 'occurredOn', '“发生日期”不能晚于今天'],
    ['what', { grade: '12' }, 'grade', '“涉及年级”超出允许的范围'],
    ['contact', { anonymous: '' }, 'anonymous', '请选择“是否留下联系方式”'],
    ['contact', { 'reporter.phone': '12345' }, 'reporter.phone', '“手机或固定电话”的格式不正确'],
    [
      'contact',
      { 'reporter.phone': '', 'reporter.email': 'not-an-address' },
      'reporter.email',
      '“电子邮箱”的格式不正确',
    ],
    [
      'contact',
      { 'reporter.phone': '', 'reporter.email': '' },
      'reporter.phone',
      '请留下手机号码、固定电话或电子邮箱',
    ],
    ['contact', { 'reporter.name': '名'.repeat(51) }, 'reporter.name', '“姓名”不能超过 50 个字'],
  ])(
    'step %s, case %#: 400, the message next to the field and in the summary, input kept',
    async (step, bad, field, message) => {
      // Arrange
      const answers = { ...good, ...bad };
      const before = await walk(rt, answers, step);
      // Act
      const page = await answerStep(rt, before, step, answers);
      const id = `f-${field.replace(/\./g, '-')}`;
      // Assert
      expect(page.status).toBe(400);
      expect(page.html).toContain(`<a href="#${id}">${message}`);
      expect(page.html).toMatch(new RegExp(`id="${id}-error"><span class="sr-only">错误：</span>${message}`));
      for (const f of stepFields[step] ?? []) {
        const typed = answers[f];
        if (typed && !['category', 'anonymous', 'subject.kind', 'area', 'grade'].includes(f)) {
          expect(page.html).toContain(typed);
        }
      }
    },
  );

  it('says the problems in English to an English reader', async () => {
    // Arrange
    const headers = { 'accept-language': 'en' };
    const before = await walk(rt, good, 'what', headers);
    // Act
    const page = await answerStep(rt, before, 'what', { ...good, description: 'short' }, headers);
    // Assert
    expect(page.status).toBe(400);
    expect(page.html).toContain('There is a problem');
    expect(page.html).toContain('What happened must be at least 10 characters');
  });

  it('goes back a step with every answer kept', async () => {
    // Arrange
    const atWhat = await walk(rt, good, 'what');
    // Act
    const back = await formPost(rt.app, '/report', atWhat, {
      ...formState(atWhat),
      description: '还没写完的描述',
      _step: 'what',
      _action: 'back',
    });
    // Assert
    expect(back.status).toBe(200);
    expect(back.html).toContain('问题发生在哪里？');
    expect(back.html).toContain('value="龙水镇第一小学"');
    expect(formState(back).description).toBe('还没写完的描述');
  });

  it('reviews with the office and deadline from the routing and deadline rules', async () => {
    // Act
    const review = await walk(rt, good, 'review');
    // Assert: filed Mon 2026-03-02 → 15 working days → Mon 2026-03-23.
    expect(review.html).toContain('核对您的投诉');
    expect(review.html).toContain('龙水片区督导室');
    expect(review.html).toContain('2026年3月23日前（15 个工作日内）');
    expect(review.html).toContain('023-43721234');
    expect(review.html).not.toContain('同一对象已有投诉在办理');
  });

  it('notes open cases about the same subject and category: count and dates, never their text', async () => {
    // Arrange
    await fileViaApi(rt, {
      subject: { kind: 'school', name: '宝顶镇中心小学' },
      area: 'BAODING',
      description: '别人的投诉内容，不应出现在他人的页面上。',
    });
    await fileViaApi(rt, { subject: { kind: 'school', name: '宝顶镇 中心小学' }, area: 'BAODING' });
    await fileViaApi(rt, {
      subject: { kind: 'school', name: '宝顶镇中心小学' },
      area: 'BAODING',
      category: 'EXAM_RANKING',
    });
    // Act
    const review = await walk(rt, { ...good, area: 'BAODING', 'subject.name': '宝顶镇中心小学' }, 'review');
    // Assert
    expect(review.html).toContain('同一对象已有投诉在办理');
    expect(review.html).toContain('已有 2 件投诉正在办理（受理日期：2026年3月2日、2026年3月2日）');
    expect(review.html).not.toContain('别人的投诉内容');
  });

  it('files on submit, 303s to a receipt shown once, and never puts the access code in a URL', async () => {
    // Arrange
    const review = await walk(rt, good, 'review');
    // Act
    const submitted = await formPost(rt.app, '/report', review, {
      ...formState(review),
      _step: 'review',
      _action: 'submit',
    });
    const receipt = await pageGet(rt.app, '/report/done', { cookie: submitted.cookies });
    const again = await pageGet(rt.app, '/report/done', { cookie: receipt.cookies });
    const tracking = receipt.html.match(/id="tracking-code">([^<]+)</)?.[1] ?? '';
    const access = receipt.html.match(/id="access-code">([^<]+)</)?.[1] ?? '';
    const stored = await rt.store.getCase(tracking.replace('-', ''));
    // Assert
    expect(submitted.status).toBe(303);
    expect(submitted.location).toBe('/report/done');
    expect(receipt.status).toBe(200);
    expect(tracking).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(access.length).toBeGreaterThanOrEqual(8);
    expect(receipt.html).toContain('访问码只显示这一次');
    expect(receipt.html).toContain('龙水片区督导室');
    expect(again.html).toContain('回执只能查看一次');
    expect(again.html).not.toContain(access);
    expect(stored?.channel).toBe('web');
    expect(stored?.grade).toBe(3);
    expect(await rt.deps.vault.open(stored?.id ?? '', stored?.reporter ?? {})).toEqual({
      name: '王小明',
      phone: '023-43721234',
    });
    expect(submitted.cookies).not.toContain(access);
  });

  it('files an anonymous complaint without keeping contact details typed before the choice', async () => {
    // Arrange
    const review = await walk(rt, { ...good, anonymous: 'yes', 'reporter.phone': '13812345678' }, 'review');
    // Act
    const submitted = await formPost(rt.app, '/report', review, {
      ...formState(review),
      _step: 'review',
      _action: 'submit',
    });
    const receipt = await pageGet(rt.app, '/report/done', { cookie: submitted.cookies });
    const tracking = receipt.html.match(/id="tracking-code">([^<]+)</)?.[1] ?? '';
    const stored = await rt.store.getCase(tracking.replace('-', ''));
    // Assert
    expect(review.html).toContain('匿名');
    expect(stored?.anonymous).toBe(true);
    expect(stored?.reporter).toBeUndefined();
  });

  it('files once when the same review is submitted twice (the form’s key is the idempotency key)', async () => {
    // Arrange
    const review = await walk(rt, good, 'review');
    const fields = { ...formState(review), _step: 'review', _action: 'submit' };
    // Act
    const first = await formPost(rt.app, '/report', review, fields);
    const second = await formPost(rt.app, '/report', review, fields);
    const a = await pageGet(rt.app, '/report/done', { cookie: first.cookies });
    const b = await pageGet(rt.app, '/report/done', { cookie: second.cookies });
    // Assert
    expect(a.html.match(/id="tracking-code">([^<]+)</)?.[1]).toBe(
      b.html.match(/id="tracking-code">([^<]+)</)?.[1],
    );
  });

  it('sends a tampered submit back to the first step with a problem', async () => {
    // Arrange
    const review = await walk(rt, good, 'review');
    // Act
    const page = await formPost(rt.app, '/report', review, {
      ...formState(review),
      description: '短',
      _step: 'review',
      _action: 'submit',
    });
    // Assert
    expect(page.status).toBe(400);
    expect(page.html).toContain('发生了什么？');
    expect(page.html).toContain('“具体情况”至少需要 10 个字');
  });
  it('stages a photo on the photo step, carries its id to submit, and the case then has it', async () => {
    // Arrange
    const step = await walk(rt, good, 'evidence');
    // Act
    const uploaded = await photoPost(rt, step, 'upload', [png()]);
    const ids = formState(uploaded).evidence ?? '';
    const preview = await rt.app.request(`http://localhost/report/photo/${ids}`);
    const contact = await photoPost(rt, uploaded, 'continue', []);
    const review = await answerStep(rt, contact, 'contact', good);
    const submitted = await formPost(rt.app, '/report', review, {
      ...formState(review),
      _step: 'review',
      _action: 'submit',
    });
    const receipt = await pageGet(rt.app, '/report/done', { cookie: submitted.cookies });
    const tracking = receipt.html.match(/id="tracking-code">([^<]+)</)?.[1] ?? '';
    const stored = await rt.store.getCase(tracking.replace('-', ''));
    // Assert
    expect(step.html).toContain('enctype="multipart/form-data"');
    expect(uploaded.status).toBe(200);
    expect(ids).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(uploaded.html).toContain(`src="/report/photo/${ids}"`);
    expect(uploaded.html).toContain('已添加 1 张，最多 5 张');
    expect(preview.status).toBe(302);
    expect(preview.headers.get('location')).toMatch(/^\/api\/v1\/evidence\/files\//);
    expect(contact.html).toContain('name="reporter.phone"');
    expect(review.html).toContain('1 张照片');
    expect(review.html).toContain(`src="/report/photo/${ids}"`);
    expect(submitted.status).toBe(303);
    expect(stored?.evidence).toHaveLength(1);
    expect(stored?.evidence?.[0]?.type).toBe('image/png');
  });

  it("refuses a non-image named like a photo, next to the field, in the reader's language", async () => {
    // Arrange
    const step = await walk(rt, good, 'evidence', { 'accept-language': 'en' });
    const disguised = {
      name: 'photo.jpg',
      type: 'image/jpeg',
      bytes: new TextEncoder().encode('%PDF-1.4 not a photo'),
    };
    // Act
    const refused = await photoPost(rt, step, 'continue', [disguised], {
      'accept-language': 'en',
    });
    // Assert
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="f-evidence-error"');
    expect(refused.html).toContain('photo.jpg: Only JPEG, PNG or WebP photos');
    expect(refused.html).toContain('href="#f-evidence"');
    expect(formState(refused).evidence).toBe('');
  });

  it('says next to the field when the deployment takes photos only straight to storage (AWS)', async () => {
    // Arrange: on AWS files never pass through the function (Lambda's 6 MB limit)
    const step = await walk(rt, good, 'evidence');
    rt.deps.evidence.directUpload = false;
    // Act
    const refused = await photoPost(rt, step, 'continue', [png('p.png')]).finally(() => {
      rt.deps.evidence.directUpload = true;
    });
    // Assert
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="f-evidence-error"');
    expect(refused.html).toContain('本页面暂时无法接收照片');
  });

  it('refuses a sixth photo and keeps the five already staged', async () => {
    // Arrange
    const step = await walk(rt, good, 'evidence');
    // Act
    const refused = await photoPost(
      rt,
      step,
      'upload',
      [1, 2, 3, 4, 5, 6].map((n) => png(`p${n}.png`)),
    );
    const preview = await rt.app.request('http://localhost/report/photo/AAAAAAAAAAAAAAAAAAAAAA');
    // Assert
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('最多只能添加 5 张照片');
    expect((formState(refused).evidence ?? '').split(' ')).toHaveLength(5);
    expect(refused.html).toContain('已达到 5 张的上限');
    expect(preview.status).toBe(404);
  });
});

describe('/report when the intake limit is reached', () => {
  let rt: Rt;
  beforeAll(async () => {
    rt = await testRuntime({ intakeRateLimit: 1 });
  });
  afterAll(async () => {
    await rt.close();
  });

  it('shows the rate-limit page with Retry-After, saying when to try again', async () => {
    // Arrange
    const review = await walk(rt, good, 'review');
    const fields = { ...formState(review), _step: 'review', _action: 'submit' };
    await formPost(rt.app, '/report', review, fields);
    // Act
    const limited = await formPost(rt.app, '/report', review, fields);
    // Assert
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.html).toMatch(/请在 \d+ 秒后再试/);
  });
});
