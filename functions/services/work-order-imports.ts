/**
 * 12345 file imports as jobs (导入任务): an upload becomes a job record that carries its progress
 * (rows done of total, counts) and, once finished, the summary — created, unchanged, changed, rejected,
 * with each row that needs attention (rejected with its problems, changed) by row number. Rows are
 * imported in chunks through the same idempotent service as the JSON batch; the record is saved after
 * each chunk, so a page or an API client polling it sees the import move. How the chunks run (in the
 * background in the embedded runtime, inside the request on AWS) is the runner's business.
 */
import type { FieldProblem } from './errors.js';
import type { Clock, Logger } from './ports.js';
import {
  type ImportCounts,
  type ImportRow,
  type ImportSummary,
  importWorkOrders,
  noRowsYet,
  type WorkOrderDeps,
} from './work-orders.js';

/** Rows per chunk: the job record is saved after each one. */
export const IMPORT_CHUNK_ROWS = 100;
/** Rows listed on the job (rejected first, then changed); the counts always cover every row. */
export const IMPORT_LISTED_ROWS = 200;

export interface ImportJobRow {
  row: number;
  orderNo?: string | undefined;
  result: 'changed' | 'rejected';
  problems?: FieldProblem[] | undefined;
  /** A changed order: the case it filed the first time. */
  trackingCode?: string | undefined;
}

export interface ImportJob extends ImportCounts {
  id: string;
  fileName: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  status: 'running' | 'done' | 'failed';
  /** Rows that need a person's attention, by row number, at most IMPORT_LISTED_ROWS. */
  rows: ImportJobRow[];
  /** Rows that need attention but were left off the list. */
  moreRows: number;
}

/** Where jobs are kept (a table item per job; they expire after a while). */
export interface ImportJobStore {
  save(job: ImportJob): Promise<void>;
  get(id: string): Promise<ImportJob | undefined>;
}

/** How a job's rows get processed once the job record exists. */
export interface ImportRunner {
  /** Most rows one file may have with this runner (the inline runner must finish within the request). */
  readonly maxRows: number;
  /** Runs the import; an inline runner resolves when it is done, a background runner at once. */
  run(work: () => Promise<void>): Promise<void>;
  /** True once the process is stopping: a job ends (failed) between chunks; importing again finishes it. */
  stopping?(): boolean;
}

export interface ImportJobDeps {
  jobs: ImportJobStore;
  runner: ImportRunner;
  newId: () => string;
}

type Deps = WorkOrderDeps & { clock: Clock; logger?: Logger | undefined; imports: ImportJobDeps };

const needsAttention = (
  r: ImportSummary['rows'][number],
): r is ImportJobRow & ImportSummary['rows'][number] => r.result === 'rejected' || r.result === 'changed';

/** Adds a chunk's summary to the job: counts, and the rows needing attention up to the cap. */
export function addChunk(job: ImportJob, chunk: ImportSummary, at: string): ImportJob {
  const listed = [...job.rows];
  let more = job.moreRows;
  for (const r of chunk.rows.filter(needsAttention)) {
    if (listed.length < IMPORT_LISTED_ROWS) {
      listed.push({
        row: r.row,
        orderNo: r.orderNo,
        result: r.result,
        problems: r.result === 'rejected' ? r.problems : undefined,
        trackingCode: r.result === 'changed' ? r.trackingCode : undefined,
      });
    } else more++;
  }
  listed.sort((a, b) => (a.result === b.result ? a.row - b.row : a.result === 'rejected' ? -1 : 1));
  return {
    ...job,
    updatedAt: at,
    processed: job.processed + chunk.processed,
    created: job.created + chunk.created,
    unchanged: job.unchanged + chunk.unchanged,
    changed: job.changed + chunk.changed,
    rejected: job.rejected + chunk.rejected,
    rows: listed,
    moreRows: more,
  };
}

/** Imports the rows chunk by chunk, saving the job after each; the last save marks it done. */
export async function processImportJob(deps: Deps, start: ImportJob, rows: readonly ImportRow[]) {
  let job = start;
  try {
    for (let i = 0; i < rows.length; i += IMPORT_CHUNK_ROWS) {
      // Always one chunk, then stop if the runner must (process stopping, request time spent).
      if (i > 0 && deps.imports.runner.stopping?.()) throw new Error('stopping');
      const chunk = await importWorkOrders(deps, rows.slice(i, i + IMPORT_CHUNK_ROWS));
      job = addChunk(job, chunk, deps.clock.now().toISOString());
      if (job.processed < job.total) await deps.imports.jobs.save(job);
    }
    job = { ...job, status: 'done', updatedAt: deps.clock.now().toISOString() };
  } catch (e) {
    // The store kept failing: the job says so; importing the file again finishes it (idempotent).
    deps.logger?.error('work order import job failed', { job: job.id, error: (e as Error).name });
    job = { ...job, status: 'failed', updatedAt: deps.clock.now().toISOString() };
  }
  await deps.imports.jobs.save(job);
  return job;
}

/**
 * Creates the job for rows read from an uploaded file and hands the rows to the runner. Returns the job
 * as saved first (running, nothing processed) — or finished, when the runner works inline.
 */
export async function startImportJob(
  deps: Deps,
  who: { username: string },
  fileName: string,
  rows: readonly ImportRow[],
): Promise<ImportJob> {
  const at = deps.clock.now().toISOString();
  const job: ImportJob = {
    id: deps.imports.newId(),
    fileName: fileName.slice(0, 120),
    createdBy: who.username,
    createdAt: at,
    updatedAt: at,
    status: 'running',
    ...noRowsYet(rows.length),
    rows: [],
    moreRows: 0,
  };
  await deps.imports.jobs.save(job);
  await deps.imports.runner.run(async () => {
    await processImportJob(deps, job, rows);
  });
  return (await deps.imports.jobs.get(job.id)) ?? job;
}

/** The embedded runtime's runner: jobs run in this process after the answer; `drain` waits for them. */
export function backgroundImportRunner(maxRows: number, logger?: Logger) {
  const running = new Set<Promise<void>>();
  let stopping = false;
  return {
    maxRows,
    stopping: () => stopping,
    async run(work: () => Promise<void>) {
      const p = work().catch((e: Error) => logger?.error('import job crashed', { error: e.name }));
      running.add(p);
      void p.finally(() => running.delete(p));
    },
    /** Waits for the jobs running now; with `stop`, they end after their current chunk. */
    async drain(stop = false) {
      stopping ||= stop;
      await Promise.all([...running]);
    },
  };
}

/**
 * AWS: the job runs inside the upload request. Rows are capped, and after `budgetMs` of the request
 * the job stops between chunks (marked failed: importing the same file again finishes it, the rows
 * already imported come back unchanged), so a slow store never leaves a job "running" forever because
 * the function timed out. One request at a time per instance, so one clock per runner.
 */
export function inlineImportRunner(maxRows: number, budgetMs: number, elapsedMs: () => number): ImportRunner {
  let started = elapsedMs();
  return {
    maxRows,
    stopping: () => elapsedMs() - started > budgetMs,
    run: (work) => {
      started = elapsedMs();
      return work();
    },
  };
}
