/**
 * The workbench in real Chromium: the whole life of a case across roles, merge / return / reassign,
 * an inspector of another office refused, two staff acting at once, and axe on every staff page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type browserRuntime as BrowserRuntime,
  browserRuntime,
  DESKTOP,
  newReader,
  seriousA11yViolations,
} from '../support/browser.js';
import { asStaff, json, login, postJson, validComplaint } from '../support/runtime.js';
import { loginPage, workbenchTour } from '../support/workbench-tour.js';

type Env = Awaited<ReturnType<typeof BrowserRuntime>>;

describe('workbench in Chromium', () => {
  let env: Env;
  let operatorToken = '';

  beforeAll(async () => {
    env = await browserRuntime();
    operatorToken = await login(env.runtime.app, 'operator');
  }, 60_000);
  afterAll(async () => {
    await env.close();
  });

  /** The operator files a phone complaint (the JSON API the intake page uses); routing runs. */
  async function hotline(overrides: Record<string, unknown> = {}) {
    const res = await asStaff(env.runtime.app, operatorToken, '/api/v1/complaints', {
      method: 'POST',
      body: JSON.stringify({ ...validComplaint(), channel: 'hotline', ...overrides }),
    });
    const receipt = await json(res);
    await env.runtime.runner?.settle();
    return receipt as { trackingCode: string; accessCode: string };
  }

  async function reader(username: string) {
    const r = await newReader(env.browser, { viewport: DESKTOP });
    await loginPage(r.page, env.url, username);
    return r;
  }

  /** Opens one action's form on the case page, fills it and submits; waits for the next page. */
  async function act(page: Page, type: string, fill: (p: Page) => Promise<void> = async () => {}) {
    const form = `#act-${type}`;
    if ((await page.getAttribute(form, 'open')) === null) await page.click(`${form} summary`);
    await fill(page);
    await Promise.all([page.waitForLoadState('load'), page.click(`${form} form > button[type="submit"]`)]);
  }

  it('a case from phone intake to closure and the citizen’s rating', { timeout: 180_000 }, async () => {
    const { trackingCode: code, accessCode } = await hotline();
    const inspector = await reader('inspector-a');
    const dispatcher = await reader('dispatcher');
    const ip = inspector.page;
    const dp = dispatcher.page;

    // Inspector: from the queue to the case; start, then ask for more time.
    await ip.goto(env.url('/staff'));
    await Promise.all([ip.waitForURL(/\/staff\/cases\//), ip.click(`a:text("${code}")`)]);
    await act(ip, 'start');
    expect(await ip.textContent('h1')).toContain('办理中');
    await act(ip, 'request_extension', async (p) => {
      await p.fill('#f-request_extension-days', '5');
      await p.fill('#f-request_extension-reason', '需要到校现场核查');
    });

    // Dispatcher: the extension queue, approve.
    await dp.goto(env.url('/staff?queue=extension'));
    await Promise.all([dp.waitForURL(/\/staff\/cases\//), dp.click(`a:text("${code}")`)]);
    await act(dp, 'decide_extension', async (p) => p.check('#f-decide_extension-approve'));
    expect(await dp.textContent('.timeline')).toContain('批准延期');

    // Inspector: report with a template (picked without script help), dispatcher sends it back.
    await ip.goto(env.url(`/staff/cases/${code}`));
    await ip.click('#act-submit_report summary');
    await ip.check('#f-submit_report-finding');
    await ip.fill('#f-submit_report-actions', '约谈校长，责令调整作业量');
    await ip.selectOption('#f-submit_report-template', 'HOMEWORK_OVERLOAD_RECTIFIED');
    await Promise.all([ip.waitForLoadState('load'), ip.click('button[name="submit_report.useTemplate"]')]);
    expect(await ip.inputValue('#f-submit_report-reply')).toContain('龙水镇第一小学');
    expect(await ip.inputValue('#f-submit_report-actions')).toBe('约谈校长，责令调整作业量');
    await act(ip, 'submit_report');
    await dp.goto(env.url('/staff?queue=pending_review'));
    await Promise.all([dp.waitForURL(/\/staff\/cases\//), dp.click(`a:text("${code}")`)]);
    await act(dp, 'send_back', async (p) => p.fill('#f-send_back-reason', '请补充整改期限'));

    // Inspector resubmits; dispatcher approves (销号).
    await ip.goto(env.url(`/staff/cases/${code}`));
    await act(ip, 'submit_report', async (p) => {
      await p.check('#f-submit_report-finding');
      await p.fill('#f-submit_report-actions', '已约谈校长，要求两周内整改到位');
      await p.fill('#f-submit_report-reply', '经核查情况属实，已责令学校两周内整改。');
    });
    await dp.goto(env.url(`/staff/cases/${code}`));
    await act(dp, 'approve');
    expect(await dp.textContent('h1')).toContain('已销号');

    // The citizen rates the outcome; the staff timeline says so in plain words.
    const rated = await postJson(env.runtime.app, '/api/v1/track/feedback', {
      trackingCode: code,
      accessCode,
      rating: 'satisfied',
    });
    expect(rated.status).toBe(200);
    await dp.reload();
    const timeline = (await dp.textContent('.timeline')) ?? '';
    for (const step of [
      '受理',
      '分派',
      '开始办理',
      '申请延期',
      '批准延期',
      '提交办理结果',
      '退回重办',
      '复核销号',
      '群众评价',
    ]) {
      expect(timeline).toContain(step);
    }
    expect(inspector.problems).toEqual([]);
    await inspector.context.close();
    await dispatcher.context.close();
  });

  it('merge, return and reassign; another office cannot open the case; two staff at once', {
    timeout: 180_000,
  }, async () => {
    const first = await hotline();
    const dup = await hotline();
    const misrouted = await hotline();
    const dispatcher = await reader('dispatcher');
    const inspector = await reader('inspector-a');
    const other = await reader('inspector-b');
    const dp = dispatcher.page;

    // Merge: pick the earlier case about the same subject from the list offered.
    await dp.goto(env.url(`/staff/cases/${dup.trackingCode}`));
    await dp.click('#act-merge summary');
    await dp.check(`#act-merge input[value="${first.trackingCode}"]`);
    await act(dp, 'merge');
    expect(await dp.textContent('h1')).toContain('已合并');

    // Return by the inspector, reassigned by the dispatcher to the other office.
    await inspector.page.goto(env.url(`/staff/cases/${misrouted.trackingCode}`));
    await act(inspector.page, 'return', async (p) => p.fill('#f-return-reason', '属于邮亭片区'));
    await dp.goto(env.url(`/staff/cases/${misrouted.trackingCode}`));
    await act(dp, 'decide_return', async (p) => {
      await p.check('#f-decide_return-decision');
      await p.selectOption('#f-decide_return-officeId', 'OFFICE_YOUTING');
    });
    await other.page.goto(env.url(`/staff/cases/${misrouted.trackingCode}`));
    expect(await other.page.textContent('h1')).toContain(misrouted.trackingCode);

    // An inspector of another office gets the not-found page for office A's case.
    const refused = await other.page.goto(env.url(`/staff/cases/${first.trackingCode}`));
    expect(refused?.status()).toBe(404);

    // Two dispatchers act at once: the second sees what changed and keeps the text.
    const second = await reader('dispatcher');
    await dp.goto(env.url(`/staff/cases/${first.trackingCode}`));
    await second.page.goto(env.url(`/staff/cases/${first.trackingCode}`));
    await act(dp, 'note', async (p) => p.fill('#f-note-text', '已联系学校'));
    await act(second.page, 'note', async (p) => p.fill('#f-note-text', '稍后回访家长'));
    expect(await second.page.textContent('main')).toContain('有人先处理了这个案件');
    expect(await second.page.inputValue('#f-note-text')).toBe('稍后回访家长');
    for (const r of [dispatcher, inspector, other, second]) await r.context.close();
  });

  it('every workbench page passes axe (no serious or critical violations)', {
    timeout: 180_000,
  }, async () => {
    const { trackingCode } = await hotline();
    const { context, page } = await newReader(env.browser, { viewport: DESKTOP });
    const found: Record<string, unknown> = {};
    for await (const stop of workbenchTour(page, env.url, trackingCode)) {
      const violations = await seriousA11yViolations(page);
      if (violations.length) found[stop] = violations;
    }
    expect(found).toEqual({});
    await context.close();
  });
});
