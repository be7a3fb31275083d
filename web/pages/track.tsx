import { type Context, Hono } from 'hono';
import { workingDaysBetween } from '../../functions/domain/calendar/working-days.js';
import { type Rating, ratings } from '../../functions/domain/case.js';
import type { PublicCaseView } from '../../functions/domain/public-view.js';
import { subjectKinds } from '../../functions/domain/reference/catalog.js';
import type { AuthEnv } from '../../functions/http/auth.js';
import type { CitizenDeps } from '../../functions/http/deps.js';
import { FeedbackSchema } from '../../functions/http/schemas/actions.js';
import { TrackRequestSchema } from '../../functions/http/schemas/complaint.js';
import { submitFeedback } from '../../functions/services/case-actions.js';
import { AppError } from '../../functions/services/errors.js';
import type { EvidenceView } from '../../functions/services/evidence.js';
import { openCitizenCase, trackCase } from '../../functions/services/tracking.js';
import {
  Badge,
  Button,
  ErrorSummary,
  EvidenceGallery,
  Panel,
  Radios,
  TextArea,
  Timeline,
} from '../components/index.js';
import { CsrfField, csrfToken } from '../csrf.js';
import { setFlash, takeFlash } from '../flash.js';
import { formatDate, formatDateTime } from '../format.js';
import { type FormErrors, noErrors, readForm, translateProblems, zodProblems } from '../forms.js';
import { localName } from '../i18n/lang.js';
import { publicI18n as i18n, type PublicMessages as Messages } from '../i18n/public-messages.js';
import { pageRateLimit } from '../page-stack.js';
import { renderPage } from '../render.js';
import { TrackForm } from './track-form.js';

interface TrackFlash {
  trackingCode: string;
  accessCode: string;
  notice?: 'thanks' | 'reopened';
}

/**
 * `/track`: tracking code + access code by POST (never in a URL) → 303 → GET shows the case once,
 * carried by a sealed flash cookie; the rating form posts to `/track/feedback` through the same
 * feedback service as the API.
 */
export function trackPages(deps: CitizenDeps) {
  const app = new Hono<AuthEnv>();
  app.use('*', pageRateLimit(deps, deps.limits.tracking));

  const formPage = (
    c: Context<AuthEnv>,
    opts: { trackingCode?: string; errors?: FormErrors; status?: 200 | 400 | 404 } = {},
  ) => {
    const { t } = i18n(c);
    const errors = opts.errors ?? noErrors();
    return renderPage(
      c,
      { title: t.public.track.title, status: opts.status ?? 200 },
      <>
        <ErrorSummary title={t.common.errorSummaryTitle} errors={errors.list} />
        <h1>{t.public.track.title}</h1>
        <TrackForm
          t={t}
          csrf={csrfToken(c)}
          values={{ trackingCode: opts.trackingCode }}
          errors={errors.byField}
        />
      </>,
    );
  };

  app.get('/', async (c) => {
    const flash = await takeFlash<TrackFlash>(c, deps.vault, 'track');
    if (!flash) return formPage(c);
    try {
      const view = await trackCase(deps, flash.trackingCode, flash.accessCode);
      return casePage(c, deps, view, flash, noErrors());
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return formPage(c);
      throw e;
    }
  });

  app.post('/', async (c) => {
    const { t } = i18n(c);
    const m = t.public.track;
    const form = await readForm(c);
    const input = {
      trackingCode: form.trackingCode?.trim() ?? '',
      accessCode: form.accessCode?.trim() ?? '',
    };
    const parsed = TrackRequestSchema.safeParse(input);
    if (!parsed.success) {
      const errors = translateProblems(t, zodProblems(parsed.error), {
        trackingCode: m.trackingCode,
        accessCode: m.accessCode,
      });
      return formPage(c, { trackingCode: input.trackingCode, errors, status: 400 });
    }
    try {
      // Only the codes are checked here; the case is read and shown after the redirect.
      await openCitizenCase(deps, parsed.data.trackingCode, parsed.data.accessCode);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 404) throw e;
      const errors: FormErrors = {
        byField: { trackingCode: m.notFound },
        list: [{ name: 'trackingCode', message: m.notFound }],
      };
      return formPage(c, { trackingCode: input.trackingCode, errors, status: 404 });
    }
    await setFlash(c, deps.vault, 'track', parsed.data satisfies TrackFlash);
    return c.redirect('/track', 303);
  });

  app.post('/feedback', async (c) => {
    const { t } = i18n(c);
    const form = await readForm(c);
    const body = {
      trackingCode: form.trackingCode ?? '',
      accessCode: form.accessCode ?? '',
      rating: form.rating ?? '',
      comment: form.comment?.trim() ? form.comment : undefined,
    };
    const parsed = FeedbackSchema.safeParse(body);
    const view = await trackCase(deps, body.trackingCode, body.accessCode).catch((e) => {
      if (e instanceof AppError && e.status === 404) return undefined;
      throw e;
    });
    if (!view) return formPage(c, { status: 404 });
    const codes = { trackingCode: body.trackingCode, accessCode: body.accessCode };
    if (!parsed.success) {
      const r = t.public.track.rate;
      const labels = { rating: r.rating, comment: r.comment };
      const errors = translateProblems(t, zodProblems(parsed.error), labels, undefined, ['rating']);
      return casePage(c, deps, view, codes, errors, { rating: form.rating, comment: form.comment }, 400);
    }
    try {
      const result = await submitFeedback(deps, parsed.data);
      await setFlash(c, deps.vault, 'track', { ...codes, notice: result.reopened ? 'reopened' : 'thanks' });
    } catch (e) {
      // Already rated or the window closed meanwhile: show the case as it is now.
      if (!(e instanceof AppError) || e.status !== 409) throw e;
      await setFlash(c, deps.vault, 'track', codes);
    }
    return c.redirect('/track', 303);
  });

  return app;
}

const ratingLabel = (t: Messages, r: Rating) => t.public.track.rate[r];

async function casePage(
  c: Context<AuthEnv>,
  deps: CitizenDeps,
  view: PublicCaseView & { evidence: readonly EvidenceView[] },
  codes: TrackFlash,
  errors: FormErrors,
  typed: { rating?: string | undefined; comment?: string | undefined } = {},
  status: 200 | 400 = 200,
) {
  const { lang, t } = i18n(c);
  const m = t.public.track;
  const now = deps.clock.now();
  const calendar = await deps.calendar.get();
  const open = !['closed', 'rejected', 'merged'].includes(view.status.code);
  const deadline = view.deadline;
  const left = deadline && open ? deadlineWords(t, calendar, now, new Date(deadline)) : undefined;
  const kind = subjectKinds.find((k) => k.code === view.complaint.subject.kind);
  const reply = [...view.timeline].reverse().find((e) => e.reply)?.reply;
  const rejection = view.status.code === 'rejected' ? view.timeline.find((e) => e.reason)?.reason : undefined;
  const escalation = open ? m.escalation[view.escalationLevel] : undefined;
  return renderPage(
    c,
    { title: `${m.title} ${view.trackingCode}`, status },
    <>
      <ErrorSummary title={t.common.errorSummaryTitle} errors={errors.list} />
      {codes.notice ? (
        <Panel>
          <p>
            <strong>{codes.notice === 'reopened' ? m.rate.reopened : m.rate.thanks}</strong>
          </p>
        </Panel>
      ) : null}
      <p class="muted">{m.trackingCode}</p>
      <h1 class="code-box">{view.trackingCode}</h1>
      <dl class="summary-list summary-list--2">
        <dt>{m.status}</dt>
        <dd>
          <Badge tone={statusTone(view.status.code, view.escalationLevel)}>
            {localName(lang, view.status)}
          </Badge>
        </dd>
        <dt>{m.office}</dt>
        <dd>{view.office ? localName(lang, view.office) : m.officePending}</dd>
        {deadline ? (
          <>
            <dt>{m.deadline}</dt>
            <dd>
              {formatDate(lang, deadline)}
              {left ? (
                <>
                  {' '}
                  <Badge tone={left.overdue ? 'error' : 'info'}>{left.text}</Badge>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {escalation ? (
        <Panel variant="warn">
          <p>{escalation}</p>
        </Panel>
      ) : null}
      {reply ? (
        <section aria-labelledby="reply-title">
          <h2 id="reply-title">{m.reply}</h2>
          <p class="pre-line">{reply}</p>
        </section>
      ) : null}
      {rejection ? (
        <section aria-labelledby="reject-title">
          <h2 id="reject-title">{m.rejected}</h2>
          <p class="pre-line">{rejection}</p>
        </section>
      ) : null}
      {view.feedback.open ? (
        <RatingForm t={t} csrf={csrfToken(c)} codes={codes} errors={errors} typed={typed} />
      ) : null}
      {view.feedback.ratings.map((r) => (
        <p class="muted">{m.rate.given(ratingLabel(t, r.rating))}</p>
      ))}
      <h2>{m.timeline}</h2>
      <Timeline
        label={m.timeline}
        items={view.timeline.map((e) => ({
          at: e.at,
          when: formatDateTime(lang, e.at),
          label: lang === 'en' ? e.labelEn : e.label,
        }))}
      />
      <h2>{m.filed}</h2>
      <dl class="summary-list summary-list--2">
        <dt>{t.public.report.review.category}</dt>
        <dd>{localName(lang, view.category)}</dd>
        <dt>{t.public.report.review.area}</dt>
        <dd>{localName(lang, view.area)}</dd>
        <dt>{t.public.report.review.subject}</dt>
        <dd>
          {kind ? `${localName(lang, kind)}${t.common.colon}` : ''}
          {view.complaint.subject.name}
        </dd>
        <dt>{t.public.report.review.description}</dt>
        <dd class="pre-line">{view.complaint.description}</dd>
        {view.complaint.occurredOn ? (
          <>
            <dt>{t.public.report.review.occurredOn}</dt>
            <dd>{formatDate(lang, view.complaint.occurredOn)}</dd>
          </>
        ) : null}
        {view.complaint.grade ? (
          <>
            <dt>{t.public.report.review.grade}</dt>
            <dd>{t.public.report.what.gradeName(view.complaint.grade)}</dd>
          </>
        ) : null}
        <dt>{t.public.report.done.receivedAt}</dt>
        <dd>{formatDateTime(lang, view.receivedAt)}</dd>
      </dl>
      {view.evidence.length ? (
        <section aria-labelledby="ev-track-gallery">
          <h2 id="ev-track-gallery">{t.evidence.gallery.title}</h2>
          <EvidenceGallery t={t} items={view.evidence.map((e) => ({ ...e, href: e.url }))} />
        </section>
      ) : null}
    </>,
  );
}

function RatingForm(p: {
  t: Messages;
  csrf: string;
  codes: TrackFlash;
  errors: FormErrors;
  typed: { rating?: string | undefined; comment?: string | undefined };
}) {
  const r = p.t.public.track.rate;
  return (
    <section aria-labelledby="rate-title" class="panel panel--info">
      <h2 id="rate-title">{r.title}</h2>
      <form method="post" action="/track/feedback" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="trackingCode" value={p.codes.trackingCode} />
        <input type="hidden" name="accessCode" value={p.codes.accessCode} />
        <Radios
          name="rating"
          label={r.rating}
          value={p.typed.rating}
          error={p.errors.byField.rating}
          errorPrefix={p.t.common.errorPrefix}
          options={ratings.map((x) => ({
            value: x,
            label: r[x],
            hint: x === 'unsatisfied' ? r.unsatisfiedHint : undefined,
          }))}
        />
        <TextArea
          name="comment"
          label={r.comment}
          optional={p.t.common.optional}
          value={p.typed.comment}
          error={p.errors.byField.comment}
          errorPrefix={p.t.common.errorPrefix}
          maxlength={1000}
          rows={4}
        />
        <Button>{r.submit}</Button>
      </form>
    </section>
  );
}

function statusTone(code: string, escalation: number): 'info' | 'ok' | 'warn' | 'error' {
  if (code === 'closed') return 'ok';
  if (code === 'rejected') return 'error';
  return escalation > 0 ? 'warn' : 'info';
}

function deadlineWords(
  t: Messages,
  calendar: Parameters<typeof workingDaysBetween>[0],
  now: Date,
  deadline: Date,
) {
  if (deadline.getTime() >= now.getTime()) {
    return { overdue: false, text: t.public.track.daysLeft(workingDaysBetween(calendar, now, deadline)) };
  }
  return {
    overdue: true,
    text: t.public.track.overdue(Math.max(1, workingDaysBetween(calendar, deadline, now))),
  };
}
