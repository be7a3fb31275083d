import type { Context } from 'hono';
import { defaultDeadlinePolicy } from '../../functions/domain/calendar/deadline-policy.js';
import { sourceDocument } from '../../functions/domain/reference/sources.js';
import type { AuthEnv } from '../../functions/http/auth.js';
import type { CitizenDeps } from '../../functions/http/deps.js';
import { defaultPublicContact } from '../../functions/http/public-contact.js';
import { ButtonLink } from '../components/index.js';
import { csrfToken } from '../csrf.js';
import { localName } from '../i18n/lang.js';
import { publicI18n as i18n } from '../i18n/public-messages.js';
import { renderPage } from '../render.js';
import { TrackForm } from './track-form.js';

/** `/`: what can be reported and under which rule, how to report, how a case moves, a tracking box. */
export async function homePage(c: Context<AuthEnv>, deps: CitizenDeps) {
  const { lang, t } = i18n(c);
  const m = t.public.home;
  const catalog = await deps.catalog.get();
  const policy = catalog.deadlines?.policy ?? defaultDeadlinePolicy;
  const contact = deps.publicContact ?? defaultPublicContact;
  const en = lang === 'en';
  return renderPage(
    c,
    { title: m.title },
    <>
      <h1>{m.title}</h1>
      <p class="lead">{m.lead}</p>
      <p>
        <ButtonLink href="/report">{m.start}</ButtonLink>
      </p>

      <section aria-labelledby="track-title" class="panel panel--info">
        <h2 id="track-title">{m.trackTitle}</h2>
        <p class="hint">{m.trackHint}</p>
        <TrackForm t={t} csrf={csrfToken(c)} />
      </section>

      <section aria-labelledby="ways-title">
        <h2 id="ways-title">{m.waysTitle}</h2>
        <ul>
          <li>
            <a href="/report">{m.waysWeb}</a>
          </li>
          <li>{m.waysHotline(contact.hotline)}</li>
          <li>{m.waysMailbox(contact.mailbox)}</li>
        </ul>
      </section>

      <section aria-labelledby="flow-title">
        <h2 id="flow-title">{m.flowTitle}</h2>
        <ol class="flow">
          <li>
            <strong>{m.flow.received.name}</strong> — {m.flow.received.text}
          </li>
          <li>
            <strong>{m.flow.assigned.name}</strong> — {m.flow.assigned.text}
          </li>
          <li>
            <strong>{m.flow.handlingName}</strong> —{' '}
            {m.flow.handling(policy.handlingDays, policy.urgentHandlingDays)}
          </li>
          <li>
            <strong>{m.flow.review.name}</strong> — {m.flow.review.text}
          </li>
          <li>
            <strong>{m.flow.closed.name}</strong> — {m.flow.closed.text}
          </li>
        </ol>
        <p>{m.escalation(policy.escalationDays.urge, policy.escalationDays.supervise)}</p>
        <p class="muted">{m.privacy}</p>
      </section>

      <section aria-labelledby="what-title">
        <h2 id="what-title">{m.whatTitle}</h2>
        <p>{m.whatLead}</p>
        <ul class="cards cards--2">
          {catalog.categories.map((cat) => (
            <li class="card">
              <h3>{localName(lang, cat)}</h3>
              <p>{en ? cat.basis.ruleEn : cat.basis.rule}</p>
              <p class="muted">
                {m.source}：
                {cat.basis.sources
                  .map((f) => {
                    const doc = sourceDocument(f);
                    return en ? doc.titleEn : doc.title;
                  })
                  .join(en ? '; ' : '；')}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </>,
  );
}
