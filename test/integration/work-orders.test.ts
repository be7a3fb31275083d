/**
 * 12345 work orders: a file imported twice changes nothing the second time, a changed order is
 * reported and not applied, bad rows are reported by row and column without stopping the good ones,
 * unmapped orders wait for triage, the platform's earlier deadline wins, replies go back as JSON and
 * xlsx without the reporter's details.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkOrderFile } from '../../functions/http/work-order-file.js';
import { importWorkOrders } from '../../functions/services/work-orders.js';
import { asStaff, json, login, testRuntime } from '../support/runtime.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let dispatcher: string;
beforeAll(async () => {
  rt = await testRuntime({ channels: { deliveryPaused: true } });
  dispatcher = await login(rt.app, 'dispatcher');
}, 60_000);
afterAll(async () => rt.close());

const header = '工单编号,来电时间,诉求内容,诉求类型,所属区域,办理时限,联系人,联系电话,是否保密';
const csv = (...lines: string[]) => Buffer.from(`\uFEFF${[header, ...lines].join('\r\n')}\r\n`, 'utf8');
const good = (no: string, extra = '') =>
  `${no},2026-03-02 09:30,"孩子所在学校三年级每天作业超过两小时，家长反映强烈",1301010100,龙水镇,2026-03-04,李女士,13912345678,是${extra}`;

const deps = () => ({ ...rt.deps, workOrders: rt.deps.workOrders as NonNullable<typeof rt.deps.workOrders> });

describe('12345 work-order import', () => {
  it('imports a file once: the same file again changes nothing and says so', async () => {
    // Arrange
    const file = csv(good('GD-0001'), good('GD-0002'));

    // Act
    const first = await importWorkOrders(deps(), await readWorkOrderFile('orders.csv', file));
    const second = await importWorkOrders(deps(), await readWorkOrderFile('orders.csv', file));
    await rt.runner?.settle();

    // Assert
    expect(first).toMatchObject({ total: 2, created: 2, unchanged: 0, changed: 0, rejected: 0 });
    expect(second).toMatchObject({ total: 2, created: 0, unchanged: 2, changed: 0, rejected: 0 });
    const list = await json(asStaff(rt.app, dispatcher, '/api/v1/cases?status=assigned'));
    const filed = list.items.filter((c: { channel: string }) => c.channel === '12345');
    expect(filed).toHaveLength(2);
  });

  it('routes with the earlier of the platform deadline and ours', async () => {
    // Arrange: the platform wants it by 4 March; our 15 working days end on 23 March.
    await importWorkOrders(deps(), await readWorkOrderFile('o.csv', csv(good('GD-0003'))));
    const late = good('GD-0004').replace('2026-03-04', '2026-06-30');
    await importWorkOrders(deps(), await readWorkOrderFile('o.csv', csv(late)));
    await rt.runner?.settle();

    // Act
    const list = await json(asStaff(rt.app, dispatcher, '/api/v1/cases?status=assigned'));
    const records = await Promise.all(
      list.items.map((c: { trackingCode: string }) => rt.store.getCase(c.trackingCode.replace('-', ''))),
    );
    const byOrder = (no: string) => records.find((r) => r?.workOrder?.orderNo === no);

    // Assert
    expect(byOrder('GD-0003')?.deadline).toBe('2026-03-04T15:59:59.999Z'); // the platform's
    expect(byOrder('GD-0004')?.deadline).toBe('2026-03-23T15:59:59.999Z'); // ours: 15 working days
    expect(byOrder('GD-0003')?.workOrder).toMatchObject({ confidential: true, region: '龙水镇' });
  });

  it('reports a changed order without applying it', async () => {
    // Arrange
    const changed = csv(good('GD-0001').replace('三年级', '五年级'));

    // Act
    const summary = await importWorkOrders(deps(), await readWorkOrderFile('o.csv', changed));

    // Assert
    expect(summary).toMatchObject({ created: 0, unchanged: 0, changed: 1 });
    expect(summary.rows).toEqual([
      { row: 2, orderNo: 'GD-0001', result: 'changed', trackingCode: expect.any(String) },
    ]);
    const row = summary.rows[0] as { trackingCode: string };
    const filed = await rt.store.getCase(row.trackingCode.replace('-', ''));
    expect(filed?.workOrder?.orderNo).toBe('GD-0001');
    expect(filed?.description).toContain('三年级');
  });

  it('reports bad rows by row and column and imports the good ones', async () => {
    // Arrange
    const file = csv(
      good('GD-0101'),
      'GD-0102,not a time,"太短",1301010100,龙水镇,,,,否',
      good('GD-0103').replace('13912345678', '12345'),
      good('GD 0104'),
      good('GD-0105'),
    );

    // Act
    const summary = await importWorkOrders(deps(), await readWorkOrderFile('o.csv', file));

    // Assert
    expect(summary).toMatchObject({ total: 5, created: 2, rejected: 3 });
    const problems = summary.rows.map((r) => [r.row, 'problems' in r ? r.problems.map((p) => p.path) : []]);
    expect(problems).toEqual([
      [3, ['来电时间', '诉求内容']],
      [4, ['联系电话']],
      [5, ['工单编号']],
    ]);
  });

  it('sends an order whose type maps to nothing to the dispatcher triage queue', async () => {
    // Arrange
    const file = csv(good('GD-0201').replace('1301010100', '9999999999'));

    // Act
    const summary = await importWorkOrders(deps(), await readWorkOrderFile('o.csv', file));
    await rt.runner?.settle();
    const unrouted = await json(asStaff(rt.app, dispatcher, '/api/v1/cases?queue=unrouted'));

    // Assert
    expect(summary.created).toBe(1);
    const code = unrouted.items?.find((c: { channel: string }) => c.channel === '12345')?.trackingCode;
    const record = await rt.store.getCase(String(code).replace('-', ''));
    expect(record).toMatchObject({
      status: 'submitted',
      category: '',
      workOrder: { typeCode: '9999999999' },
    });
  });

  it('reads the same orders from an xlsx export', async () => {
    // Arrange
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('工单');
    sheet.addRow(header.split(','));
    sheet.addRow([
      'GD-0301',
      '2026-03-02 09:30',
      '学校周末组织学生到校补课，收取费用',
      '1301020100',
      '邮亭镇',
      '',
      '',
      '',
      '否',
    ]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());

    // Act
    const rows = await readWorkOrderFile('export.xlsx', data);
    const summary = await importWorkOrders(deps(), rows);

    // Assert
    expect(summary).toMatchObject({ total: 1, created: 1 });
  });

  it('takes JSON batches from a platform and gives replies back by cursor, never with contact details', async () => {
    // Arrange
    const op = await login(rt.app, 'operator');
    const batch = await asStaff(rt.app, op, '/api/v1/12345/work-orders', {
      method: 'POST',
      body: JSON.stringify({
        orders: [
          {
            orderNo: 'GD-0401',
            calledAt: '2026-03-02 10:00',
            content: '培训机构晚上九点以后仍在上课，影响孩子休息',
            typeCode: '1301030300',
            region: '邮亭镇',
            contactName: '赵先生',
            contactPhone: '13700001111',
            confidential: true,
          },
          { orderNo: 'GD-0402', content: '短' },
        ],
      }),
    });
    await rt.runner?.settle();

    // Act
    const first = await json(asStaff(rt.app, op, '/api/v1/12345/replies'));
    const again = await json(
      asStaff(rt.app, op, `/api/v1/12345/replies?since=${encodeURIComponent(first.cursor)}`),
    );
    const xlsx = await asStaff(rt.app, op, '/api/v1/12345/replies.xlsx');

    // Assert
    expect(batch.status).toBe(200);
    expect(await json(batch)).toMatchObject({ created: 1, rejected: 1 });
    expect(first.items.map((r: Record<string, string>) => r['工单编号'])).toContain('GD-0401');
    expect(first.items.find((r: Record<string, string>) => r['工单编号'] === 'GD-0401')).toMatchObject({
      办理状态: '已分派',
      承办单位: '邮亭片区督导室',
    });
    expect(again.items).toEqual([]);
    expect(JSON.stringify(first)).not.toMatch(/赵先生|13700001111|李女士|13912345678/);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      '工单编号',
      '办理状态',
      '办理结果',
      '答复内容',
      '办结时间',
      '承办单位',
    ]);
    const cells = JSON.stringify(sheet?.getSheetValues());
    expect(cells).toContain('GD-0401');
    expect(cells).not.toMatch(/赵先生|13700001111/);
    const leader = await asStaff(rt.app, await login(rt.app, 'leader'), '/api/v1/12345/replies');
    expect(leader.status).toBe(403);
  });

  it('lets an admin edit the mapping, refusing targets that do not exist', async () => {
    // Arrange
    const admin = await login(rt.app, 'admin');
    const current = await json(asStaff(rt.app, admin, '/api/v1/admin/12345/mapping'));

    // Act
    const bad = await asStaff(rt.app, admin, '/api/v1/admin/12345/mapping', {
      method: 'PUT',
      body: JSON.stringify({
        types: { ...current.types, '9999999999': 'NO_SUCH' },
        regions: current.regions,
      }),
    });
    const ok = await asStaff(rt.app, admin, '/api/v1/admin/12345/mapping', {
      method: 'PUT',
      body: JSON.stringify({ types: { ...current.types, '9999999999': 'OTHER' }, regions: current.regions }),
    });

    // Assert
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.fields[0].path).toBe('types.9999999999');
    expect(ok.status).toBe(200);
    expect((await json(ok)).version).toBe(current.version + 1);
  });

  it('saves a mapping edit only on the version read: of two admins at once one gets 409, nothing lost', async () => {
    // Arrange
    const admin = await login(rt.app, 'admin');
    const current = await json(asStaff(rt.app, admin, '/api/v1/admin/12345/mapping'));
    const put = (code: string, target: string, ifMatch?: number) =>
      asStaff(rt.app, admin, '/api/v1/admin/12345/mapping', {
        method: 'PUT',
        headers: ifMatch === undefined ? {} : { 'if-match': String(ifMatch) },
        body: JSON.stringify({ types: { ...current.types, [code]: target }, regions: current.regions }),
      });
    // Act
    const [a, b] = await Promise.all([
      put('8888888881', 'OTHER', current.version),
      put('8888888882', 'OTHER', current.version),
    ]);
    const stale = await put('8888888883', 'OTHER', current.version);
    const after = await json(asStaff(rt.app, admin, '/api/v1/admin/12345/mapping'));
    // Assert
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await json(a.status === 409 ? a : b)).error.code).toBe('VERSION_CONFLICT');
    expect(stale.status).toBe(409);
    expect(after.version).toBe(current.version + 1);
    const winner = a.status === 200 ? '8888888881' : '8888888882';
    expect(after.types[winner]).toBe('OTHER');
  });
});
