/**
 * 12345 import figure: a 5,000-row CSV export (the platform's columns) read and imported into the
 * embedded runtime (in memory, workflow running), with progress printed as it goes; then the same
 * file again (every row unchanged). ROWS overrides the size.
 */

import { silentLogger } from '../../functions/http/logger.js';
import { readWorkOrderFile } from '../../functions/http/work-order-file.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { importWorkOrders } from '../../functions/services/work-orders.js';

const header = '工单编号,来电时间,诉求内容,诉求类型,所属区域,办理时限,联系人,联系电话,是否保密';
const types = ['1301010100', '1301020100', '1301030300', '1301030100', '9999999999'];
const regions = ['龙水镇', '邮亭镇', '棠香街道', '三驱镇', '宝顶镇'];

export function exportFile(rows: number): Buffer {
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const phone = i % 3 === 0 ? `139${String(10_000_000 + i).slice(-8)}` : '';
    lines.push(
      [
        `GD2026${String(i).padStart(6, '0')}`,
        '2026-03-02 09:30',
        `"第${i}号工单：学校三年级每天书面作业超过两小时，家长反映孩子睡眠不足"`,
        types[i % types.length],
        regions[i % regions.length],
        i % 2 === 0 ? '2026-03-20' : '',
        phone ? '家长' : '',
        phone,
        i % 4 === 0 ? '是' : '否',
      ].join(','),
    );
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function benchImport12345(rows = Number(process.env.ROWS ?? 5000)) {
  const rt = await startRuntime({ logger: silentLogger, channels: { deliveryPaused: true } });
  try {
    const deps = { ...rt.deps, workOrders: rt.deps.workOrders as NonNullable<typeof rt.deps.workOrders> };
    const file = exportFile(rows);
    const t0 = performance.now();
    const parsed = await readWorkOrderFile('export.csv', file);
    const tRead = performance.now() - t0;
    let shown = 0;
    const first = await importWorkOrders(deps, parsed, {
      onProgress: (s) => {
        if (s.processed - shown >= rows / 5 || s.processed === s.total) {
          shown = s.processed;
          console.log(`  progress ${s.processed}/${s.total} (created ${s.created}, rejected ${s.rejected})`);
        }
      },
    });
    const tFirst = performance.now() - t0;
    const t1 = performance.now();
    const second = await importWorkOrders(deps, await readWorkOrderFile('export.csv', file));
    const tSecond = performance.now() - t1;
    return {
      rows,
      readMs: Math.round(tRead),
      firstImportS: Math.round(tFirst / 100) / 10,
      firstRowsPerS: Math.round(rows / (tFirst / 1000)),
      first: {
        created: first.created,
        unchanged: first.unchanged,
        changed: first.changed,
        rejected: first.rejected,
      },
      againS: Math.round(tSecond / 100) / 10,
      again: {
        created: second.created,
        unchanged: second.unchanged,
        changed: second.changed,
        rejected: second.rejected,
      },
    };
  } finally {
    await rt.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchImport12345());
}
