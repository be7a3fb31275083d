/**
 * Reads a 12345 export (CSV with or without BOM, or xlsx) into validated rows: each row becomes an
 * order or the list of its problems, named by row number (as the operator's spreadsheet counts,
 * header = row 1) and column.
 */
import type ExcelJS from 'exceljs';
import type { ImportRow } from '../services/work-orders.js';
import { zodFields } from './errors.js';
import { columnOfField, WorkOrderSchema } from './schemas/work-orders.js';

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // exceljs reads a date cell as UTC of the wall-clock time written in the sheet.
    return v.toISOString().slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    return '';
  }
  return String(v);
}

export async function readXlsx(data: ArrayBuffer | Buffer): Promise<string[][]> {
  // Loaded on first use: exceljs costs ~0.35 s to load, and most starts never read a spreadsheet.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (r, n) => {
    const values: string[] = [];
    for (let c = 1; c <= r.cellCount; c++) values.push(cellText(r.getCell(c).value).trim());
    rows[n - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

export class FileShapeError extends Error {}

/** Validated rows from a table whose first row is the platform's header. */
export function rowsFromTable(table: string[][]): ImportRow[] {
  const header = (table[0] ?? []).map((h) => h.trim());
  const index: Record<string, number> = {};
  for (const [field, column] of Object.entries(columnOfField)) index[field] = header.indexOf(column);
  const missing = ['orderNo', 'calledAt', 'content', 'typeCode', 'region'].filter(
    (f) => (index[f] ?? -1) < 0,
  );
  if (missing.length > 0) {
    throw new FileShapeError(`missing columns: ${missing.map((f) => columnOfField[f]).join(', ')}`);
  }
  const out: ImportRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i] ?? [];
    if (cells.every((c) => c.trim() === '')) continue; // blank line
    const raw: Record<string, string> = {};
    for (const [field, at] of Object.entries(index)) if (at >= 0) raw[field] = cells[at] ?? '';
    const parsed = WorkOrderSchema.safeParse(raw);
    const row = i + 1;
    if (parsed.success) out.push({ row, order: parsed.data });
    else {
      out.push({
        row,
        orderNo: raw.orderNo?.trim() || undefined,
        problems: zodFields(parsed.error).map((f) => ({ ...f, path: columnOfField[f.path] ?? f.path })),
      });
    }
  }
  return out;
}

/** Reads an uploaded export by its name or content: xlsx (a zip) or CSV. */
export async function readWorkOrderFile(name: string, data: Buffer): Promise<ImportRow[]> {
  const isXlsx = /\.xlsx$/i.test(name) || (data[0] === 0x50 && data[1] === 0x4b);
  return rowsFromTable(isXlsx ? await readXlsx(data) : parseCsv(data.toString('utf8')));
}
