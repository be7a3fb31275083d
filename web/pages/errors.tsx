import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AuthEnv } from '../../functions/http/auth.js';
import { AppError } from '../../functions/services/errors.js';
import type { Logger } from '../../functions/services/ports.js';
import { publicI18n as i18n } from '../i18n/public-messages.js';
import { renderPage } from '../render.js';

/** HTML 404 for page paths (API paths keep their JSON 404). */
export function notFoundPage(c: Context<AuthEnv>) {
  const { t } = i18n(c);
  const m = t.common.notFound;
  return renderPage(
    c,
    { title: m.title, status: 404 },
    <>
      <h1>{m.title}</h1>
      <p>{m.body}</p>
      <p>
        <a href="/">{m.home}</a>
      </p>
    </>,
  );
}

/** HTML error page for page paths: nothing about the cause (that is logged). */
export function serverErrorPage(c: Context<AuthEnv>) {
  const { t } = i18n(c);
  const m = t.common.serverError;
  return renderPage(
    c,
    { title: m.title, status: 500 },
    <>
      <h1>{m.title}</h1>
      <p>{m.body}</p>
      <p>
        <a href="/">{m.home}</a>
      </p>
    </>,
  );
}

/** 503 when the store keeps throttling: nothing was saved, submit again. */
export function busyPage(c: Context<AuthEnv>, retryAfterSeconds = 5) {
  const { t } = i18n(c);
  c.header('Retry-After', String(retryAfterSeconds));
  return renderPage(
    c,
    { title: t.common.busy.title, status: 503 },
    <>
      <h1>{t.common.busy.title}</h1>
      <p>{t.common.busy.body}</p>
    </>,
  );
}

/** 429 with Retry-After and the wait in words. */
export function rateLimitedPage(c: Context<AuthEnv>, retryAfterSeconds: number) {
  const { t } = i18n(c);
  c.header('Retry-After', String(retryAfterSeconds));
  return renderPage(
    c,
    { title: t.common.rateLimited.title, status: 429 },
    <>
      <h1>{t.common.rateLimited.title}</h1>
      <p>{t.common.rateLimited.body(retryAfterSeconds)}</p>
    </>,
  );
}

/** 403 when a form's CSRF token or origin does not match. */
export function formExpiredPage(c: Context<AuthEnv>) {
  const { t } = i18n(c);
  return renderPage(
    c,
    { title: t.common.formExpired.title, status: 403 },
    <>
      <h1>{t.common.formExpired.title}</h1>
      <p>{t.common.formExpired.body}</p>
      <p>
        <a href="/">{t.common.notFound.home}</a>
      </p>
    </>,
  );
}

/** onError for page paths: known errors get their page, anything else is logged (no request data). */
export function pageError(err: Error, c: Context<AuthEnv>, logger: Logger) {
  if (err instanceof AppError) {
    const retry = Number(err.extra?.retryAfterSeconds ?? 5);
    if (err.status === 429) return rateLimitedPage(c, retry);
    if (err.status === 503) return busyPage(c, retry);
    if (err.status === 404) return notFoundPage(c);
  }
  if (err instanceof HTTPException && err.status === 404) return notFoundPage(c);
  logger.error('unhandled page error', {
    name: err.name,
    path: c.req.path,
    requestId: c.get('requestId' as never),
  });
  return serverErrorPage(c);
}
