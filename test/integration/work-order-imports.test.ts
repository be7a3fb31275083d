/**
 * 12345 file imports through the upload route: the job moves to a summary (created, unchanged, changed,
 * rejected with row and column), the same file again says unchanged, and every refusal of the file
 * itself is a 4xx naming the field `file`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkOrderFile } from '../../functions/http/work-order-file.js';
import { MAX_IMPORT_BYTES } from '../../functions/http/work-order-upload.js';
import { inlineImportRunner, startImportJob } from '../../functions/services/work-order-imports.js';
import { asStaff, json, login, testRuntime } from '../support/runtime.js';
import { csvExport, exportRow, fileForm, generatedRows, xlsxExport } from '../support/work-order-files.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let dispatcher: string;
beforeAll(async () => {
  rt = await testRuntime({ channels: { deliveryPaused: true } });
  dispatcher = await login(rt.app, 'dispatcher');
}, 60_000);
afterAll(async () => rt.close());

// Not asStaff: it would send the body as JSON; the form sets its own multipart type and boundary.
const upload = (token: string, form: FormData) =>
  rt.app.request('/api/v1/12345/imports', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });

/** Polls the job until it is no longer running (the runner works in the background). */
async function finished(token: string, id: string) {
  for (;;) {
    const job = await json(asStaff(rt.app, token, `/api/v1/12345/imports/${id}`));
    if (job.status !== 'running') return job;
    await rt.importRunner.drain();
  }
}

describe('12345 file import jobs', () => {
  it('imports an uploaded CSV to a summary; the same file again is unchanged', async () => {
    // Arrange: 101 orders (two chunks), and one with a bad 来电时间
    const rows = generatedRows(101, 'UP');
    const bad = exportRow(101, 'UP');
    bad[1] = '昨天上午';
    const file = csvExport([...rows, bad]);

    // Act
    const res = await upload(dispatcher, fileForm('工单导出.csv', file));
    const started = await json(res);
    const first = await finished(dispatcher, started.id);
    const again = await finished(
      dispatcher,
      (await json(upload(dispatcher, fileForm('工单导出.csv', file)))).id,
    );

    // Assert
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/v1/12345/imports/${started.id}`);
    expect(first).toMatchObject({ status: 'done', total: 102, processed: 102, created: 101, rejected: 1 });
    expect(first.rows).toEqual([
      expect.objectContaining({
        row: 103,
        result: 'rejected',
        problems: [expect.objectContaining({ path: '来电时间' })],
      }),
    ]);
    expect(again).toMatchObject({ status: 'done', created: 0, unchanged: 101, changed: 0, rejected: 1 });
  }, 180_000);

  it('reports a changed order and does not apply it; reads xlsx', async () => {
    // Arrange
    const original = exportRow(1, 'CH');
    await finished(
      dispatcher,
      (await json(upload(dispatcher, fileForm('a.xlsx', await xlsxExport([original]))))).id,
    );
    const edited = [...original];
    edited[2] = '内容被平台修改过：学校周六组织全年级补课并收取费用';

    // Act
    const res = await upload(dispatcher, fileForm('b.xlsx', await xlsxExport([edited])));
    const job = await finished(dispatcher, (await json(res)).id);

    // Assert: the changed row names the case the order filed the first time.
    expect(job).toMatchObject({
      created: 0,
      changed: 1,
      rows: [{ row: 2, orderNo: 'CH000001', result: 'changed', trackingCode: expect.any(String) }],
    });
    const filed = await json(asStaff(rt.app, dispatcher, `/api/v1/cases/${job.rows[0].trackingCode}`));
    expect(filed.channel).toBe('12345');
    expect(filed.description).toBe(original[2]);
  });

  it.each([
    ['no file', new FormData(), 400, 'required'],
    ['a wrong type', fileForm('orders.pdf', Buffer.from('%PDF-1.7')), 400, 'invalid_format'],
    ['an unreadable xlsx', fileForm('orders.xlsx', Buffer.from('not a zip at all')), 400, 'invalid'],
    ['a CSV without the columns', fileForm('o.csv', Buffer.from('a,b\n1,2\n')), 400, 'invalid'],
    [
      'a file over the limit',
      fileForm('big.csv', Buffer.alloc(MAX_IMPORT_BYTES + 10, 0x41)),
      413,
      'out_of_range',
    ],
  ])('refuses %s naming the field', async (_name, form, status, code) => {
    // Act
    const res = await upload(dispatcher, form);
    const body = await json(res);

    // Assert
    expect(res.status).toBe(status);
    expect(body.error.fields).toEqual([expect.objectContaining({ path: 'file', code })]);
  });

  it('runs inline (AWS), stops between chunks once the request time is spent; importing again finishes', async () => {
    // Arrange: a clock that jumps 2 s whenever the runner asks, against a budget of 1 s
    const wo = rt.deps.workOrders;
    const imports = wo?.imports;
    if (!wo || !imports) throw new Error('no imports');
    let now = 0;
    const late = inlineImportRunner(5000, 1000, () => {
      now += 2000;
      return now;
    });
    const inTime = inlineImportRunner(5000, 60_000, () => 0);
    const rows = await readWorkOrderFile('a.csv', csvExport(generatedRows(120, 'IN')));
    const withRunner = (runner: typeof late) => ({
      ...rt.deps,
      workOrders: wo,
      imports: { ...imports, runner },
    });

    // Act
    const first = await startImportJob(withRunner(late), { username: 'dispatcher' }, 'a.csv', rows);
    const again = await startImportJob(withRunner(inTime), { username: 'dispatcher' }, 'a.csv', rows);

    // Assert
    expect(first).toMatchObject({ status: 'failed', total: 120, processed: 100, created: 100 });
    expect(again).toMatchObject({ status: 'done', processed: 120, unchanged: 100, created: 20 });
  }, 120_000);

  it('lets only operators and dispatchers import', async () => {
    // Arrange
    const admin = await login(rt.app, 'admin');
    const form = fileForm('o.csv', csvExport([exportRow(1, 'NO')]));

    // Act
    const asAdmin = await upload(admin, form);
    const anonymous = await rt.app.request('/api/v1/12345/imports', { method: 'POST', body: form });
    const unknown = await asStaff(rt.app, dispatcher, '/api/v1/12345/imports/nosuchjob');

    // Assert
    expect(asAdmin.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(unknown.status).toBe(404);
  });
});
