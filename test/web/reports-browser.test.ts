/**
 * The monthly notice pages in real headless Chromium on the known-answer data set: the 通报 document,
 * printed to A4 PDF; publishing from the page; the dashboard's server-rendered SVG charts; an
 * inspector's own-office view; axe; screenshots for the README.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newReader, screenshot, seriousA11yViolations } from '../support/browser.js';
import { buildMarchDataset } from '../support/report-dataset.js';
import { loginPage } from '../support/workbench-tour.js';

/** README pictures: `SCREENSHOT_DIR=docs/screenshots npx vitest run test/web/reports-browser.test.ts`. */
const SHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'duban-reports-shots');

let ds: Awaited<ReturnType<typeof buildMarchDataset>>;
let browser: Browser;
const url = (p: string) => `${ds.rt.url}${p}`;

beforeAll(async () => {
  ds = await buildMarchDataset({ port: 0 });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await ds?.rt.close();
});

describe('monthly notice pages', () => {
  it('shows the draft as a 通报 and prints it on A4', async () => {
    // Arrange
    const r = await newReader(browser, { viewport: DESKTOP });
    await loginPage(r.page, url, 'leader');
    // Act
    await r.page.goto(url('/staff/reports/monthly/2026-03'));
    const text = await r.page.locator('main').innerText();
    const violations = await seriousA11yViolations(r.page);
    await screenshot(r.page, join(SHOTS, 'reports-notice-zh-desktop.png'), false);
    const pdf = await r.page.pdf({ format: 'A4', printBackground: true });
    await r.page.emulateMedia({ media: 'print' });
    const navShown = await r.page.locator('.site-nav').isVisible();
    await screenshot(r.page, join(SHOTS, 'reports-notice-print.png'), false);
    // Assert
    for (const heading of [
      '月度督查通报',
      '一、基本情况',
      '二、办理情况',
      '三、回访情况',
      '四、存在问题',
      '五、下步要求',
      '附件：统计表',
      '报：',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('全区共受理“双减”投诉举报8件');
    expect(text).toContain('按时办结率62.5%');
    expect(text).toContain('星火培训（3件）');
    expect(violations).toEqual([]);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2); // the annex starts a new page
    expect(pages).toBeLessThanOrEqual(8);
    expect(navShown).toBe(false);
    await r.context.close();
  }, 120_000);

  it('a dispatcher edits 五、下步要求 and publishes; the version carries its 期号', async () => {
    // Arrange
    const r = await newReader(browser, { viewport: DESKTOP });
    await loginPage(r.page, url, 'dispatcher');
    await r.page.goto(url('/staff/reports/monthly/2026-03'));
    // Act
    await r.page.fill('#f-requirements', '各片区督导室对逾期案件限期销号。');
    await Promise.all([r.page.waitForURL(/version=1/), r.page.click('.rpt-publish button')]);
    const text = await r.page.locator('main').innerText();
    // Assert
    expect(text).toContain('2026年第1期');
    expect(text).toContain('各片区督导室对逾期案件限期销号。');
    expect(await r.page.locator('#f-requirements').count()).toBe(0);
    await r.context.close();
  }, 120_000);

  it('the dashboard draws four charts as inline SVG without browser JavaScript', async () => {
    // Arrange
    const r = await newReader(browser, { viewport: DESKTOP, javaScript: false });
    await loginPage(r.page, url, 'leader');
    // Act
    await r.page.goto(url('/staff/reports/monthly/2026-03/dashboard'));
    const svgs = await r.page.locator('.rpt-chart svg').count();
    const officeChart = await r.page.locator('.rpt-chart').first().innerHTML();
    await screenshot(r.page, join(SHOTS, 'reports-dashboard-zh-desktop.png'));
    // Assert
    expect(svgs).toBe(4);
    expect(officeChart).toContain('龙水片区督导室');
    expect(officeChart).not.toContain('style="');
    expect(r.problems).toEqual([]);
    await r.context.close();
  }, 180_000);

  it('an inspector sees only the own office; the dashboard is not for inspectors', async () => {
    // Arrange
    const r = await newReader(browser, { viewport: DESKTOP });
    await loginPage(r.page, url, 'inspector-a');
    // Act
    await r.page.goto(url('/staff/reports/monthly/2026-03'));
    const text = await r.page.locator('main').innerText();
    const dash = await r.page.goto(url('/staff/reports/monthly/2026-03/dashboard'));
    // Assert
    expect(text).toContain('龙水片区督导室');
    expect(text).not.toContain('邮亭片区督导室');
    expect(dash?.status()).toBe(404);
    await r.context.close();
  }, 120_000);
});
