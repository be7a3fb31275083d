/**
 * The staff upload of a 12345 export (CSV or xlsx): the checks an uploaded file passes before its rows
 * become an import job — present, not too big, a CSV or xlsx by name *and* content, readable, the
 * platform's columns, not too many rows. Each refusal names the field (`file`) and says why; the page
 * says it in the reader's language, the API as a 4xx body.
 */
import { AppError, type FieldProblemCode } from '../services/errors.js';
import type { ImportRow } from '../services/work-orders.js';
import { FileShapeError, parseCsv, readXlsx, rowsFromTable } from './work-order-file.js';

/** Largest export accepted: 5,000 rows of CSV are about 1 MB, the same rows as xlsx less. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const IMPORT_FILE_FIELD = 'file';

export type UploadRefusal =
  | { reason: 'missing' | 'type' | 'unreadable' | 'empty' }
  | { reason: 'too_large'; limit: number }
  | { reason: 'too_many_rows'; limit: number }
  | { reason: 'columns'; missing: string };

export class UploadRefused extends Error {
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.reason);
  }
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** CSV text: UTF-8 (with or without BOM), else GB18030 — what Excel in China saves "CSV" as. */
function csvText(data: Uint8Array): string | undefined {
  if (data.includes(0)) return undefined; // binary, not text
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(data);
    } catch {
      return undefined;
    }
  }
}

/** Rows of an uploaded export, or an UploadRefused naming what is wrong with it. */
export async function rowsFromUpload(
  file: unknown,
  maxRows: number,
): Promise<{ fileName: string; rows: ImportRow[] }> {
  if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
    throw new UploadRefused({ reason: 'missing' });
  }
  if (file.size > MAX_IMPORT_BYTES) throw new UploadRefused({ reason: 'too_large', limit: MAX_IMPORT_BYTES });
  const name = file.name.replace(/^.*[\\/]/, '');
  const ext = name.match(/\.([A-Za-z0-9]+)$/)?.[1]?.toLowerCase();
  if (ext !== 'csv' && ext !== 'xlsx') throw new UploadRefused({ reason: 'type' });
  const data = new Uint8Array(await file.arrayBuffer());
  if (data.length === 0) throw new UploadRefused({ reason: 'empty' });
  let table: string[][];
  if (ext === 'xlsx') {
    if (!isZip(data)) throw new UploadRefused({ reason: 'unreadable' });
    try {
      table = await readXlsx(Buffer.from(data));
    } catch {
      throw new UploadRefused({ reason: 'unreadable' });
    }
  } else {
    const text = isZip(data) ? undefined : csvText(data);
    if (text === undefined) throw new UploadRefused({ reason: 'unreadable' });
    table = parseCsv(text);
  }
  let rows: ImportRow[];
  try {
    rows = rowsFromTable(table);
  } catch (e) {
    if (e instanceof FileShapeError) {
      throw new UploadRefused({ reason: 'columns', missing: e.message.replace(/^missing columns: /, '') });
    }
    throw e;
  }
  if (rows.length === 0) throw new UploadRefused({ reason: 'empty' });
  if (rows.length > maxRows) throw new UploadRefused({ reason: 'too_many_rows', limit: maxRows });
  return { fileName: name, rows };
}

const apiWording: Record<UploadRefusal['reason'], [FieldProblemCode, string]> = {
  missing: ['required', 'choose a CSV or xlsx file exported from the 12345 platform'],
  type: ['invalid_format', 'must be a .csv or .xlsx file (the 12345 platform export)'],
  unreadable: ['invalid', 'could not be read: not a valid xlsx workbook or a UTF-8/GB18030 CSV file'],
  empty: ['invalid', 'has no work orders below the header row'],
  too_large: ['out_of_range', 'is larger than the limit'],
  too_many_rows: ['out_of_range', 'has more rows than one import takes; split the file'],
  columns: ['invalid', 'is missing columns of the platform export'],
};

/** The refusal as the API's 4xx body: 413 for size, 400 otherwise, naming the field `file`. */
export function uploadError(r: UploadRefusal): AppError {
  const [code, text] = apiWording[r.reason];
  const message = r.reason === 'columns' ? `${text}: ${r.missing}` : text;
  const limit = 'limit' in r ? r.limit : undefined;
  return new AppError(
    r.reason === 'too_large' ? 413 : 400,
    r.reason === 'too_large' ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED',
    r.reason === 'too_large' ? 'The file is too large.' : 'The request has invalid fields.',
    [{ path: IMPORT_FILE_FIELD, code, message, ...(limit ? { limit } : {}) }],
  );
}
