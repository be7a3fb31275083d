import { type Context, Hono } from 'hono';
import { maskRecipient } from '../../../functions/domain/masking.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import { i18n } from '../../i18n/index.js';
import { renderPage } from '../../render.js';
import { staffOrRedirect } from '../../session.js';
import { shanghaiTime } from '../leader.js';

const LIMIT = 200;
const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

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
          <>
            <h2 class="ch-caption">{m.caption}</h2>
            <ul class="ch-mail">
              {r.items.map((x) => (
                <li>
                  <p class="ch-mail-meta">
                    <span class="ch-nowrap">{shanghaiTime(x.at)}</span> ·{' '}
                    <span>{x.channel === 'sms' ? m.sms : m.email}</span> ·{' '}
                    <span class="ch-nowrap">
                      <span class="sr-only">{m.to}</span>
                      {maskRecipient(x.channel, x.to)}
                    </span>
                  </p>
                  <a href={`/staff/dev/mailbox/${encodeURIComponent(x.id)}`}>
                    {x.subject || (x.channel === 'sms' ? excerpt(x.text) : m.noSubject)}
                  </a>
                </li>
              ))}
            </ul>
          </>
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
