import type { Context } from 'hono';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { FieldProblem } from '../../../functions/services/errors.js';
import type { ImportJob } from '../../../functions/services/work-order-imports.js';
import { ButtonLink } from '../../components/index.js';
import { i18n, type Messages } from '../../i18n/index.js';
import { renderPage } from '../../render.js';
import { shanghaiTime } from '../leader.js';
import { TableRegion } from './table-region.js';
import { RepliesSection } from './work-orders.js';

/** Seconds between refreshes of a running import (a Refresh header: works with JavaScript off). */
export const IMPORT_REFRESH_SECONDS = 2;

/** A row problem in the reader's language: the column (the file's own header) and what is wrong. */
const problemText = (t: Messages, p: FieldProblem) => {
  const text = t.common.fieldProblems[p.code](p.path, p.limit);
  const hint = t.channels.job.columnHints[p.path];
  return hint && p.code !== 'required' ? `${text}${t.common.colon}${hint}` : text;
};

/**
 * One import: while it runs, how far it got (the page refreshes itself); when done, the summary —
 * created, unchanged, changed, rejected — and each row that needs the reader, by row number and column.
 */
export function importJobPage(c: Context<AuthEnv>, job: ImportJob | undefined) {
  const { t } = i18n(c);
  const m = t.channels.job;
  if (!job) {
    return renderPage(
      c,
      { title: m.title, staff: true, status: 404 },
      <>
        <h1>{m.title}</h1>
        <p>{m.notFound}</p>
        <p>
          <a href="/staff/work-orders">{m.another}</a>
        </p>
      </>,
    );
  }
  const running = job.status === 'running';
  if (running) c.header('Refresh', String(IMPORT_REFRESH_SECONDS));
  const title = running ? m.title : job.status === 'done' ? m.doneTitle : m.failedTitle;
  const tiles = [
    { label: m.total, value: job.total },
    { label: m.created, value: job.created },
    { label: m.unchanged, value: job.unchanged },
    { label: m.changed, value: job.changed, tone: job.changed > 0 ? 'warn' : undefined },
    { label: m.rejected, value: job.rejected, tone: job.rejected > 0 ? 'error' : undefined },
  ];
  return renderPage(
    c,
    { title, staff: true },
    <>
      <h1>{title}</h1>
      <p class="ch-file">
        {m.file(job.fileName)} · {shanghaiTime(job.createdAt)}
      </p>
      <div role="status">
        <label for="ch-progress">{m.progress}</label>
        <progress id="ch-progress" class="ch-progress" max={job.total} value={job.processed}>
          {m.progressText(job.processed, job.total)}
        </progress>
        <p>{m.progressText(job.processed, job.total)}</p>
        {running ? <p class="hint">{m.running}</p> : null}
        {job.status === 'failed' ? <p class="ad-hot">{m.failed}</p> : null}
      </div>
      <ul class="ad-tiles">
        {tiles.map((tile) => (
          <li class={tile.tone ? `ad-tile ad-tile--${tile.tone}` : 'ad-tile'}>
            <span class="ad-tile-label">{tile.label}</span>
            <span class="ad-tile-value">{tile.value}</span>
          </li>
        ))}
      </ul>
      {running ? null : <AttentionRows t={t} job={job} />}
      {running ? null : (
        <>
          <p>
            <ButtonLink href="/staff/work-orders" variant="secondary">
              {m.another}
            </ButtonLink>
          </p>
          <RepliesSection t={t} />
        </>
      )}
    </>,
  );
}

function AttentionRows({ t, job }: { t: Messages; job: ImportJob }) {
  const m = t.channels.job;
  if (job.rows.length === 0) return <p class="ad-notice">{m.noAttention}</p>;
  return (
    <>
      <TableRegion label={m.attention}>
        <table class="ad-table">
          <caption>{m.attention}</caption>
          <thead>
            <tr>
              <th scope="col">{m.row}</th>
              <th scope="col">{m.orderNo}</th>
              <th scope="col">{m.result}</th>
              <th scope="col">{m.problem}</th>
            </tr>
          </thead>
          <tbody>
            {job.rows.map((r) => (
              <tr>
                <th scope="row" class="ch-nowrap">
                  {r.row}
                </th>
                <td class="ch-nowrap">{r.orderNo ?? '—'}</td>
                <td>{r.result === 'rejected' ? <strong class="ad-hot">{m.rejected}</strong> : m.changed}</td>
                <td class="ch-problem">
                  {r.result === 'changed' ? (
                    <>
                      {m.changedNote}
                      {r.trackingCode ? (
                        <>
                          {' '}
                          <a href={`/staff/cases/${r.trackingCode}`}>{r.trackingCode}</a>
                        </>
                      ) : null}
                    </>
                  ) : (
                    <ul>
                      {(r.problems ?? []).map((p) => (
                        <li>{problemText(t, p)}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {job.moreRows > 0 ? <p>{m.more(job.moreRows)}</p> : null}
    </>
  );
}
