import { type Context, Hono } from 'hono';
import { canExchangeWorkOrders } from '../../../functions/domain/authorization.js';
import { workOrderColumns } from '../../../functions/domain/work-orders.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import { importDeps, uploadImport } from '../../../functions/http/work-order-imports-api.js';
import {
  IMPORT_FILE_FIELD,
  MAX_IMPORT_BYTES,
  type UploadRefusal,
  UploadRefused,
} from '../../../functions/http/work-order-upload.js';
import { Button, ErrorSummary, fieldId } from '../../components/index.js';
import { CsrfField, csrfToken } from '../../csrf.js';
import { i18n, type Messages } from '../../i18n/index.js';
import { renderPage } from '../../render.js';
import { staffAllowed } from './access.js';
import { importJobPage } from './import-job.js';

const MB = MAX_IMPORT_BYTES / 1024 / 1024;
export const WORK_ORDERS_PATH = '/staff/work-orders';

export function refusalText(t: Messages, r: UploadRefusal): string {
  const m = t.channels.workOrders.refused;
  switch (r.reason) {
    case 'too_large':
      return m.too_large(r.limit / 1024 / 1024);
    case 'too_many_rows':
      return m.too_many_rows(r.limit);
    case 'columns':
      return m.columns(r.missing);
    default:
      return m[r.reason];
  }
}

/** The upload form: columns the file needs, the file field (error next to it), the replies download. */
export async function uploadFormPage(c: Context<AuthEnv>, deps: AppDeps, refusal?: UploadRefusal) {
  const { t } = i18n(c);
  const m = t.channels.workOrders;
  const maxRows = importDeps(deps).imports.runner.maxRows;
  const id = fieldId(IMPORT_FILE_FIELD);
  const error = refusal ? refusalText(t, refusal) : undefined;
  // A refused POST answers 400; the too-large case arrives as a GET after the page stack's 303.
  const status = !refusal || c.req.method === 'GET' ? 200 : 400;
  return renderPage(
    c,
    { title: m.title, staff: true, status },
    <>
      <h1>{m.title}</h1>
      <ErrorSummary
        title={t.common.errorSummaryTitle}
        errors={error ? [{ name: IMPORT_FILE_FIELD, message: error }] : []}
      />
      <p>{m.lead}</p>
      <ul class="ch-rules">
        {m.rules.map((r) => (
          <li>{r}</li>
        ))}
      </ul>
      <form
        method="post"
        action={WORK_ORDERS_PATH}
        enctype="multipart/form-data"
        class="ch-upload"
        novalidate
      >
        <CsrfField token={csrfToken(c)} />
        <div class={error ? 'field field--error' : 'field'}>
          <label for={id}>{m.file}</label>
          <p class="hint" id={`${id}-hint`}>
            {m.fileHint(MB, maxRows)}
          </p>
          <p class="ch-columns">
            {m.columns}{' '}
            {workOrderColumns.map((col) => (
              <code>{col}</code>
            ))}{' '}
            {m.optionalColumns}
          </p>
          {error ? (
            <p class="field-error" id={`${id}-error`}>
              <span class="sr-only">{t.common.errorPrefix}</span>
              {error}
            </p>
          ) : null}
          <input
            id={id}
            name={IMPORT_FILE_FIELD}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <Button>{m.submit}</Button>
      </form>
      <RepliesSection t={t} />
    </>,
  );
}

/** The replies the platform needs back, as the xlsx the replies export makes. */
export function RepliesSection({ t }: { t: Messages }) {
  const m = t.channels.workOrders;
  return (
    <section class="ch-section" aria-labelledby="ch-replies">
      <h2 id="ch-replies">{m.replies}</h2>
      <p>{m.repliesLead}</p>
      <p>
        <a href="/api/v1/12345/replies.xlsx" download>
          {m.repliesDownload}
        </a>
      </p>
    </section>
  );
}

/** 12345 work-order import for staff without a platform integration (operators, dispatchers). */
export function workOrderPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  app.get('/work-orders', async (c) => {
    const r = await staffAllowed(c, canExchangeWorkOrders);
    if ('response' in r) return r.response;
    // The page stack sends a file over the limit back here (STAFF_UPLOAD_LIMITS, before reading it).
    const tooLarge = c.req.query('refused') === 'too_large';
    return uploadFormPage(c, deps, tooLarge ? { reason: 'too_large', limit: MAX_IMPORT_BYTES } : undefined);
  });

  app.post('/work-orders', async (c) => {
    const r = await staffAllowed(c, canExchangeWorkOrders);
    if ('response' in r) return r.response;
    const body = await c.req.parseBody();
    try {
      const job = await uploadImport(deps, r.who, body[IMPORT_FILE_FIELD]);
      return c.redirect(`${WORK_ORDERS_PATH}/imports/${job.id}`, 303);
    } catch (e) {
      if (e instanceof UploadRefused) return uploadFormPage(c, deps, e.refusal);
      throw e;
    }
  });

  app.get('/work-orders/imports/:id', async (c) => {
    const r = await staffAllowed(c, canExchangeWorkOrders);
    if ('response' in r) return r.response;
    const job = await importDeps(deps).imports.jobs.get(c.req.param('id'));
    return importJobPage(c, job);
  });

  return app;
}
