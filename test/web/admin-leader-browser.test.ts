/**
 * In Chromium: an admin creates an inspector account and edits a routing rule through its preview, a
 * leader opens the overview; axe-core on every page; screenshots at 1366×768 for the README.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserRuntime, DESKTOP, newReader, screenshot, seriousA11yViolations } from '../support/browser.js';
import { postJson, validComplaint } from '../support/runtime.js';

let env: Awaited<ReturnType<typeof browserRuntime>>;
/** README pictures: `SCREENSHOT_DIR=docs/screenshots npx vitest run test/web/admin-leader-browser.test.ts`. */
const SHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'duban-admin-leader-shots');

beforeAll(async () => {
  env = await browserRuntime();
  for (const name of ['龙水一小', '龙水二小', '邮亭中学']) {
    const area = name.startsWith('邮亭') ? 'YOUTING' : 'LONGSHUI';
    const res = await postJson(env.runtime.app, '/api/v1/complaints', {
      ...validComplaint(),
      area,
      subject: { kind: 'school', name },
    });
    expect(res.status).toBe(201);
  }
  await env.runtime.runner?.settle();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

async function signedIn(username: string) {
  const reader = await newReader(env.browser, { viewport: DESKTOP });
  await reader.page.goto(env.url('/staff/login'));
  await reader.page.fill('#f-username', username);
  await reader.page.fill('#f-password', 'duban-demo');
  await reader.page.click('main button[type=submit]');
  await reader.page.waitForURL(/\/staff$/);
  return reader;
}

describe('admin and leader in the browser', () => {
  it('an admin creates an inspector account', async () => {
    // Arrange
    const { context, page, problems } = await signedIn('admin');
    await page.goto(env.url('/staff/admin/accounts'));
    const listViolations = await seriousA11yViolations(page);
    // Act
    await page.fill('#f-username', 'zhou');
    await page.fill('#f-displayName', '周督导');
    await page.selectOption('#f-role', 'inspector');
    await page.selectOption('#f-officeId', 'OFFICE_SANQU');
    await page.fill('#f-password', 'first-password-1');
    await page.click('form[action="/staff/admin/accounts"] button[type=submit]');
    await page.waitForURL(/done=created/);
    await screenshot(page, `${SHOTS}/admin-accounts.png`, false);
    // Assert
    expect(await page.textContent('.ad-notice')).toContain('zhou');
    expect(await page.textContent('table.ad-table')).toContain('周督导');
    expect(listViolations).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an admin edits a routing rule, sees the effect first, then confirms', async () => {
    // Arrange
    const { context, page, problems } = await signedIn('admin');
    await page.goto(env.url('/staff/admin/reference'));
    const indexViolations = await seriousA11yViolations(page);
    await page.click('a[href="/staff/admin/reference/routing"]');
    const listViolations = await seriousA11yViolations(page);
    await page.click('a[href="/staff/admin/reference/routing/edit?key=3"]');
    const editViolations = await seriousA11yViolations(page);
    // Act
    await page.selectOption('#f-office', 'OFFICE_CITY');
    await page.click('main button.button:not(.button--secondary)');
    await page.waitForURL(/\/routing\/preview$/);
    const effect = await page.textContent('.ad-effects');
    const previewViolations = await seriousA11yViolations(page);
    await screenshot(page, `${SHOTS}/admin-routing-preview.png`, false);
    await page.click('main button.button:not(.button--secondary)');
    await page.waitForURL(/saved=2/);
    // Assert
    expect(effect).toContain('龙水镇（LONGSHUI）全部类别的新案件分派由 龙水片区督导室 改为 城区片区督导室');
    expect((await env.runtime.deps.catalog.get()).routingRules[3]?.officeId).toBe('OFFICE_CITY');
    expect([...indexViolations, ...listViolations, ...editViolations, ...previewViolations]).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the other reference pages pass axe', async () => {
    // Arrange
    const { context, page } = await signedIn('admin');
    const found = [];
    // Act
    for (const path of [
      'categories',
      'areas',
      'offices',
      'deadlines',
      'calendar',
      'categories/edit?key=HOMEWORK_OVERLOAD',
    ]) {
      await page.goto(env.url(`/staff/admin/reference/${path}`));
      found.push(...(await seriousA11yViolations(page)).map((v) => ({ path, ...v })));
      if (path === 'deadlines') await screenshot(page, `${SHOTS}/admin-deadlines.png`, false);
    }
    // Assert
    expect(found).toEqual([]);
    await context.close();
  });

  it('a leader opens the overview', async () => {
    // Arrange
    const { context, page, problems } = await signedIn('leader');
    // Act
    await page.click('a[href="/staff/overview"]');
    await page.waitForURL(/\/staff\/overview$/);
    await screenshot(page, `${SHOTS}/leader-overview.png`, false);
    // Assert
    expect(await page.textContent('h1')).toBe('督办总览');
    expect(await page.textContent('.ad-tiles')).toContain('在办');
    expect(await page.locator('table.ad-figures').count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
