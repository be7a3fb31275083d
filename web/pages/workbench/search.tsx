/**
 * /staff/search: by tracking code, subject or caller phone (POST, so the number is never in a URL;
 * results are answered on the POST itself), and browsing by status, office, category and month (GET).
 */
import { type Context, Hono } from 'hono';
import { caseStatusCodes, caseStatuses } from '../../../functions/domain/case-status.js';
import { subjectKinds } from '../../../functions/domain/reference/catalog.js';
import type { Principal } from '../../../functions/domain/staff.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import { CaseSearchSchema } from '../../../functions/http/schemas/workbench.js';
import {
  canSearchByPhone,
  clockRanges,
  listStaffCases,
  searchCases,
} from '../../../functions/services/case-lists.js';
import { AppError } from '../../../functions/services/errors.js';
import { Button, ErrorSummary, Select, TextInput } from '../../components/index.js';
import { CsrfField, csrfToken } from '../../csrf.js';
import { type FormErrors, noErrors, readForm, translateProblems, zodProblems } from '../../forms.js';
import { i18n, localName } from '../../i18n/index.js';
import { renderPage } from '../../render.js';
import { staffOrRedirect } from '../../session.js';
import { CaseTable, type Row } from './case-table.js';
import { names } from './format.js';
import { workbenchNav } from './nav.js';

const ROLES = ['operator', 'dispatcher', 'inspector', 'leader'] as const;

async function searchPage(
  c: Context<AuthEnv>,
  deps: AppDeps,
  who: Principal,
  opts: {
    values?: Record<string, string>;
    errors?: FormErrors;
    rows?: Row[];
    next?: string;
    status?: 200 | 400;
  } = {},
) {
  const { t, lang } = i18n(c);
  const m = t.workbench.search;
  const catalog = await deps.catalog.get();
  const n = names(catalog, lang);
  const { now, dueSoonEnd } = await clockRanges(deps);
  const v = opts.values ?? {};
  const errors = opts.errors ?? noErrors();
  const csrf = csrfToken(c);
  const common = { errorPrefix: t.common.errorPrefix };
  const any = [{ value: '', label: m.any }];
  return renderPage(
    c,
    { title: m.title, staff: true, nav: workbenchNav(t, who), status: opts.status ?? 200 },
    <div class="wb">
      <h1>{m.title}</h1>
      <p class="muted">{m.lead}</p>
      <ErrorSummary title={t.common.errorSummaryTitle} errors={errors.list} />
      <div class="wb-search-forms">
        <form method="post" action="/staff/search" novalidate class="wb-search">
          <CsrfField token={csrf} />
          <input type="hidden" name="by" value="trackingCode" />
          <TextInput
            name="trackingCode"
            label={m.trackingCode}
            value={v.trackingCode}
            error={errors.byField.trackingCode}
            short
            spellcheck={false}
            {...common}
          />
          <Button>{m.submit}</Button>
        </form>
        <form method="post" action="/staff/search" novalidate class="wb-search">
          <CsrfField token={csrf} />
          <input type="hidden" name="by" value="subject" />
          <Select
            name="subject.kind"
            label={m.subjectKind}
            value={v['subject.kind']}
            options={subjectKinds.map((k) => ({ value: k.code, label: localName(lang, k) }))}
            {...common}
          />
          <TextInput
            name="subject.name"
            label={m.subjectName}
            value={v['subject.name']}
            error={errors.byField['subject.name']}
            {...common}
          />
          <Button>{m.submit}</Button>
        </form>
        {canSearchByPhone(who) ? (
          <form method="post" action="/staff/search" novalidate class="wb-search">
            <CsrfField token={csrf} />
            <input type="hidden" name="by" value="phone" />
            <TextInput
              name="phone"
              type="tel"
              label={m.phone}
              error={errors.byField.phone}
              autocomplete="off"
              inputmode="tel"
              short
              {...common}
            />
            <Button>{m.submit}</Button>
          </form>
        ) : null}
      </div>
      {who.role !== 'operator' ? (
        <form method="get" action="/staff/search" class="wb-filters">
          <h2>{m.listsTitle}</h2>
          <Select
            name="status"
            label={m.status}
            value={v.status}
            options={[
              ...any,
              ...caseStatusCodes.map((s) => ({
                value: s,
                label: lang === 'en' ? caseStatuses[s].nameEn : caseStatuses[s].name,
              })),
            ]}
            error={errors.byField.status}
            {...common}
          />
          {who.role !== 'inspector' ? (
            <Select
              name="office"
              label={m.office}
              value={v.office}
              options={[...any, ...catalog.offices.map((o) => ({ value: o.id, label: localName(lang, o) }))]}
              error={errors.byField.office}
              {...common}
            />
          ) : null}
          <Select
            name="category"
            label={m.category}
            value={v.category}
            options={[
              ...any,
              ...catalog.categories.map((x) => ({ value: x.code, label: localName(lang, x) })),
            ]}
            error={errors.byField.category}
            {...common}
          />
          <TextInput
            name="month"
            label={m.month}
            value={v.month}
            error={errors.byField.month}
            hint="YYYY-MM"
            short
            {...common}
          />
          <Button variant="secondary">{m.browse}</Button>
        </form>
      ) : null}
      {opts.rows ? (
        <section aria-labelledby="wb-results">
          <h2 id="wb-results">{opts.rows.length ? m.results(opts.rows.length) : m.none}</h2>
          <CaseTable
            rows={opts.rows}
            caption={m.title}
            t={t}
            lang={lang}
            now={now}
            dueSoonEnd={dueSoonEnd}
            names={{ category: n.category, office: n.office }}
          />
          {opts.next ? (
            <p>
              <a href={`/staff/search?${new URLSearchParams({ ...v, cursor: opts.next })}`}>
                {t.workbench.home.next} →
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>,
  );
}

export function searchPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  app.get('/', async (c) => {
    const r = staffOrRedirect(c, ROLES);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const q = c.req.query();
    const values = Object.fromEntries(
      ['status', 'office', 'category', 'month'].filter((k) => q[k]).map((k) => [k, q[k] as string]),
    );
    if (Object.keys(values).length === 0) return searchPage(c, deps, r.who);
    const m = t.workbench.search;
    const month = values.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(values.month) ? values.month : undefined;
    if (values.month && !month) {
      return searchPage(c, deps, r.who, {
        values,
        errors: translateProblems(t, [{ path: 'month', code: 'invalid_format', message: '' }], {
          month: m.month,
        }),
        status: 400,
      });
    }
    try {
      const page = await listStaffCases(deps, r.who, {
        status: caseStatusCodes.find((s) => s === values.status),
        office: values.office,
        category: values.category,
        month,
        cursor: q.cursor || undefined,
      });
      return searchPage(c, deps, r.who, { values, rows: page.items, next: page.cursor });
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400 || !e.fields) throw e;
      const errors = translateProblems(t, e.fields, {
        status: m.status,
        office: m.office,
        category: m.category,
        month: m.month,
        queue: m.status,
        cursor: m.browse,
      });
      return searchPage(c, deps, r.who, { values, errors, status: 400 });
    }
  });

  app.post('/', async (c) => {
    const r = staffOrRedirect(c, ROLES);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const m = t.workbench.search;
    const form = await readForm(c);
    const body =
      form.by === 'phone'
        ? { phone: form.phone ?? '' }
        : form.by === 'subject'
          ? { subject: { kind: form['subject.kind'] ?? '', name: form['subject.name'] ?? '' } }
          : { trackingCode: form.trackingCode ?? '' };
    // The phone is never echoed back into the page.
    const { phone: _phone, ...values } = form;
    const parsed = CaseSearchSchema.safeParse(body);
    const labels = {
      trackingCode: m.trackingCode,
      'subject.name': m.subjectName,
      'subject.kind': m.subjectKind,
      phone: m.phone,
    };
    if (!parsed.success) {
      return searchPage(c, deps, r.who, {
        values,
        errors: translateProblems(t, zodProblems(parsed.error), labels),
        status: 400,
      });
    }
    const page = await searchCases(deps, r.who, { ...parsed.data, limit: 100 });
    return searchPage(c, deps, r.who, { values, rows: page.items });
  });
  return app;
}
