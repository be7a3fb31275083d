/** /staff/inspection: an inspector records a problem found on an inspection visit (明察暗访). */
import { type Context, Hono } from 'hono';
import { subjectKinds } from '../../../functions/domain/reference/catalog.js';
import type { Principal } from '../../../functions/domain/staff.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import { ComplaintSchema } from '../../../functions/http/schemas/complaint.js';
import { clockRanges, listStaffCases } from '../../../functions/services/case-lists.js';
import { AppError } from '../../../functions/services/errors.js';
import { submitComplaintWithRetry } from '../../../functions/services/intake.js';
import { Button, ErrorSummary, Panel, Select, TextArea, TextInput } from '../../components/index.js';
import { CsrfField, csrfToken } from '../../csrf.js';
import {
  blankToUndefined,
  type FormErrors,
  noErrors,
  readForm,
  translateProblems,
  zodProblems,
} from '../../forms.js';
import { i18n, localName } from '../../i18n/index.js';
import { renderPage } from '../../render.js';
import { staffOrRedirect } from '../../session.js';
import { CaseTable } from './case-table.js';
import { names } from './format.js';
import { workbenchNav } from './nav.js';

async function inspectionPage(
  c: Context<AuthEnv>,
  deps: AppDeps,
  who: Principal,
  opts: { values?: Record<string, string>; errors?: FormErrors; status?: 200 | 400 } = {},
) {
  const { t, lang } = i18n(c);
  const m = t.workbench.inspection;
  const catalog = await deps.catalog.get();
  const n = names(catalog, lang);
  const v = opts.values ?? {};
  const errors = opts.errors ?? noErrors();
  const common = { errorPrefix: t.common.errorPrefix };
  const mine = await listStaffCases(deps, who, { queue: 'entered', limit: 20 });
  const { now, dueSoonEnd } = await clockRanges(deps);
  const done = c.req.query('done');
  return renderPage(
    c,
    { title: m.title, staff: true, nav: workbenchNav(t, who), status: opts.status ?? 200 },
    <div class="wb">
      <h1>{m.title}</h1>
      {done ? (
        <Panel variant="info">
          <p role="status">{m.done(done)}</p>
        </Panel>
      ) : null}
      <p class="muted">{m.lead}</p>
      <ErrorSummary title={t.common.errorSummaryTitle} errors={errors.list} />
      <form method="post" action="/staff/inspection" novalidate class="wb-narrow">
        <CsrfField token={csrfToken(c)} />
        <Select
          name="area"
          label={m.area}
          value={v.area}
          error={errors.byField.area}
          placeholder=""
          options={catalog.areas.map((a) => ({ value: a.code, label: localName(lang, a) }))}
          {...common}
        />
        <Select
          name="subject.kind"
          label={m.subjectKind}
          value={v['subject.kind']}
          error={errors.byField['subject.kind']}
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
        <Select
          name="category"
          label={m.category}
          value={v.category}
          error={errors.byField.category}
          placeholder=""
          options={catalog.categories.map((x) => ({ value: x.code, label: localName(lang, x) }))}
          {...common}
        />
        <TextArea
          name="description"
          label={m.description}
          value={v.description}
          error={errors.byField.description}
          rows={5}
          maxlength={5000}
          {...common}
        />
        <TextInput
          name="occurredOn"
          type="date"
          label={m.occurredOn}
          value={v.occurredOn}
          error={errors.byField.occurredOn}
          optional={t.common.optional}
          short
          {...common}
        />
        <Button>{m.submit}</Button>
      </form>
      <h2>{t.workbench.queues.entered}</h2>
      <CaseTable
        rows={mine.items}
        caption={t.workbench.queues.entered}
        t={t}
        lang={lang}
        now={now}
        dueSoonEnd={dueSoonEnd}
        names={{ category: n.category, office: n.office }}
      />
    </div>,
  );
}

export function inspectionPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => {
    const r = staffOrRedirect(c, ['inspector']);
    if ('response' in r) return r.response;
    return inspectionPage(c, deps, r.who);
  });
  app.post('/', async (c) => {
    const r = staffOrRedirect(c, ['inspector']);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const m = t.workbench.inspection;
    const values = await readForm(c);
    const labels = {
      area: m.area,
      category: m.category,
      'subject.kind': m.subjectKind,
      'subject.name': m.subjectName,
      description: m.description,
      occurredOn: m.occurredOn,
    };
    const parsed = ComplaintSchema.safeParse({
      channel: 'inspection',
      area: values.area ?? '',
      category: values.category ?? '',
      subject: { kind: values['subject.kind'] ?? '', name: values['subject.name'] ?? '' },
      description: values.description ?? '',
      occurredOn: blankToUndefined(values.occurredOn),
      anonymous: true,
    });
    if (!parsed.success) {
      return inspectionPage(c, deps, r.who, {
        values,
        errors: translateProblems(t, zodProblems(parsed.error), labels),
        status: 400,
      });
    }
    try {
      const receipt = await submitComplaintWithRetry(deps, parsed.data, { enteredBy: r.who.username });
      return c.redirect(`/staff/inspection?done=${receipt.trackingCode}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || !e.fields) throw e;
      return inspectionPage(c, deps, r.who, {
        values,
        errors: translateProblems(t, e.fields, labels),
        status: 400,
      });
    }
  });
  return app;
}
