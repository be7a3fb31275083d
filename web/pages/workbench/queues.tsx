/** GET /staff: the workbench home by role — queue counts at the top, one queue below, paged. */
import type { Context } from 'hono';
import { type QueueName, queueNames } from '../../../functions/domain/queues.js';
import type { Principal } from '../../../functions/domain/staff.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import { clockRanges, listStaffCases, queueCounts } from '../../../functions/services/case-lists.js';
import { AppError } from '../../../functions/services/errors.js';
import { i18n } from '../../i18n/index.js';
import { renderPage } from '../../render.js';
import { CaseTable, type Row } from './case-table.js';
import { names } from './format.js';
import { workbenchNav } from './nav.js';

/** The order triage queues are offered in; the first with cases opens by default. */
const DISPATCH_ORDER: QueueName[] = [
  'pending_review',
  'extension',
  'returned',
  'submitted',
  'escalated',
  'unrouted',
];
const INSPECTOR_ORDER: QueueName[] = ['open', 'due_soon', 'overdue', 'pending_review', 'finished'];

export async function workbenchHome(c: Context<AuthEnv>, deps: AppDeps, who: Principal) {
  const { t, lang } = i18n(c);
  const m = t.workbench;
  const catalog = await deps.catalog.get();
  const n = names(catalog, lang);
  const { now, dueSoonEnd } = await clockRanges(deps);
  const asked = c.req.query('queue');
  const cursor = c.req.query('cursor') || undefined;

  let counts: Record<string, number> = {};
  let queue: QueueName | undefined;
  let order: QueueName[] = [];
  if (who.role === 'inspector' || who.role === 'dispatcher' || who.role === 'leader') {
    counts = (await queueCounts(deps, who)).counts;
    order = who.role === 'inspector' ? INSPECTOR_ORDER : DISPATCH_ORDER;
    const wanted = queueNames.find((q) => q === asked);
    queue =
      wanted && order.includes(wanted)
        ? wanted
        : who.role === 'inspector'
          ? 'open'
          : (DISPATCH_ORDER.find((q) => (counts[q] ?? 0) > 0) ?? 'pending_review');
  }
  let rows: Row[] = [];
  let next: string | undefined;
  if (who.role !== 'admin') {
    try {
      const page = await listStaffCases(deps, who, { queue, cursor, limit: 50 });
      rows = page.items;
      next = page.cursor;
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      // A stale or foreign cursor in the address: start the queue from the top.
      const page = await listStaffCases(deps, who, { queue, limit: 50 });
      rows = page.items;
      next = page.cursor;
    }
  }
  const title = queue ? m.queues[queue] : who.role === 'operator' ? m.queues.entered : m.home.title;
  const countLabel = (q: string) => (q in m.queues ? m.queues[q as keyof typeof m.queues] : q);
  return renderPage(
    c,
    { title: m.home.title, staff: true, nav: workbenchNav(t, who) },
    <div class="wb">
      <h1>
        {m.home.title} <small class="muted">{t.staff.welcome(who.username, t.staff.roles[who.role])}</small>
      </h1>
      {who.role === 'admin' ? <p>{m.home.adminHint}</p> : null}
      {order.length ? (
        <nav aria-label={m.home.counts}>
          <ul class="wb-counts">
            {order.map((q) => (
              <li class={q === queue ? 'wb-count wb-count--current' : 'wb-count'}>
                <a href={`/staff?queue=${q}`} aria-current={q === queue ? 'page' : undefined}>
                  <span class="wb-count-n">{q === 'finished' ? '›' : (counts[q] ?? 0)}</span>
                  <span class="wb-count-label">{countLabel(q)}</span>
                </a>
              </li>
            ))}
            {who.role === 'inspector' ? (
              <li class="wb-count wb-count--static">
                <span class="wb-count-n">{counts.escalated ?? 0}</span>
                <span class="wb-count-label">{m.queues.escalated}</span>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      {who.role !== 'admin' ? (
        <section aria-labelledby="wb-queue-title">
          <h2 id="wb-queue-title">{title}</h2>
          <CaseTable
            rows={rows}
            caption={title}
            t={t}
            lang={lang}
            now={now}
            dueSoonEnd={dueSoonEnd}
            names={{ category: n.category, office: n.office }}
          />
          {next ? (
            <p>
              <a href={`/staff?${new URLSearchParams({ ...(queue ? { queue } : {}), cursor: next })}`}>
                {m.home.next} →
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>,
  );
}

/** Rejects roles that have no workbench page. */
export function requireCaseRole(who: Principal) {
  if (who.role === 'admin') throw new AppError(404, 'NOT_FOUND', 'No such page.');
}
