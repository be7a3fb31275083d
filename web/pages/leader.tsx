import { Hono } from 'hono';
import type { OverviewFigures } from '../../functions/domain/overview.js';
import { NO_OFFICE } from '../../functions/domain/overview.js';
import type { AuthEnv } from '../../functions/http/auth.js';
import type { AppDeps } from '../../functions/http/deps.js';
import { leaderOverview } from '../../functions/services/leader-overview.js';
import { i18n, localName } from '../i18n/index.js';
import { renderPage } from '../render.js';
import { staffOrRedirect } from '../session.js';

/** An instant as the reader in China reads it: YYYY-MM-DD HH:mm, Asia/Shanghai. */
export const shanghaiTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Links into the workbench's lists: its browse page (`/staff/search?office=…` — an office's open
 * cases by deadline, overdue first; `?category=…`) and its queues (`/staff?queue=escalated|unrouted`).
 */
export const browseHref = (q: Record<string, string>) => `/staff/search?${new URLSearchParams(q).toString()}`;
export const queueHref = (queue: string) => `/staff?queue=${queue}`;

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** The leader overview (领导总览), GET /staff/overview: leaders and dispatchers. */
export function leaderPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  app.get('/overview', async (c) => {
    const r = staffOrRedirect(c, ['leader', 'dispatcher']);
    if ('response' in r) return r.response;
    const { lang, t } = i18n(c);
    const m = t.admin.overview;
    const [o, catalog] = await Promise.all([leaderOverview(deps, r.who), deps.catalog.get()]);
    const officeName = (id: string) => {
      if (id === NO_OFFICE) return m.unrouted;
      const office = catalog.offices.find((x) => x.id === id);
      return office ? localName(lang, office) : id;
    };
    const categoryName = (code: string) => {
      const cat = catalog.categories.find((x) => x.code === code);
      return cat ? localName(lang, cat) : code;
    };
    const tiles: { label: string; value: string; detail?: string; href?: string; tone?: string }[] = [
      { label: m.open, value: String(o.totals.open) },
      {
        label: m.overdue,
        value: String(o.totals.overdue),
        href: queueHref('escalated'),
        tone: o.totals.overdue > 0 ? 'warn' : undefined,
      },
      { label: m.urged, value: String(o.totals.urged), href: queueHref('escalated') },
      { label: m.supervised, value: String(o.totals.supervised), href: queueHref('escalated') },
      {
        label: m.accountabilityThisMonth,
        value: String(o.totals.accountabilityThisMonth),
        tone: o.totals.accountabilityThisMonth > 0 ? 'error' : undefined,
      },
      {
        label: m.onTimeRate,
        value: percent(o.totals.onTimeRate),
        detail:
          o.totals.dueThisMonth === 0
            ? m.noneDue
            : m.onTimeDetail(o.totals.onTimeThisMonth, o.totals.dueThisMonth),
      },
    ];
    const head = [
      m.open,
      m.overdue,
      m.urged,
      m.supervised,
      m.accountable,
      m.accountabilityThisMonth,
      m.onTimeRate,
    ];
    const cells = (f: OverviewFigures, href: string) => [
      f.open > 0 ? <a href={href}>{f.open}</a> : '0',
      f.overdue > 0 ? (
        <a href={href} class="ad-hot">
          {f.overdue}
        </a>
      ) : (
        '0'
      ),
      String(f.urged),
      String(f.supervised),
      String(f.accountable),
      f.accountabilityThisMonth > 0 ? <strong class="ad-hot">{f.accountabilityThisMonth}</strong> : '0',
      percent(f.onTimeRate),
    ];
    const table = (caption: string, first: string, rows: { name: string; cells: unknown[] }[]) => (
      <div class="table-wrap">
        <table class="ad-figures">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{first}</th>
              {head.map((h) => (
                <th scope="col" class="num">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan={head.length + 1} class="muted">
                  {m.noRows}
                </td>
              </tr>
            ) : null}
            {rows.map((row) => (
              <tr>
                <th scope="row">{row.name}</th>
                {row.cells.map((cell) => (
                  <td class="num">{cell as string}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
    return renderPage(
      c,
      { title: m.title, staff: true },
      <div class="ad-overview">
        <h1>{m.title}</h1>
        <p class="muted">{m.lead(o.month, shanghaiTime(o.asOf))}</p>
        <ul class="ad-tiles">
          {tiles.map((tile) => (
            <li class={tile.tone ? `ad-tile ad-tile--${tile.tone}` : 'ad-tile'}>
              <span class="ad-tile-label">{tile.label}</span>
              <span class="ad-tile-value">
                {tile.href ? <a href={tile.href}>{tile.value}</a> : tile.value}
              </span>
              {tile.detail ? <span class="ad-tile-detail">{tile.detail}</span> : null}
            </li>
          ))}
        </ul>
        {table(
          m.byOffice,
          m.office,
          o.byOffice.map((f) => ({
            name: officeName(f.officeId),
            cells: cells(
              f,
              f.officeId === NO_OFFICE ? queueHref('unrouted') : browseHref({ office: f.officeId }),
            ),
          })),
        )}
        {table(
          m.byCategory,
          m.category,
          o.byCategory.map((f) => ({
            name: categoryName(f.category),
            cells: cells(f, browseHref({ category: f.category })),
          })),
        )}
      </div>,
    );
  });

  return app;
}
