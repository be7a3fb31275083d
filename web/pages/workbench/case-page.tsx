/** The staff case page (案件详情): facts, deadline, timeline in plain words, and the action forms. */
import type { Context } from 'hono';
import { subjectKey } from '../../../functions/domain/case.js';
import { caseStatuses } from '../../../functions/domain/case-status.js';
import type { ActionType } from '../../../functions/domain/lifecycle/actions.js';
import { findCategory, replyTemplatesOf, subjectKinds } from '../../../functions/domain/reference/catalog.js';
import { templatesFor } from '../../../functions/domain/reference/reply-templates.js';
import type { Principal } from '../../../functions/domain/staff.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import { searchCases } from '../../../functions/services/case-lists.js';
import { staffCaseView } from '../../../functions/services/staff-cases.js';
import {
  Badge,
  Button,
  EvidenceGallery,
  Panel,
  SummaryList,
  staffEvidenceHref,
  TextArea,
  Timeline,
} from '../../components/index.js';
import { CsrfField, csrfToken } from '../../csrf.js';
import type { FormErrors } from '../../forms.js';
import { i18n, localName, type Messages } from '../../i18n/index.js';
import { renderPage } from '../../render.js';
import { ActionForm, type FormState } from './action-forms.js';
import { names, shanghaiTime, workingDaysLeft } from './format.js';
import { workbenchNav } from './nav.js';

type View = Awaited<ReturnType<typeof staffCaseView>>;
type Event = View['events'][number];

export interface CasePageState extends FormState {
  /** Someone acted first: history entries from this index on are new to the reader. */
  staleFrom?: number | undefined;
  revealed?:
    | { name?: string | undefined; phone?: string | undefined; email?: string | undefined }
    | undefined;
  revealErrors?: FormErrors | undefined;
  done?: string | undefined;
}

/** One history entry in plain words: what happened, by whom, and the detail that matters. */
function eventLine(e: Event, t: Messages, n: ReturnType<typeof names>) {
  const m = t.workbench;
  const actor = e.actor === 'system' ? m.system : e.actor === 'citizen' ? m.citizen : e.actor;
  const label = `${m.events[e.type] ?? e.type}${m.by(actor)}`;
  const parts: string[] = [];
  const d = e as Record<string, unknown>;
  if (typeof d.officeId === 'string' && d.officeId) parts.push(n.office(d.officeId));
  if (typeof d.deadline === 'string') parts.push(m.newDeadline(shanghaiTime(d.deadline)));
  if (typeof d.due === 'string') parts.push(m.newDeadline(shanghaiTime(d.due)));
  if (typeof d.days === 'number') parts.push(`${d.days} ${t.workbench.fields.days}`);
  if (typeof d.finding === 'string' && d.finding in m.findings)
    parts.push(m.findings[d.finding as keyof typeof m.findings]);
  const to = d.to as { category?: string; urgent?: boolean } | undefined;
  if (to?.category) parts.push(`${n.category(to.category)}${to.urgent ? ` · ${m.marks.urgent}` : ''}`);
  if (typeof d.measure === 'string' && d.measure in m.measures)
    parts.push(m.measures[d.measure as keyof typeof m.measures]);
  if (typeof d.rating === 'string') parts.push(d.rating);
  if (typeof d.skipped === 'string') parts.push(m.attachmentSkips[d.skipped] ?? d.skipped);
  if (typeof d.declaredType === 'string') parts.push(d.declaredType);
  for (const k of ['reason', 'text', 'note', 'reply', 'comment', 'targetUnit']) {
    if (typeof d[k] === 'string' && d[k]) parts.push(d[k] as string);
  }
  return { label, detail: parts.join(' · ') || undefined };
}

export async function casePage(
  c: Context<AuthEnv>,
  deps: AppDeps,
  who: Principal,
  code: string,
  state: CasePageState = {},
  status: 200 | 400 | 409 | 403 = 200,
) {
  const { t, lang } = i18n(c);
  const m = t.workbench;
  const view = await staffCaseView(deps, who, code); // 404 out of scope
  const [catalog, calendar] = await Promise.all([deps.catalog.get(), deps.calendar.get()]);
  const n = names(catalog, lang);
  const now = deps.clock.now();
  const category = findCategory(catalog, view.category);
  const kind = subjectKinds.find((k) => k.code === view.subject.kind);
  const statusInfo = caseStatuses[view.status as keyof typeof caseStatuses];
  const left = view.deadline ? workingDaysLeft(calendar, now, view.deadline) : undefined;
  const onClock = view.status === 'assigned' || view.status === 'in_progress';
  const actions = view.allowedActions as ActionType[];
  const mergeCandidates = actions.includes('merge')
    ? (
        await searchCases(deps, who, {
          subject: { kind: view.subject.kind, name: view.subject.name },
          limit: 20,
        })
      ).items.filter(
        (r) => r.trackingCode !== view.trackingCode && !['merged', 'rejected'].includes(r.status),
      )
    : [];
  const linked = view.events
    .filter((e) => e.type === 'merged_in' && typeof (e as Record<string, unknown>).from === 'string')
    .map((e) => (e as Record<string, unknown>).from as string);
  const csrf = csrfToken(c);
  const templates = templatesFor(replyTemplatesOf(catalog), view.category).map((x) => ({
    ...x,
    text: x.text.replaceAll('{subject}', view.subject.name),
  }));
  const reporter = view.reporter as { name?: string; phone?: string; email?: string } | null;
  const events = view.events.map((e, i) => ({ e, i }));
  const rows = [
    {
      key: m.cols.subject,
      value: `${view.subject.name}（${kind ? localName(lang, kind) : view.subject.kind}）`,
    },
    {
      key: m.cols.category,
      value: (
        <>
          {n.category(view.category)}
          {view.urgent ? (
            <>
              {' '}
              <Badge tone="warn">{m.marks.urgent}</Badge>
            </>
          ) : null}
          {category ? (
            <p class="wb-basis">
              <span class="muted">{m.case.basis}：</span>
              {lang === 'en' ? category.basis.ruleEn : category.basis.rule}
            </p>
          ) : null}
        </>
      ),
    },
    { key: m.case.area, value: n.area(view.area) },
    { key: m.cols.office, value: n.office(view.officeId) },
    {
      key: m.cols.deadline,
      value: view.deadline ? (
        <>
          {shanghaiTime(view.deadline)}
          {left !== undefined && onClock ? (
            <>
              {' '}
              <Badge tone={left < 0 ? 'error' : left <= 2 ? 'warn' : 'info'}>
                {m.case.deadlineLeft(left)}
              </Badge>
            </>
          ) : null}
        </>
      ) : (
        '—'
      ),
    },
    {
      key: m.cols.level,
      value: view.escalationLevel > 0 ? <Badge tone="error">{m.levels[view.escalationLevel]}</Badge> : '—',
    },
    { key: m.cols.received, value: shanghaiTime(view.receivedAt) },
    { key: m.case.channel, value: m.channels[view.channel as keyof typeof m.channels] ?? view.channel },
    ...(view.occurredOn ? [{ key: m.case.occurredOn, value: view.occurredOn }] : []),
    ...(view.grade ? [{ key: m.case.grade, value: String(view.grade) }] : []),
    {
      key: m.case.reporter,
      value:
        view.anonymous || !reporter
          ? m.case.anonymous
          : [reporter.name, reporter.phone, reporter.email].filter(Boolean).join(' · '),
    },
    ...(view.enteredBy ? [{ key: m.case.enteredBy, value: view.enteredBy }] : []),
    ...(view.coHandling ? [{ key: m.case.coHandling, value: localName(lang, view.coHandling) }] : []),
    ...(view.mergedInto
      ? [{ key: m.case.mergedInto, value: <a href={`/staff/cases/${view.mergedInto}`}>{view.mergedInto}</a> }]
      : []),
    ...(linked.length
      ? [
          {
            key: m.case.linked,
            value: (
              <>
                {linked.map((id) => {
                  const linkCode = `${id.slice(0, 5)}-${id.slice(5)}`;
                  return (
                    <>
                      <a href={`/staff/cases/${linkCode}`}>{linkCode}</a>{' '}
                    </>
                  );
                })}
              </>
            ),
          },
        ]
      : []),
  ];
  const report = view.report as { finding: string; actions: string; reply: string } | null;
  const instructions = view.instructions as { at: string; by: string; text: string }[];
  const canReveal = who.role === 'dispatcher' && !view.anonymous && reporter !== null;
  const keptValues = state.type && !actions.includes(state.type as ActionType) ? state.values : undefined;
  return renderPage(
    c,
    { title: `${view.trackingCode} · ${view.subject.name}`, staff: true, nav: workbenchNav(t, who), status },
    <div class="wb wb-case">
      <h1>
        <span class="wb-code">{view.trackingCode}</span> {view.subject.name}{' '}
        <Badge tone={['closed', 'rejected', 'merged'].includes(view.status) ? 'ok' : 'info'}>
          {statusInfo ? (lang === 'en' ? statusInfo.nameEn : statusInfo.name) : view.status}
        </Badge>
      </h1>
      {state.done ? (
        <Panel variant="info">
          <p role="status">{m.case.done}</p>
        </Panel>
      ) : null}
      {state.staleFrom !== undefined ? (
        <Panel variant="warn" title={m.case.staleTitle}>
          <p role="alert">{m.case.staleBody}</p>
          <ul>
            {view.events.slice(state.staleFrom).map((e) => {
              const line = eventLine(e, t, n);
              return (
                <li>
                  {shanghaiTime(e.at)} {line.label}
                  {line.detail ? `：${line.detail}` : ''}
                </li>
              );
            })}
          </ul>
          {keptValues ? (
            <pre class="wb-kept">
              {Object.entries(keptValues)
                .filter(([k, v]) => v && !['type', 'expectedVersion', 'seenEvents'].includes(k))
                .map(([, v]) => v)
                .join('\n')}
            </pre>
          ) : null}
        </Panel>
      ) : null}
      <div class="wb-columns">
        <div class="wb-main">
          <section aria-labelledby="wb-facts">
            <h2 id="wb-facts">{m.case.facts}</h2>
            <SummaryList rows={rows} />
            <h3>{m.case.description}</h3>
            <p class="wb-description">{view.description}</p>
          </section>
          {view.evidence.length ? (
            <section aria-labelledby="ev-staff-gallery">
              <h2 id="ev-staff-gallery">{t.evidence.gallery.title}</h2>
              <EvidenceGallery
                t={t}
                showAuthor
                items={view.evidence.map((e) => ({ ...e, href: staffEvidenceHref(view.trackingCode, e.id) }))}
              />
            </section>
          ) : null}
          {instructions.length ? (
            <section aria-labelledby="wb-instructions">
              <h2 id="wb-instructions">{m.case.instructions}</h2>
              <ul>
                {instructions.map((x) => (
                  <li>
                    {shanghaiTime(x.at)} {x.by}：{x.text}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {report ? (
            <section aria-labelledby="wb-report">
              <h2 id="wb-report">{m.case.report}</h2>
              <p>
                <strong>{m.findings[report.finding as keyof typeof m.findings] ?? report.finding}</strong>
              </p>
              <p>{report.actions}</p>
              <p class="muted">{report.reply}</p>
            </section>
          ) : null}
          <section aria-labelledby="wb-timeline">
            <h2 id="wb-timeline">{m.case.timeline}</h2>
            <Timeline
              label={m.case.timeline}
              items={events.map(({ e }) => {
                const line = eventLine(e, t, n);
                return { at: e.at, when: shanghaiTime(e.at), label: line.label, detail: line.detail };
              })}
            />
          </section>
        </div>
        <aside class="wb-side" aria-labelledby="wb-actions">
          <h2 id="wb-actions">{m.case.actions}</h2>
          {actions.length === 0 && !canReveal ? <p>{m.case.noActions}</p> : null}
          {actions.map((type) => (
            <ActionForm
              type={type}
              code={view.trackingCode}
              version={view.version}
              seenEvents={view.events.length}
              t={t}
              lang={lang}
              catalog={catalog}
              csrf={csrf}
              state={state}
              templates={templates}
              subjectName={view.subject.name}
              mergeCandidates={mergeCandidates}
              category={view.category}
              urgent={view.urgent}
            />
          ))}
          {canReveal ? (
            <details
              class="wb-action"
              id="act-reveal"
              open={state.revealErrors || state.revealed ? true : undefined}
            >
              <summary>{m.actions.reveal}</summary>
              {state.revealed ? (
                <Panel variant="warn" title={m.case.revealed}>
                  <p>
                    {[state.revealed.name, state.revealed.phone, state.revealed.email]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                </Panel>
              ) : (
                <form method="post" action={`/staff/cases/${view.trackingCode}/reveal#act-reveal`} novalidate>
                  <CsrfField token={csrf} />
                  <TextArea
                    name="reveal.reason"
                    label={m.fields.revealReason}
                    rows={2}
                    maxlength={500}
                    error={state.revealErrors?.byField['reveal.reason']}
                    errorPrefix={t.common.errorPrefix}
                  />
                  <Button>{m.actions.reveal}</Button>
                </form>
              )}
            </details>
          ) : null}
        </aside>
      </div>
    </div>,
  );
}

/** Same subject (the merge target check): the normalised subject key. */
export const sameSubject = (a: { kind: string; name: string }, b: { kind: string; name: string }) =>
  subjectKey(a) === subjectKey(b);
