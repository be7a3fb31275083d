import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Lang } from './browser.js';
import { closeCase, fileViaApi } from './case-flow.js';
import { makePng } from './images.js';
import { csvExport, exportRow } from './work-order-files.js';

type Rt = Parameters<typeof fileViaApi>[0];

/**
 * Walks a reader through every page (and the error states of the forms), yielding a short name at
 * each stop. The screenshot script and the axe test both use it, so a page added here is checked in
 * both languages and pictured.
 */
export async function* pageTour(
  page: Page,
  url: (path: string) => string,
  lang: Lang,
  rt: Rt,
): AsyncGenerator<string> {
  const en = lang === 'en';
  await page.goto(url('/'));
  yield 'home';

  await page.goto(url('/report'));
  yield 'report-1-kind';
  await page.click('button[value=continue]');
  yield 'report-1-kind-error';
  await page.check('input[name=category][value=HOMEWORK_OVERLOAD]');
  await page.click('button[value=continue]');
  await page.selectOption('select[name=area]', 'LONGSHUI');
  await page.check('input[name="subject.kind"][value=school]');
  await page.fill('input[name="subject.name"]', '龙水镇第一小学');
  yield 'report-2-where';
  await page.click('button[value=continue]');
  await page.fill('textarea[name=description]', en ? 'Too much' : '作业太多');
  await page.click('button[value=continue]');
  yield 'report-3-what-error';
  await page.fill(
    'textarea[name=description]',
    en
      ? 'Grade 3 gets over two hours of written homework every night.'
      : '三年级每天书面作业超过两个小时，孩子经常写到晚上十点。',
  );
  await page.selectOption('select[name=grade]', '3');
  await page.click('button[value=continue]');
  await page.setInputFiles('input[name=photos]', {
    name: 'homework.png',
    mimeType: 'image/png',
    buffer: makePng({ width: 32, height: 24 }),
  });
  await page.click('button[value=upload]');
  yield 'report-4-photos';
  await page.click('button[value=continue]');
  yield 'report-4-contact';
  await page.check('input[name=anonymous][value=no]');
  await page.fill('input[name="reporter.phone"]', '023-43721234');
  await page.click('button[value=continue]');
  yield 'report-5-review';
  await page.click('button[value=submit]');
  yield 'report-6-done';

  const open = await fileViaApi(rt);
  await page.goto(url('/track'));
  yield 'track';
  await page.fill('#f-trackingCode', open.trackingCode);
  await page.fill('#f-accessCode', 'WRONGCODE');
  await page.click('main form button');
  yield 'track-not-found';
  await page.fill('#f-accessCode', open.accessCode);
  await page.click('main form button');
  yield 'track-open';

  const closed = await fileViaApi(rt);
  await closeCase(rt, closed.trackingCode);
  await page.goto(url('/track'));
  await page.fill('#f-trackingCode', closed.trackingCode);
  await page.fill('#f-accessCode', closed.accessCode);
  await page.click('main form button');
  yield 'track-closed-rate';

  await page.goto(url('/no-such-page'));
  yield 'not-found';

  await page.goto(url('/staff/login'));
  yield 'staff-login';
  await page.fill('#f-username', 'operator');
  await page.fill('#f-password', 'duban-demo');
  await page.click('main form button');
  yield 'staff-home';
  await page.goto(url('/staff/intake'));
  yield 'staff-intake';
  await page.click('form.intake button[type=submit]');
  yield 'staff-intake-error';
  await page.selectOption('#f-category', 'TEACHER_PAID_TUTORING');
  await page.selectOption('#f-area', 'LONGGANG');
  await page.selectOption('#f-subject-kind', 'teacher');
  await page.fill('#f-subject-name', '大足区实验中学 李老师');
  await page.fill('#f-description', '李老师周末在家里给本班学生有偿补课，每次两小时收费两百元。');
  await page.fill('#f-reporter-phone', '023-43721234');
  await page.click('form.intake button[type=submit]');
  yield 'staff-intake-done';

  // 12345 import (operators and dispatchers): the form, then a small export with one bad row.
  await page.goto(url('/staff/work-orders'));
  yield 'staff-work-orders';
  const prefix = `T${randomUUID().slice(0, 8)}`;
  const bad = exportRow(2, prefix);
  bad[1] = en ? 'last Wednesday' : '上周三';
  await page.setInputFiles('#f-file', {
    name: en ? 'march-orders.csv' : '三月工单.csv',
    mimeType: 'text/csv',
    buffer: csvExport([exportRow(0, prefix), exportRow(1, prefix), bad]),
  });
  await page.click('form.ch-upload button[type=submit]');
  await page.waitForSelector('main .ch-section', { timeout: 90_000 }); // shown once the import is done
  yield 'staff-work-orders-summary';
  await page.goto(url('/staff/dev/mailbox'));
  yield 'staff-dev-mailbox';
  await page.click('form[action="/staff/logout"] button');
}
