/**
 * 12345 platform exports for tests and benches: N generated orders (some unmapped, some confidential,
 * some with a contact) as CSV (UTF-8 with BOM, CRLF) or xlsx, in the platform's column order.
 */
import ExcelJS from 'exceljs';
import { workOrderColumns } from '../../functions/domain/work-orders.js';

const types = ['1301010100', '1301020100', '1301030300', '1301030100', '9999999999'];
const regions = ['龙水镇', '邮亭镇', '棠香街道', '三驱镇', '宝顶镇'];

/** The i-th order as the platform's cells (`prefix` keeps the numbers of two files apart). */
export function exportRow(i: number, prefix = 'GD2026'): string[] {
  const phone = i % 3 === 0 ? `139${String(10_000_000 + i).slice(-8)}` : '';
  return [
    `${prefix}${String(i).padStart(6, '0')}`,
    '2026-03-02 09:30',
    `第${i}号工单：学校三年级每天书面作业超过两小时，家长反映孩子睡眠不足`,
    types[i % types.length] ?? '',
    regions[i % regions.length] ?? '',
    i % 2 === 0 ? '2026-03-20' : '',
    phone ? '家长' : '',
    phone,
    i % 4 === 0 ? '是' : '否',
  ];
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A CSV export of the given rows (cells as the platform writes them). */
export function csvExport(rows: readonly (readonly string[])[]): Buffer {
  const lines = [workOrderColumns.join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** An xlsx export of the given rows (one sheet, header in row 1). */
export async function xlsxExport(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('工单');
  sheet.addRow([...workOrderColumns]);
  for (const r of rows) sheet.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** N generated orders. */
export const generatedRows = (n: number, prefix?: string) =>
  Array.from({ length: n }, (_, i) => exportRow(i, prefix));

/** The multipart body a browser sends for one file field. */
export function fileForm(name: string, data: Buffer, field = 'file', extra: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  form.append(field, new Blob([new Uint8Array(data)]), name);
  return form;
}
