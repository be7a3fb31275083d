/** xlsx (exceljs) and CSV renderings of the notice tables. */
import {
  type Cell,
  type ColumnKind,
  cellKind,
  type NoticeTable,
} from '../../domain/reports/notice-tables.js';

const NUMBER_FORMAT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  int: '0',
  decimal: '0.0',
  rate: '0.0%',
};

/** One sheet per section: Chinese headers, numbers as numbers, rates in percentage format, header frozen. */
export async function noticeWorkbook(tables: readonly NoticeTable[], title: string): Promise<Buffer> {
  // Loaded on first export, not at cold start: exceljs and its zip stack are a third of the HTTP
  // function's bundle and citizens' requests never need them.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Duban';
  wb.title = title;
  for (const t of tables) {
    const ws = wb.addWorksheet(t.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({
      header: c.header,
      width: c.kind === 'text' ? 22 : 12,
      style: NUMBER_FORMAT[c.kind] ? { numFmt: NUMBER_FORMAT[c.kind] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    t.rows.forEach((row, r) => {
      const added = ws.addRow([...row]);
      if (!t.rowKinds) return;
      row.forEach((_, c) => {
        const fmt = NUMBER_FORMAT[cellKind(t, r, c)];
        if (fmt) added.getCell(c + 1).numFmt = fmt;
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvCell = (v: Cell, kind: ColumnKind): string => {
  if (v === null) return '';
  const text =
    typeof v === 'number'
      ? kind === 'rate'
        ? `${(v * 100).toFixed(1)}%`
        : kind === 'decimal'
          ? String(Math.round(v * 100) / 100)
          : String(v)
      : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Every section in one CSV: a title line, the header, the rows, a blank line. UTF-8 with BOM (Excel). */
export function noticeCsv(tables: readonly NoticeTable[]): string {
  const lines: string[] = [];
  for (const t of tables) {
    lines.push(csvCell(t.title, 'text'));
    lines.push(t.columns.map((c) => csvCell(c.header, 'text')).join(','));
    t.rows.forEach((row, r) => {
      lines.push(row.map((v, c) => csvCell(v, cellKind(t, r, c))).join(','));
    });
    lines.push('');
  }
  return `\uFEFF${lines.join('\r\n')}`;
}
