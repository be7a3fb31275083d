import { type Context, Hono } from 'hono';
import { maskRecipient } from '../../../functions/domain/masking.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import { i18n } from '../../i18n/index.js';
import { renderPage } from '../../render.js';
import { staffOrRedirect } from '../../session.js';
import { shanghaiTime } from '../leader.js';

const LIMIT = 200;

/**
 * The development mailbox (开发邮箱), embedded runtime only: what the system sent, e-mail and SMS,
 * newest first; one message opens on its own page. Staff only; absent (404) where there is none.
 */
export function devMailboxPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  const messages = async (c: Context<AuthEnv>) => {
    const r = staffOrRedirect(c);
    if ('response' in r) return r;
    if (!deps.devMailbox) return { response: c.notFound() as Response };
    return { items: await deps.devMailbox.list({ limit: LIMIT }) };
  };

  app.get('/dev/mailbox', async (c) => {
    const r = await messages(c);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const m = t.channels.mailbox;
    return renderPage(
      c,
      { title: m.title, staff: true },
      <>
        <h1>{m.title}</h1>
        <p class="hint">{m.lead}</p>
        {r.items.length === 0 ? (
          <p>{m.empty}</p>
        ) : (
          <div class="table-wrap">
            <table class="ad-table">
              <caption>{m.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.time}</th>
                  <th scope="col">{m.channel}</th>
                  <th scope="col">{m.to}</th>
                  <th scope="col">{m.subject}</th>
                </tr>
              </thead>
              <tbody>
                {r.items.map((x) => (
                  <tr>
                    <td class="ch-nowrap">{shanghaiTime(x.at)}</td>
                    <td>{x.channel === 'sms' ? m.sms : m.email}</td>
                    <td class="ch-problem">{maskRecipient(x.channel, x.to)}</td>
                    <td>
                      <a href={`/staff/dev/mailbox/${encodeURIComponent(x.id)}`}>
                        {x.subject || (x.channel === 'sms' ? x.text.slice(0, 40) : m.noSubject)}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
    );
  });

  app.get('/dev/mailbox/:id', async (c) => {
    const r = await messages(c);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const m = t.channels.mailbox;
    const x = r.items.find((i) => i.id === c.req.param('id'));
    const back = (
      <p>
        <a href="/staff/dev/mailbox">{m.back}</a>
      </p>
    );
    if (!x) {
      return renderPage(
        c,
        { title: m.title, staff: true, status: 404 },
        <>
          <h1>{m.title}</h1>
          <p>{m.gone}</p>
          {back}
        </>,
      );
    }
    const title = x.subject || (x.channel === 'sms' ? m.sms : m.noSubject);
    return renderPage(
      c,
      { title, staff: true },
      <>
        <h1>{title}</h1>
        <dl class="ch-meta">
          <dt>{m.channel}</dt>
          <dd>{x.channel === 'sms' ? m.sms : m.email}</dd>
          <dt>{m.to}</dt>
          <dd>{maskRecipient(x.channel, x.to)}</dd>
          <dt>{m.time}</dt>
          <dd>{shanghaiTime(x.at)}</dd>
        </dl>
        <pre class="ch-message">{x.text}</pre>
        {back}
      </>,
    );
  });

  return app;
}
