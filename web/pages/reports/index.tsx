/**
 * Monthly notice pages, mounted at /staff: the list, the notice as a document (draft or a published
 * version; dispatchers edit 五、下步要求 and publish: POST → 303 → GET), and the dashboard of charts.
 * Same services and access rules as the JSON API (inspectors see their office's section only).
 */
import { type Context, Hono } from 'hono';
import { canPublishNotice, noticeScope } from '../../../functions/domain/authorization.js';
import type { Channel } from '../../../functions/domain/case.js';
import { addMonths, MONTH_PATTERN, monthOf } from '../../../functions/domain/reports/month.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import { reportDeps } from '../../../functions/http/reports-api.js';
import { PublishSchema } from '../../../functions/http/schemas/reports.js';
import { AppError } from '../../../functions/services/errors.js';
import { draftNotice, publishNotice } from '../../../functions/services/reports/monthly-notice.js';
import { readNotice } from '../../../functions/services/reports/notice-access.js';
import { csrfToken } from '../../csrf.js';
import { readForm } from '../../forms.js';
import { i18n } from '../../i18n/index.js';
import { renderPage, staffNav } from '../../render.js';
import { staffOrRedirect } from '../../session.js';
import { barChart, officeChart, pieChart, trendChart } from './charts.js';
import { chineseDate, Ledger, NoticeDocument, pct } from './notice-document.js';

const READERS = ['leader', 'dispatcher', 'inspector'] as const;

function checkMonth(month: string) {
  if (!MONTH_PATTERN.test(month)) throw new AppError(404, 'NOT_FOUND', 'No such month.');
}

export function reportPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const rd = reportDeps(deps);
  const nav = (c: Context<AuthEnv>) => {
    const { t } = i18n(c);
    return [...staffNav(t, true, c.get('principal')), { href: '/staff/reports', label: t.reports.nav }];
  };

  app.get('/reports', async (c) => {
    const r = staffOrRedirect(c, READERS);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const m = t.reports;
    const current = monthOf(deps.clock.now());
    const months = Array.from({ length: 12 }, (_, i) => addMonths(current, -i));
    const published = await deps.notices.list();
    const all = noticeScope(r.who) === 'all';
    return renderPage(
      c,
      { title: m.listTitle, staff: true, nav: nav(c) },
      <div class="rpt">
        <h1>{m.listTitle}</h1>
        <table class="rpt-table">
          <thead>
            <tr>
              <th scope="col">{m.month}</th>
              <th scope="col">{m.draft}</th>
              <th scope="col">{m.published}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((month) => (
              <tr>
                <td>{month}</td>
                <td>
                  <a href={`/staff/reports/monthly/${month}`}>{m.open}</a>
                  {all ? (
                    <>
                      {' · '}
                      <a href={`/staff/reports/monthly/${month}/dashboard`}>{m.dashboard}</a>
                    </>
                  ) : null}
                </td>
                <td>
                  {published
                    .filter((p) => p.month === month)
                    .map((p) => (
                      <a href={`/staff/reports/monthly/${month}?version=${p.version}`}>
                        {`${p.issue.label} ${m.version(p.version)} `}
                      </a>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>,
    );
  });

  const noticePage = async (c: Context<AuthEnv>, error?: string, typed?: string) => {
    const r = staffOrRedirect(c, READERS);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const m = t.reports;
    const month = c.req.param('month') as string;
    checkMonth(month);
    const v = c.req.query('version');
    const version = v === undefined ? undefined : v === 'latest' ? 'latest' : Number(v);
    if (typeof version === 'number' && !(Number.isInteger(version) && version > 0)) {
      throw new AppError(404, 'NOT_FOUND', 'No such version.');
    }
    const view = await readNotice(rd, r.who, month, version);
    const tools = (
      <p class="rpt-tools">
        <a href="/staff/reports">{m.listTitle}</a>
        {view.scope === 'all' ? (
          <>
            <a href={`/staff/reports/monthly/${month}/dashboard`}>{m.dashboard}</a>
            <a href={`/api/v1/reports/monthly/${month}?format=xlsx${version ? `&version=${version}` : ''}`}>
              {`${m.exports} Excel`}
            </a>
            <a href={`/api/v1/reports/monthly/${month}?format=csv${version ? `&version=${version}` : ''}`}>
              {`${m.exports} CSV`}
            </a>
          </>
        ) : null}
        <span class="muted">{m.printHint}</span>
      </p>
    );
    if (view.scope === 'office') {
      const s = view.notice.section;
      return renderPage(
        c,
        { title: `${m.title} ${month}`, staff: true, nav: nav(c) },
        <div class="rpt-doc">
          {tools}
          <h1>{`${m.title} ${month} · ${m.ownOffice}：${s.office?.name ?? ''}`}</h1>
          <p>
            {s.office
              ? `排名 ${s.office.rank ?? '—'}；受理 ${s.office.figures.received} 件，应办结 ${s.office.figures.dueInMonth} 件，按时办结率 ${pct(
                  s.office.figures.onTimeRate,
                )}，满意率 ${pct(s.office.figures.satisfactionRate)}，逾期未办结 ${s.office.figures.overdueOpen} 件。`
              : '—'}
          </p>
          <h2>{m.ledger}</h2>
          <Ledger r={s} t={t} />
        </div>,
      );
    }
    const n = view.notice;
    const isDraft = n.status === 'draft';
    return renderPage(
      c,
      { title: `${m.title} ${month}`, staff: true, nav: nav(c), status: error ? 400 : 200 },
      <div>
        {tools}
        <NoticeDocument
          t={t}
          report={n.report}
          issueLabel={'issue' in n ? n.issue.label : undefined}
          issuedAt={'publishedAt' in n ? n.publishedAt : n.report.generatedAt}
          requirements={typed ?? n.requirements}
          publishForm={
            isDraft && canPublishNotice(r.who)
              ? { csrf: csrfToken(c), action: `/staff/reports/monthly/${month}/publish`, error }
              : undefined
          }
          published={'version' in n ? m.publishedAs(n.issue.label, n.version, n.publishedBy) : undefined}
        />
      </div>,
    );
  };

  app.get('/reports/monthly/:month', (c) => noticePage(c));

  app.post('/reports/monthly/:month/publish', async (c) => {
    const r = staffOrRedirect(c, ['dispatcher']);
    if ('response' in r) return r.response;
    const month = c.req.param('month');
    checkMonth(month);
    const form = await readForm(c);
    const parsed = PublishSchema.safeParse({ requirements: form.requirements ?? '' });
    if (!parsed.success) return noticePage(c, i18n(c).t.reports.tooLong, form.requirements);
    const published = await publishNotice(rd, month, r.who.username, parsed.data.requirements);
    return c.redirect(`/staff/reports/monthly/${month}?version=${published.version}`, 303);
  });

  app.get('/reports/monthly/:month/dashboard', async (c) => {
    const r = staffOrRedirect(c, ['leader', 'dispatcher']);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const m = t.reports;
    const month = c.req.param('month');
    checkMonth(month);
    const draft = await draftNotice(rd, month);
    const rep = draft.report;
    // Six-month trend: this month and the five before it (each read from its own partitions).
    const trend = [];
    for (let i = 5; i > 0; i--) {
      const d = await draftNotice(rd, addMonths(month, -i));
      trend.push({ month: d.month, ...pick(d.report.overall) });
    }
    trend.push({ month, ...pick(rep.overall) });
    const l = m.charts;
    const charts = [
      {
        title: l.offices,
        svg: officeChart(
          rep.offices.map((o) => ({
            name: o.name,
            received: o.figures.received,
            closed: o.figures.closed,
            onTimeRate: o.figures.onTimeRate,
          })),
          l,
        ),
      },
      { title: l.trend, svg: trendChart(trend, l) },
      {
        title: l.categories,
        svg: barChart(rep.categories.map((x) => ({ name: x.name, value: x.figures.received }))),
      },
      {
        title: l.channels,
        svg: pieChart(
          Object.entries(rep.overall.receivedByChannel).map(([k, v]) => ({
            name: t.workbench.channels[k as Channel] ?? k,
            value: v,
          })),
        ),
      },
    ];
    return renderPage(
      c,
      { title: `${m.dashboard} ${month}`, staff: true, nav: nav(c) },
      <div class="rpt">
        <p class="rpt-tools">
          <a href={`/staff/reports/monthly/${month}`}>{`${m.title} ${month}`}</a>
          <span class="muted">{chineseDate(rep.generatedAt)}</span>
        </p>
        <h1>{`${m.dashboard} · ${month}`}</h1>
        <div class="rpt-charts">
          {charts.map((ch) => (
            <figure class="rpt-chart">
              <figcaption>
                <strong>{ch.title}</strong>
              </figcaption>
              <div role="img" aria-label={ch.title} dangerouslySetInnerHTML={{ __html: ch.svg }} />
            </figure>
          ))}
        </div>
      </div>,
    );
  });

  return app;
}

const pick = (f: { received: number; closed: number; onTimeRate: number | null }) => ({
  received: f.received,
  closed: f.closed,
  onTimeRate: f.onTimeRate,
});
