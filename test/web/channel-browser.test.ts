/**
 * In Chromium: a dispatcher uploads a 12345 export with JavaScript off, the job page refreshes itself
 * until the summary shows; the upload error, the development mailbox and the failed-notification page
 * have no serious axe finding. Pictures (phone and desktop, both languages) for the README with
 * `SCREENSHOT_DIR=docs/screenshots npx vitest run test/web/channel-browser.test.ts`.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserRuntime,
  DESKTOP,
  type Lang,
  newReader,
  PHONE,
  screenshot,
  seriousA11yViolations,
} from '../support/browser.js';
import { login, postJson, validComplaint } from '../support/runtime.js';
import { csvExport, exportRow, generatedRows } from '../support/work-order-files.js';

let env: Awaited<ReturnType<typeof browserRuntime>>;
const SHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'duban-channel-shots');

beforeAll(async () => {
  env = await browserRuntime({ channels: { deliveryPaused: true } });
  expect((await postJson(env.runtime.app, '/api/v1/complaints', validComplaint())).status).toBe(201);
  await env.runtime.runner?.settle();
  await env.runtime.channels.delivery.drain();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

async function signedIn(username: string, opts: { lang?: Lang; javaScript?: boolean; phone?: boolean } = {}) {
  const reader = await newReader(env.browser, {
    lang: opts.lang,
    javaScript: opts.javaScript,
    viewport: opts.phone ? PHONE : DESKTOP,
  });
  await reader.page.goto(env.url('/staff/login'));
  await reader.page.fill('#f-username', username);
  await reader.page.fill('#f-password', 'duban-demo');
  await reader.page.click('main button[type=submit]');
  await reader.page.waitForURL(/\/staff$/);
  return reader;
}

/** An export with 8 good orders, one changed since an earlier import, and two bad rows. */
function exportWithProblems(prefix: string) {
  const rows = generatedRows(8, prefix);
  const noRegion = exportRow(8, prefix);
  noRegion[4] = '';
  const badTime = exportRow(9, prefix);
  badTime[1] = '上周三';
  return csvExport([...rows, noRegion, badTime]);
}

/** An earlier import of the same orders, through the upload API. */
async function importEarlier(file: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'earlier.csv');
  const token = await login(env.runtime.app, 'dispatcher');
  const res = await env.runtime.app.request('/api/v1/12345/imports', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(202);
  await env.runtime.importRunner.drain();
}

describe('12345 import in the browser', () => {
  it('uploads with JavaScript off and the page refreshes itself to the summary', async () => {
    // Arrange
    const { context, page, problems } = await signedIn('dispatcher', { javaScript: false });
    await page.goto(env.url('/staff/work-orders'));

    // Act
    await page.setInputFiles('#f-file', {
      name: '三月工单.csv',
      mimeType: 'text/csv',
      buffer: exportWithProblems('BR'),
    });
    await page.click('form.ch-upload button[type=submit]');
    await page.waitForURL(/\/staff\/work-orders\/imports\//);
    // Polled from here: with JavaScript off the page cannot be asked to wait; it refreshes itself.
    await expect.poll(() => page.textContent('h1'), { timeout: 60_000, interval: 500 }).toBe('导入完成');
    const summary = await page.textContent('main');

    // Assert
    expect(summary).toContain('已处理 10 / 10 行');
    expect(summary).toContain('“所属区域”');
    expect(await page.locator('table.ad-table tbody tr').count()).toBe(2);
    expect(problems).toEqual([]); // axe needs JavaScript: the next test checks these pages with it on
    await context.close();
  }, 120_000);

  it('looks right in both languages on a phone and a desktop (pictures), with no serious axe finding', async () => {
    for (const lang of ['zh-CN', 'en'] as Lang[]) {
      for (const phone of [false, true]) {
        // Arrange
        const suffix = `${lang === 'en' ? 'en' : 'zh'}${phone ? '' : '-desktop'}`;
        const { context, page, problems } = await signedIn('dispatcher', { lang, phone });
        await page.goto(env.url('/staff/work-orders'));
        await page.click('form.ch-upload button[type=submit]');
        const formViolations = await seriousA11yViolations(page);
        await screenshot(page, `${SHOTS}/work-orders-error-${suffix}.png`);

        // The platform changed order 1 since an earlier import: the summary lists it as changed.
        const prefix = `S${suffix.replace(/-/g, '')}`;
        const earlier = exportRow(1, prefix);
        earlier[2] = '家长来电反映：学校周六组织全年级到校补课，每人收费两百元';
        await importEarlier(csvExport([earlier]));

        // Act
        await page.setInputFiles('#f-file', {
          name: 'export.csv',
          mimeType: 'text/csv',
          buffer: exportWithProblems(prefix),
        });
        await page.click('form.ch-upload button[type=submit]');
        await page.waitForSelector('.ad-table', { timeout: 60_000 });
        const jobViolations = await seriousA11yViolations(page);
        await screenshot(page, `${SHOTS}/work-orders-summary-${suffix}.png`);
        await page.goto(env.url('/staff/dev/mailbox'));
        const mailViolations = await seriousA11yViolations(page);
        await screenshot(page, `${SHOTS}/dev-mailbox-${suffix}.png`);
        await page.click('main .ch-mail a');
        await screenshot(page, `${SHOTS}/dev-mailbox-message-${suffix}.png`);
        const messageViolations = await seriousA11yViolations(page);

        // Assert
        expect([formViolations, jobViolations, mailViolations, messageViolations]).toEqual([[], [], [], []]);
        expect(problems).toEqual([]);
        await context.close();
      }
    }
  }, 300_000);

  it('an admin sees failed notifications (axe, pictures)', async () => {
    // Arrange
    const receipt = await (await postJson(env.runtime.app, '/api/v1/complaints', validComplaint())).json();
    const caseId = String((receipt as { trackingCode: string }).trackingCode).replace('-', '');
    await env.runtime.deps.notifications?.deadLetters.add({
      ...{ id: `${caseId}.2.0`, kind: 'assignment', to: { office: 'OFFICE_LONGSHUI' }, caseId },
      ...{ message: 'm', messageEn: 'm', at: '2026-03-02T02:00:00.000Z', attempts: 5 },
      ...{
        nextAttemptAt: '2026-03-02T02:10:00.000Z',
        lastError: 'MailRefused',
        failedAt: '2026-03-02T02:10:00.000Z',
      },
    });
    for (const lang of ['zh-CN', 'en'] as Lang[]) {
      const { context, page, problems } = await signedIn('admin', { lang });

      // Act
      await page.goto(env.url('/staff/admin/dead-letters'));
      const violations = await seriousA11yViolations(page);
      await screenshot(page, `${SHOTS}/dead-letters-${lang === 'en' ? 'en' : 'zh'}-desktop.png`);

      // Assert
      expect(await page.locator('table.ad-table tbody tr').count()).toBe(1);
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
