import { type Context, Hono } from 'hono';
import { formatTrackingCode } from '../../../functions/domain/tracking-code.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import type { DeadLetter } from '../../../functions/services/notification-ports.js';
import { Button } from '../../components/index.js';
import { CsrfField, csrfToken } from '../../csrf.js';
import { i18n, localName, type Messages } from '../../i18n/index.js';
import { renderPage } from '../../render.js';
import { shanghaiTime } from '../leader.js';
import { staffAllowed } from './access.js';
import { TableRegion } from './table-region.js';

export const DEAD_LETTERS_PATH = '/staff/admin/dead-letters';
const isAdmin = (who: { role: string }) => who.role === 'admin';

/**
 * Failed notifications (发送失败的通知) for admins: what failed every delivery attempt — kind,
 * recipient, attempts, last error, time — and one POST form per letter to send it again (303 back
 * with a message), through the same retry as `POST /api/v1/admin/notifications/dead-letters/{id}/retry`.
 */
export function deadLetterPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  const recipient = async (c: Context<AuthEnv>, t: Messages, l: DeadLetter) => {
    const m = t.channels.deadLetters;
    if ('citizen' in l.to) return m.citizen;
    if ('role' in l.to) return m.role(t.staff.roles[l.to.role]);
    const officeId = l.to.office;
    const office = (await deps.catalog.get()).offices.find((o) => o.id === officeId);
    return m.office(office ? localName(i18n(c).lang, office) : officeId);
  };

  app.get('/admin/dead-letters', async (c) => {
    const r = await staffAllowed(c, isAdmin);
    if ('response' in r) return r.response;
    if (!deps.notifications) return c.notFound();
    const { t } = i18n(c);
    const m = t.channels.deadLetters;
    const letters = await deps.notifications.deadLetters.list({ limit: 200 });
    const rows = await Promise.all(letters.map(async (l) => ({ l, to: await recipient(c, t, l) })));
    const done = c.req.query('done');
    const kind = c.req.query('kind');
    const notice =
      done === 'retried' && kind && kind in t.channels.kinds
        ? m.retried(t.channels.kinds[kind as keyof Messages['channels']['kinds']])
        : done === 'gone'
          ? m.gone
          : undefined;
    const csrf = csrfToken(c);
    return renderPage(
      c,
      { title: m.title, staff: true },
      <>
        <h1>{m.title}</h1>
        {notice ? (
          <p class="ad-notice" role="status">
            {notice}
          </p>
        ) : null}
        <p>{m.lead}</p>
        {rows.length === 0 ? (
          <p>{m.empty}</p>
        ) : (
          <TableRegion label={m.caption}>
            <table class="ad-table">
              <caption>{m.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.kind}</th>
                  <th scope="col">{m.recipient}</th>
                  <th scope="col">{m.case}</th>
                  <th scope="col">{m.attempts}</th>
                  <th scope="col">{m.lastError}</th>
                  <th scope="col">{m.failedAt}</th>
                  <th scope="col">{m.action}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ l, to }) => (
                  <tr>
                    <th scope="row">{t.channels.kinds[l.kind]}</th>
                    <td>{to}</td>
                    <td class="ch-nowrap">
                      {l.caseId.startsWith('notice:') ? l.caseId : formatTrackingCode(l.caseId)}
                    </td>
                    <td>{l.attempts}</td>
                    <td class="ch-problem">{l.lastError ?? '—'}</td>
                    <td class="ch-nowrap">{shanghaiTime(l.failedAt)}</td>
                    <td>
                      <form method="post" action={`${DEAD_LETTERS_PATH}/${encodeURIComponent(l.id)}/retry`}>
                        <CsrfField token={csrf} />
                        <Button variant="secondary">{m.retry}</Button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </>,
    );
  });

  app.post('/admin/dead-letters/:id/retry', async (c) => {
    const r = await staffAllowed(c, isAdmin);
    if ('response' in r) return r.response;
    if (!deps.notifications) return c.notFound();
    const id = c.req.param('id');
    const letter = (await deps.notifications.deadLetters.list({ limit: 500 })).find((l) => l.id === id);
    const retried = letter ? await deps.notifications.retryDeadLetter(id) : false;
    if (retried) deps.notify?.();
    const query = retried && letter ? `done=retried&kind=${letter.kind}` : 'done=gone';
    return c.redirect(`${DEAD_LETTERS_PATH}?${query}`, 303);
  });

  return app;
}
