import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseRecord, newCaseRecord } from '../../functions/domain/case.js';
import { formatTrackingCode, newCaseId } from '../../functions/domain/tracking-code.js';
import { closeCase, fileViaApi } from '../support/case-flow.js';
import { formPost, type PageResult, pageGet } from '../support/pages.js';
import { testRuntime } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

/** Posts the tracking form from /track and follows the 303 like a browser. */
async function track(rt: Rt, trackingCode: string, accessCode: string, headers: Record<string, string> = {}) {
  const form = await pageGet(rt.app, '/track', headers);
  const posted = await formPost(rt.app, '/track', form, { trackingCode, accessCode }, headers);
  if (posted.status !== 303) return posted;
  return pageGet(rt.app, posted.location ?? '', { ...headers, cookie: posted.cookies });
}

/** A case stored as the workflow would leave it, with the fields a test needs. */
async function storedCase(rt: Rt, patch: Partial<CaseRecord>) {
  const id = newCaseId(rt.deps.secrets.randomBytes);
  const record = newCaseRecord({
    id,
    complaint: {
      channel: 'web',
      category: 'LATE_TRAINING',
      area: 'YOUTING',
      subject: { kind: 'institution', name: '邮亭科技创客培训学校' },
      description: '周六晚上九点半还在上数学课。',
      anonymous: true,
    },
    sealedReporter: undefined,
    accessCodeHash: await rt.deps.secrets.hashAccessCode('ACCESS2345'),
    receivedAt: new Date('2026-02-02T02:00:00Z'),
    urgentByDefault: false,
  });
  await rt.store.createCase({ ...record, ...patch });
  return formatTrackingCode(id);
}

describe('/track (page tests through app.request)', () => {
  let rt: Rt;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it('shows status, office, deadline with working days left, the timeline and the complaint as filed', async () => {
    // Arrange
    const { trackingCode, accessCode } = await fileViaApi(rt);
    // Act
    const page = await track(rt, trackingCode, accessCode);
    // Assert
    expect(page.status).toBe(200);
    expect(page.html).toContain(trackingCode);
    expect(page.html).toContain('已分派');
    expect(page.html).toContain('龙水片区督导室');
    expect(page.html).toContain('2026年3月23日');
    expect(page.html).toContain('还有 15 个工作日');
    expect(page.html).toContain('已分派至承办单位');
    expect(page.html).toContain('三年级每天书面作业超过两个小时');
    expect(page.html).not.toContain('13812345678');
    expect(page.html).not.toContain('王小明');
  });

  it('shows the case once: a reload after the 303 shows the empty form again', async () => {
    // Arrange
    const { trackingCode, accessCode } = await fileViaApi(rt);
    const form = await pageGet(rt.app, '/track');
    const posted = await formPost(rt.app, '/track', form, { trackingCode, accessCode });
    // Act
    const first = await pageGet(rt.app, '/track', { cookie: posted.cookies });
    const reload = await pageGet(rt.app, '/track', { cookie: first.cookies });
    // Assert
    expect(posted.location).toBe('/track');
    expect(first.html).toContain('龙水片区督导室');
    expect(reload.html).not.toContain('龙水片区督导室');
    expect(reload.html).toContain('name="accessCode"');
  });

  it('answers a wrong access code and an unknown code alike, keeping the tracking code typed', async () => {
    // Arrange
    const { trackingCode } = await fileViaApi(rt);
    // Act
    const wrong = await track(rt, trackingCode, 'WRONGCODE1');
    const unknown = await track(rt, 'AAAAA-BBBBB', 'WRONGCODE1');
    // Assert
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.html).toContain('查询码或访问码不正确');
    expect(unknown.html).toContain('查询码或访问码不正确');
    expect(wrong.html).toContain(`value="${trackingCode}"`);
  });

  it.each([
    ['', 'ACCESS2345', 'trackingCode', '请填写“查询码”'],
    ['AAAAA-BBBBB', '', 'accessCode', '请填写“访问码”'],
    ['A'.repeat(41), 'ACCESS2345', 'trackingCode', '“查询码”不能超过 40 个字'],
  ])(
    'refuses tracking code %j / access code %j with the message at %s',
    async (code, access, field, message) => {
      // Act
      const page = await track(rt, code, access);
      // Assert
      expect(page.status).toBe(400);
      expect(page.html).toContain(`<a href="#f-${field}">${message}`);
    },
  );

  it('says in plain words when the case is overdue and urged (已催办)', async () => {
    // Arrange
    const code = await storedCase(rt, {
      status: 'in_progress',
      officeId: 'OFFICE_YOUTING',
      deadline: '2026-02-23T15:59:59.999Z',
      escalationLevel: 1,
      escalationDue: '2026-03-05T15:59:59.999Z',
    });
    // Act
    const page = await track(rt, code, 'ACCESS2345', { 'accept-language': 'en' });
    // Assert: deadline Mon 23 Feb, now Mon 2 Mar: 24–27 Feb, Sat 28 Feb (a 调休 make-up working day
    // after the Spring Festival) and 2 Mar → 6 working days late.
    expect(page.html).toContain('Overdue by 6 working days');
    expect(page.html).toContain('Urged (催办)');
    expect(page.html).toContain('Youting area inspection office');
  });

  it('shows 已督办 for a supervised case', async () => {
    // Arrange
    const code = await storedCase(rt, {
      status: 'assigned',
      officeId: 'OFFICE_YOUTING',
      deadline: '2026-02-20T15:59:59.999Z',
      escalationLevel: 2,
    });
    // Act
    const page = await track(rt, code, 'ACCESS2345');
    // Assert
    expect(page.html).toContain('已督办');
  });

  it('after closure shows the reply and the rating form; 不满意 reopens once', async () => {
    // Arrange
    const { trackingCode, accessCode } = await fileViaApi(rt);
    await closeCase(rt, trackingCode, '经核查属实，已责令整改。');
    const closed = await track(rt, trackingCode, accessCode);
    // Act
    const rated = await formPost(rt.app, '/track/feedback', closed, {
      trackingCode,
      accessCode,
      rating: 'unsatisfied',
      comment: '作业量没有变化',
    });
    const after = await pageGet(rt.app, '/track', { cookie: rated.cookies });
    const stored = await rt.store.getCase(trackingCode.replace('-', ''));
    // Assert
    expect(closed.html).toContain('已销号');
    expect(closed.html).toContain('经核查属实，已责令整改。');
    expect(closed.html).toContain('评价办理结果');
    expect(rated.status).toBe(303);
    expect(after.html).toContain('已按您的意见重新办理');
    expect(after.html).toContain('办理中');
    expect(after.html).not.toContain('评价办理结果');
    expect(stored?.status).toBe('in_progress');
    expect(stored?.feedback?.[0]?.comment).toBe('作业量没有变化');
  });

  it('refuses a rating without a choice, keeping the comment', async () => {
    // Arrange
    const { trackingCode, accessCode } = await fileViaApi(rt);
    await closeCase(rt, trackingCode);
    const closed = await track(rt, trackingCode, accessCode);
    // Act
    const page = await formPost(rt.app, '/track/feedback', closed, {
      trackingCode,
      accessCode,
      comment: '还行',
    });
    // Assert
    expect(page.status).toBe(400);
    expect(page.html).toContain('<a href="#f-rating">请选择“您对办理结果满意吗？”');
    expect(page.html).toContain('还行</textarea>');
  });

  it('records 满意 without reopening and thanks the reader', async () => {
    // Arrange
    const { trackingCode, accessCode } = await fileViaApi(rt);
    await closeCase(rt, trackingCode);
    const closed: PageResult = await track(rt, trackingCode, accessCode);
    // Act
    const rated = await formPost(rt.app, '/track/feedback', closed, {
      trackingCode,
      accessCode,
      rating: 'satisfied',
    });
    const after = await pageGet(rt.app, '/track', { cookie: rated.cookies });
    // Assert
    expect(after.html).toContain('感谢您的评价');
    expect(after.html).toContain('您的评价：满意');
    expect((await rt.store.getCase(trackingCode.replace('-', '')))?.status).toBe('closed');
  });
});

describe('/track when the tracking limit is reached', () => {
  let rt: Rt;
  beforeAll(async () => {
    rt = await testRuntime({ trackRateLimit: 1 });
  });
  afterAll(async () => {
    await rt.close();
  });

  it('shows the rate-limit page with Retry-After', async () => {
    // Arrange
    await track(rt, 'AAAAA-BBBBB', 'WRONGCODE1');
    // Act
    const limited = await track(rt, 'AAAAA-BBBBB', 'WRONGCODE1');
    // Assert
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.html).toContain('请求太频繁');
  });
});
