/**
 * 12345 import figure: a 5,000-row export (the platform's columns) uploaded as staff upload it — the
 * file checks, an import job, 100-row chunks saved to the job record — into the embedded runtime (in
 * memory, workflow running), once as CSV and once as xlsx, with progress read from the job record as
 * the page reads it; then the CSV again (every row unchanged). ROWS overrides the size.
 */
import type { Principal } from '../../functions/domain/staff.js';
import { silentLogger } from '../../functions/http/logger.js';
import { uploadImport } from '../../functions/http/work-order-imports-api.js';
import { startRuntime } from '../../functions/local/runtime.js';
import type { ImportJob } from '../../functions/services/work-order-imports.js';
import { csvExport, generatedRows, xlsxExport } from '../support/work-order-files.js';

type Rt = Awaited<ReturnType<typeof startRuntime>>;
const who: Principal = { username: 'dispatcher', role: 'dispatcher' };

/** Uploads one file and follows its job to the end, printing a checkpoint every fifth of the rows. */
async function importFile(rt: Rt, label: string, name: string, data: Buffer) {
  const jobs = rt.deps.workOrders?.imports?.jobs;
  if (!jobs) throw new Error('no import jobs in this runtime');
  const t0 = performance.now();
  const started = await uploadImport(rt.deps, who, new File([new Uint8Array(data)], name));
  const acceptedMs = performance.now() - t0;
  let job: ImportJob = started;
  let shown = 0;
  const checkpoints: { rows: number; seconds: number }[] = [];
  while (job.status === 'running') {
    await new Promise((r) => setTimeout(r, 200));
    job = (await jobs.get(started.id)) ?? job;
    if (job.processed - shown >= job.total / 5 || (job.status !== 'running' && job.processed > shown)) {
      shown = job.processed;
      const seconds = Math.round((performance.now() - t0) / 100) / 10;
      checkpoints.push({ rows: job.processed, seconds });
      console.log(`  ${label}: ${job.processed}/${job.total} rows after ${seconds} s`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    file: label,
    rows: job.total,
    'accepted in ms': Math.round(acceptedMs),
    seconds: Math.round(seconds * 10) / 10,
    'rows/s': Math.round(job.total / seconds),
    status: job.status,
    created: job.created,
    unchanged: job.unchanged,
    changed: job.changed,
    rejected: job.rejected,
    checkpoints,
  };
}

export async function benchImport12345(rows = Number(process.env.ROWS ?? 5000)) {
  const rt = await startRuntime({ logger: silentLogger, channels: { deliveryPaused: true } });
  try {
    const csv = csvExport(generatedRows(rows, 'BCSV'));
    const xlsx = await xlsxExport(generatedRows(rows, 'BXLS'));
    const results = [
      await importFile(rt, `CSV (${Math.round(csv.length / 1024)} KB)`, 'export.csv', csv),
      await importFile(rt, `xlsx (${Math.round(xlsx.length / 1024)} KB)`, 'export.xlsx', xlsx),
      await importFile(rt, 'same CSV again', 'export.csv', csv),
    ];
    return results;
  } finally {
    await rt.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table((await benchImport12345()).map(({ checkpoints: _c, ...r }) => r));
  process.exit(0);
}
