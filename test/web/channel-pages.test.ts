/**
 * Channel pages through app.request(): the 12345 upload form and its import job (progress, summary,
 * every refusal of the file next to the field), the development mailbox, and the failed-notification
 * list an admin retries from — who may open each, in both languages, with JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../functions/http/work-order-upload.js';
import { STAFF_UPLOAD_LIMITS } from '../../web/page-stack.js';
import { formPost, type PageResult, pageGet } from '../support/pages.js';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';
import { csvExport, exportRow, fileForm, generatedRows } from '../support/work-order-files.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;

async function signIn(username: string, lang = 'zh-CN'): Promise<PageResult> {
  const form = await pageGet(rt.app, '/staff/login', { 'accept-language': lang });
  const done = await formPost(rt.app, '/staff/login', form, { username, password: 'duban-demo' });
  expect(done.status).toBe(303);
  return { ...done, csrf: form.csrf };
}
const get = (who: PageResult, path: string, lang = 'zh-CN') =>
  pageGet(rt.app, path, { cookie: who.cookies, 'accept-language': lang });

/** Posts the upload form as a browser does: multipart, with the page's CSRF token. */
async function uploadPage(who: PageResult, name: string | undefined, data?: Buffer, lang = 'zh-CN') {
  const page = await get(who, '/staff/work-orders', lang);
  const form = name && data ? fileForm(name, data, 'file', { _csrf: page.csrf ?? '' }) : new FormData();
  if (!name) form.append('_csrf', page.csrf ?? '');
  const res = await rt.app.request('http://localhost/staff/work-orders', {
    method: 'POST',
    body: form,
    headers: { origin: 'http://localhost', cookie: page.cookies, 'accept-language': lang },
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

beforeAll(async () => {
  rt = await testRuntime({ channels: { deliveryPaused: true } });
}, 60_000);
afterAll(async () => rt?.close());

describe('12345 import pages', () => {
  it('sends an anonymous reader to the login page and refuses roles that do not import (403)', async () => {
    // Arrange
    const admin = await signIn('admin');
    const inspector = await signIn('inspector-a', 'en');

    // Act
    const anonymous = await pageGet(rt.app, '/staff/work-orders');
    const asAdmin = await get(admin, '/staff/work-orders');
    const asInspector = await get(inspector, '/staff/work-orders/imports/x', 'en');

    // Assert
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe('/staff/login?next=%2Fstaff%2Fwork-orders');
    expect(asAdmin.status).toBe(403);
    expect(asAdmin.html).toContain('没有权限');
    expect(asInspector.status).toBe(403);
    expect(asInspector.html).toContain('Not allowed');
  });

  it('shows the form with the columns and the replies download, linked from the navigation', async () => {
    // Arrange
    const dispatcher = await signIn('dispatcher');

    // Act
    const page = await get(dispatcher, '/staff/work-orders');
    const home = await get(dispatcher, '/staff');

    // Assert
    expect(page.status).toBe(200);
    expect(page.html).toContain('enctype="multipart/form-data"');
    expect(page.html).toContain('<code>工单编号</code>');
    expect(page.html).toContain('href="/api/v1/12345/replies.xlsx"');
    expect(home.html).toContain('href="/staff/work-orders"');
  });

  it.each([
    ['no file', undefined, undefined, 400, '请选择要导入的工单文件'],
    ['a wrong type', 'orders.docx', Buffer.from('PK\u0003\u0004 word'), 400, '只能导入 CSV 或 Excel'],
    ['an unreadable file', 'orders.xlsx', Buffer.from('plain text'), 400, '文件无法读取'],
  ])(
    'says what is wrong with %s next to the field and in the summary',
    async (_n, name, data, status, text) => {
      // Arrange
      const dispatcher = await signIn('dispatcher');

      // Act
      const res = await uploadPage(dispatcher, name, data);

      // Assert
      expect(res.status).toBe(status);
      expect(res.html).toContain('class="error-summary"');
      expect(res.html).toContain('id="f-file-error"');
      expect(res.html.split(text).length - 1).toBe(2); // the summary and next to the field
    },
  );

  it('sends a file over the limit back to the form, which says so next to the field', async () => {
    // Arrange
    const dispatcher = await signIn('dispatcher');

    // Act
    const res = await uploadPage(dispatcher, 'big.csv', Buffer.alloc(MAX_IMPORT_BYTES + 100_000, 0x41));
    const back = await get(dispatcher, res.location ?? '');

    // Assert
    expect(res.status).toBe(303);
    expect(res.location).toBe('/staff/work-orders?refused=too_large');
    expect(back.html).toContain('id="f-file-error"');
    expect(back.html.split('文件不能超过 2 MB').length - 1).toBe(2);
    expect(STAFF_UPLOAD_LIMITS['/staff/work-orders']).toBe(MAX_IMPORT_BYTES + 64 * 1024);
  });

  it('uploads, shows progress that refreshes itself, then the summary with each bad row', async () => {
    // Arrange
    const operator = await signIn('operator', 'en');
    const bad = exportRow(3, 'PG');
    bad[4] = '';
    const file = csvExport([...generatedRows(3, 'PG'), bad]);

    // Act
    const res = await uploadPage(operator, 'export.csv', file, 'en');
    const location = res.location ?? '';
    await rt.importRunner.drain();
    const done = await get(operator, location, 'en');

    // Assert
    expect(res.status).toBe(303);
    expect(location).toMatch(/^\/staff\/work-orders\/imports\/[\w-]+$/);
    expect(done.headers.get('refresh')).toBeNull();
    expect(done.html).toContain('Import finished');
    expect(done.html).toMatch(/Cases created<\/span><span class="ad-tile-value">3</);
    expect(done.html).toMatch(
      /<th scope="row" class="ch-nowrap">5<\/th><td class="ch-nowrap">PG000003<\/td>/,
    );
    expect(done.html).toContain('Enter 所属区域');
  });

  it('shows a running import with its progress and refreshes every 2 seconds', async () => {
    // Arrange: a job half way (as the runner saves it after each chunk)
    const dispatcher = await signIn('dispatcher');
    const at = rt.clock.now().toISOString();
    await rt.deps.workOrders?.imports?.jobs.save({
      ...{ id: 'halfway', fileName: '三月工单.xlsx', createdBy: 'dispatcher', createdAt: at, updatedAt: at },
      ...{
        status: 'running',
        total: 300,
        processed: 100,
        created: 98,
        unchanged: 0,
        changed: 0,
        rejected: 2,
      },
      ...{ rows: [], moreRows: 0 },
    });

    // Act
    const page = await get(dispatcher, '/staff/work-orders/imports/halfway');

    // Assert
    expect(page.status).toBe(200);
    expect(page.headers.get('refresh')).toBe('2');
    expect(page.html).toContain('<progress id="ch-progress" class="ch-progress" max="300" value="100">');
    expect(page.html).toContain('已处理 100 / 300 行');
    expect(page.html).not.toContain('导入另一个文件');
  });

  it('answers 404 in words for an unknown import', async () => {
    // Arrange
    const dispatcher = await signIn('dispatcher');
    // Act
    const res = await get(dispatcher, '/staff/work-orders/imports/nope');
    // Assert
    expect(res.status).toBe(404);
    expect(res.html).toContain('找不到这次导入');
  });
});

describe('development mailbox page', () => {
  it('lists what was sent with masked recipients and opens one message', async () => {
    // Arrange
    await postJson(rt.app, '/api/v1/complaints', validComplaint());
    await rt.runner?.settle();
    await rt.channels.delivery.drain();
    const operator = await signIn('operator');

    // Act
    const list = await get(operator, '/staff/dev/mailbox');
    const first = list.html.match(/href="(\/staff\/dev\/mailbox\/[^"]+)"/)?.[1] ?? '';
    const one = await get(operator, first);
    const anonymous = await pageGet(rt.app, '/staff/dev/mailbox');
    const api = await json(asStaff(rt.app, await login(rt.app, 'operator'), '/api/v1/dev/mailbox'));

    // Assert
    expect(list.status).toBe(200);
    expect(list.html).toContain('href="/staff/dev/mailbox"'); // in the navigation
    expect(list.html).toContain('138****5678');
    expect(list.html).toContain('w***@example.cn');
    expect(list.html).not.toContain('13812345678');
    expect(list.html).not.toContain('wang@example.cn');
    expect(one.status).toBe(200);
    expect(one.html).toContain('class="ch-message"');
    expect(anonymous.status).toBe(303);
    expect(api.items.map((m: { to: string }) => m.to)).toContain('138****5678');
    expect(JSON.stringify(api)).not.toContain('13812345678');
  });
});

describe('failed notifications page', () => {
  it('lets an admin send a failed notification again (POST → 303 → message); others get 403', async () => {
    // Arrange
    const receipt = await json(postJson(rt.app, '/api/v1/complaints', validComplaint()));
    const caseId = String(receipt.trackingCode).replace('-', '');
    const notifications = rt.deps.notifications;
    if (!notifications) throw new Error('no notifications');
    await notifications.deadLetters.add({
      id: `${caseId}.9.0`,
      kind: 'assignment',
      to: { office: 'OFFICE_LONGSHUI' },
      caseId,
      message: 'm',
      messageEn: 'm',
      at: '2026-03-02T02:00:00.000Z',
      attempts: 5,
      nextAttemptAt: '2026-03-02T02:10:00.000Z',
      lastError: 'MailRefused',
      failedAt: '2026-03-02T02:10:00.000Z',
    });
    const admin = await signIn('admin');
    const dispatcher = await signIn('dispatcher');

    // Act
    const list = await get(admin, '/staff/admin/dead-letters');
    const retried = await formPost(rt.app, `/staff/admin/dead-letters/${caseId}.9.0/retry`, list, {});
    const after = await get(admin, retried.location ?? '');
    const again = await formPost(rt.app, `/staff/admin/dead-letters/${caseId}.9.0/retry`, list, {});
    const forbidden = await get(dispatcher, '/staff/admin/dead-letters');

    // Assert
    expect(list.status).toBe(200);
    expect(list.html).toContain('新分派');
    expect(list.html).toContain('龙水片区督导室（工作人员邮件）');
    expect(list.html).toContain('MailRefused');
    expect(retried.status).toBe(303);
    expect(after.html).toContain('“新分派”已重新排队发送。');
    expect(after.html).toContain('没有发送失败的通知。');
    expect(again.location).toBe('/staff/admin/dead-letters?done=gone');
    expect(forbidden.status).toBe(403);
  });
});
