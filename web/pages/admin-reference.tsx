import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import type { HolidayYear } from '../../functions/domain/calendar/holiday-data.js';
import type { AuthEnv } from '../../functions/http/auth.js';
import type { AppDeps } from '../../functions/http/deps.js';
import { HolidayYearSchema } from '../../functions/http/schemas/actions.js';
import { CatalogInputSchema } from '../../functions/http/schemas/catalog.js';
import { saveCalendarYear } from '../../functions/services/calendar-source.js';
import { AppError, type FieldProblem } from '../../functions/services/errors.js';
import {
  calendarYears,
  confirmCatalog,
  previewCalendarYear,
  previewCatalog,
} from '../../functions/services/reference-changes.js';
import { Button, ErrorSummary, Select, TextArea, TextInput } from '../components/index.js';
import { CsrfField, csrfToken } from '../csrf.js';
import { type FormErrors, noErrors, readForm, translateProblems, zodProblems } from '../forms.js';
import { i18n, type Lang, localName, type Messages } from '../i18n/index.js';
import { renderPage } from '../render.js';
import { staffOrRedirect } from '../session.js';
import {
  type CatalogInput,
  type FieldDef,
  isSliceName,
  type Slice,
  type SliceName,
  slices,
} from './reference-slices.js';

type Values = Record<string, string>;
const BASE = '/staff/admin/reference';
const SECTIONS = ['categories', 'areas', 'offices', 'routing', 'deadlines', 'calendar'] as const;

const catalogInput = ({ version: _v, ...rest }: CatalogInput & { version: number }): CatalogInput => rest;

/** The label a form shows for a field of a slice. */
function fieldLabel(t: Messages, lang: Lang, catalog: CatalogInput, name: string): string {
  const f = t.admin.reference.fields as unknown as Record<string, string>;
  const [code, sub] = name.split('.');
  if (sub) {
    const cat = catalog.categories.find((x) => x.code === code);
    return `${cat ? localName(lang, cat) : code} · ${f[sub] ?? sub}`;
  }
  return f[name] ?? name;
}

/** Reference data pages for admins: read, edit with a preview of the effect, confirm. JS optional. */
export function adminReferencePages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  const guard = (c: Context<AuthEnv>) => staffOrRedirect(c, ['admin']);

  app.get('/', async (c) => {
    const r = guard(c);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const m = t.admin.reference;
    const catalog = await deps.catalog.get();
    return renderPage(
      c,
      { title: m.title, staff: true },
      <>
        <h1>{m.title}</h1>
        <p>{m.lead}</p>
        <p class="muted">{m.version(catalog.version)}</p>
        <ul class="ad-sections">
          {SECTIONS.map((s) => (
            <li>
              <a href={`${BASE}/${s}`}>{m.sections[s]}</a>
            </li>
          ))}
        </ul>
      </>,
    );
  });

  // ——— Holiday calendar (per year: holidays and 调休 make-up days) ———

  const linesOf = (days: HolidayYear['holidays']) =>
    days.map((d) => `${d.date} ${d.name} ${d.nameEn}`).join('\n');
  const parseLines = (text: string) =>
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [date = '', name = '', ...rest] = l.split(/\s+/);
        return { date, name, nameEn: rest.join(' ') };
      });
  const yearHash = (y: HolidayYear | undefined) =>
    createHash('sha256')
      .update(JSON.stringify(y ?? null))
      .digest('base64url')
      .slice(0, 16);

  const calendarPage = async (
    c: Context<AuthEnv>,
    opts: { values?: Values; errors?: FormErrors; status?: 200 | 400 | 409 } = {},
  ) => {
    const { t } = i18n(c);
    const m = t.admin.reference;
    const years = await calendarYears(deps.store);
    const wanted = Number(c.req.query('year') ?? opts.values?.year ?? years.at(-1)?.year ?? 2026);
    const current = years.find((y) => y.year === wanted);
    const v = opts.values ?? {
      year: String(wanted),
      holidays: current ? linesOf(current.holidays) : '',
      makeupWorkdays: current ? linesOf(current.makeupWorkdays) : '',
      source: current?.source ?? '',
    };
    const errors = opts.errors ?? noErrors();
    const saved = c.req.query('saved');
    return renderPage(
      c,
      { title: m.sections.calendar, staff: true, status: opts.status ?? 200 },
      <>
        <p>
          <a href={BASE}>← {m.title}</a>
        </p>
        <h1>{m.sections.calendar}</h1>
        {saved ? (
          <p class="ad-notice" role="status">
            {m.saved(Number(saved))}
          </p>
        ) : null}
        <ErrorSummary title={t.common.errorSummaryTitle} errors={errors.list} />
        <h2>{m.calendarYears}</h2>
        <ul>
          {years.map((y) => (
            <li>
              <a
                href={`${BASE}/calendar?year=${y.year}`}
                aria-current={y.year === wanted ? 'true' : undefined}
              >
                {y.year}
              </a>{' '}
              <span class="muted">{m.calendarSummary(y.holidays.length, y.makeupWorkdays.length)}</span>
            </li>
          ))}
        </ul>
        <h2>{m.calendarNew}</h2>
        <form method="post" action={`${BASE}/calendar/preview`} novalidate>
          <CsrfField token={csrfToken(c)} />
          <TextInput
            name="year"
            label={m.fields.year}
            value={v.year}
            inputmode="numeric"
            error={errors.byField.year}
            errorPrefix={t.common.errorPrefix}
            short
          />
          <div class="ad-columns">
            <TextArea
              name="holidays"
              label={m.fields.holidays}
              hint={m.fields.holidaysHint}
              value={v.holidays}
              rows={14}
              error={errors.byField.holidays}
              errorPrefix={t.common.errorPrefix}
            />
            <TextArea
              name="makeupWorkdays"
              label={m.fields.makeupWorkdays}
              hint={m.fields.holidaysHint}
              value={v.makeupWorkdays}
              rows={14}
              error={errors.byField.makeupWorkdays}
              errorPrefix={t.common.errorPrefix}
            />
          </div>
          <TextInput
            name="source"
            label={m.fields.source}
            value={v.source}
            error={errors.byField.source}
            errorPrefix={t.common.errorPrefix}
          />
          <Button>{m.preview}</Button>
        </form>
      </>,
    );
  };

  /** Parses the calendar form; problems name the field and, for dates, the line. */
  const parseCalendar = (c: Context<AuthEnv>, v: Values) => {
    const { t } = i18n(c);
    const m = t.admin.reference;
    const parsed = HolidayYearSchema.safeParse({
      year: /^\d{4}$/.test((v.year ?? '').trim()) ? Number(v.year) : (v.year ?? ''),
      holidays: parseLines(v.holidays ?? ''),
      makeupWorkdays: parseLines(v.makeupWorkdays ?? ''),
      source: (v.source ?? '').trim(),
    });
    if (parsed.success) return { year: parsed.data };
    const problems = zodProblems(parsed.error);
    const labels: Record<string, string> = {
      year: m.fields.year,
      holidays: m.fields.holidays,
      makeupWorkdays: m.fields.makeupWorkdays,
      source: m.fields.source,
    };
    // holidays.3.date → the holidays field, "放假日期 第 4 行"
    const withLines = problems.map((p) => {
      const [list, i] = p.path.split('.');
      if ((list === 'holidays' || list === 'makeupWorkdays') && i !== undefined) {
        return { ...p, path: `${list}#${i}` };
      }
      return p;
    });
    for (const p of withLines) {
      const [list, i] = p.path.split('#');
      if (i !== undefined && list) labels[p.path] = `${labels[list]} ${m.fields.line(Number(i) + 1)}`;
    }
    const errors = translateProblems(t, withLines, labels);
    // Show line problems next to their text area.
    const byField: Record<string, string> = {};
    for (const e of errors.list) byField[e.name.split('#')[0] ?? e.name] ??= e.message;
    return {
      errors: { byField, list: errors.list.map((e) => ({ ...e, name: e.name.split('#')[0] ?? e.name })) },
    };
  };

  app.get('/calendar', async (c) => {
    const r = guard(c);
    if ('response' in r) return r.response;
    return calendarPage(c);
  });

  app.post('/calendar/preview', async (c) => {
    const r = guard(c);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const m = t.admin.reference;
    const v = await readForm(c);
    const parsed = parseCalendar(c, v);
    if (!parsed.year) return calendarPage(c, { values: v, errors: parsed.errors, status: 400 });
    const effect = await previewCalendarYear(deps, parsed.year);
    const before = (await calendarYears(deps.store)).find((y) => y.year === parsed.year.year);
    const e = m.calendarEffect;
    const lines = [
      ...(effect.newYear ? [e.newYear(effect.year)] : []),
      ...(effect.holidays.added.length ? [e.holidaysAdded(effect.holidays.added.join('、'))] : []),
      ...(effect.holidays.removed.length ? [e.holidaysRemoved(effect.holidays.removed.join('、'))] : []),
      ...(effect.makeupWorkdays.added.length ? [e.makeupAdded(effect.makeupWorkdays.added.join('、'))] : []),
      ...(effect.makeupWorkdays.removed.length
        ? [e.makeupRemoved(effect.makeupWorkdays.removed.join('、'))]
        : []),
    ];
    return previewPage(c, {
      title: `${m.sections.calendar} ${effect.year}`,
      lines: lines.length ? [...lines, e.open(effect.openCasesDueThatYear)] : [],
      action: `${BASE}/calendar/confirm`,
      hidden: { ...v, base: yearHash(before) },
    });
  });

  app.post('/calendar/confirm', async (c) => {
    const r = guard(c);
    if ('response' in r) return r.response;
    const v = await readForm(c);
    if (v.back !== undefined) return calendarPage(c, { values: v });
    const parsed = parseCalendar(c, v);
    if (!parsed.year) return calendarPage(c, { values: v, errors: parsed.errors, status: 400 });
    try {
      // The year must still be what the preview showed; the save itself is one conditional write.
      await saveCalendarYear(deps.store, deps.calendar, parsed.year, (before) => yearHash(before) === v.base);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 409) throw e;
      const message = i18n(c).t.admin.reference.stale;
      return calendarPage(c, {
        values: v,
        errors: { byField: {}, list: [{ name: 'year', message }] },
        status: 409,
      });
    }
    deps.logger.info('calendar year saved', { by: r.who.username, year: parsed.year.year });
    return c.redirect(`${BASE}/calendar?year=${parsed.year.year}`, 303);
  });

  // ——— Preview page shared by the catalog slices and the calendar ———

  const previewPage = (
    c: Context<AuthEnv>,
    p: { title: string; lines: string[]; action: string; hidden: Values },
  ) => {
    const { t } = i18n(c);
    const m = t.admin.reference;
    const csrf = csrfToken(c);
    return renderPage(
      c,
      { title: m.previewTitle, staff: true },
      <>
        <h1>{m.previewTitle}</h1>
        <p class="muted">{p.title}</p>
        <p>{m.previewLead}</p>
        <ul class="ad-effects" aria-label={m.previewTitle}>
          {p.lines.length === 0 ? (
            <li class="ad-effect--none">{m.noEffects}</li>
          ) : (
            p.lines.map((l) => <li>{l}</li>)
          )}
        </ul>
        <form method="post" action={p.action}>
          <CsrfField token={csrf} />
          {Object.entries(p.hidden).map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
          <div class="actions">
            <Button>{m.confirm}</Button>
            <Button variant="secondary" name="back" value="1">
              {m.backToEdit}
            </Button>
          </div>
        </form>
      </>,
    );
  };

  // ——— Catalog slices: list, edit form, preview, confirm ———

  const sliceList = async (c: Context<AuthEnv>, slice: Slice) => {
    const { lang, t } = i18n(c);
    const m = t.admin.reference;
    const catalog = await deps.catalog.get();
    const saved = c.req.query('saved');
    const rows = slice.rows(catalog, lang, t);
    return renderPage(
      c,
      { title: m.sections[slice.name], staff: true },
      <>
        <p>
          <a href={BASE}>← {m.title}</a>
        </p>
        <h1>{m.sections[slice.name]}</h1>
        {saved ? (
          <p class="ad-notice" role="status">
            {m.saved(Number(saved))}
          </p>
        ) : null}
        <p class="muted">{m.version(catalog.version)}</p>
        <p>
          <a class="button" href={`${BASE}/${slice.name}/edit`}>
            {m.add}
          </a>
        </p>
        <div class="table-wrap">
          <table class="ad-table">
            <caption class="sr-only">{m.sections[slice.name]}</caption>
            <thead>
              <tr>
                {slice.head(t).map((h) => (
                  <th scope="col">{h}</th>
                ))}
                <th scope="col">
                  <span class="sr-only">{m.edit}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  {row.cells.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}
                  <td>
                    <a href={`${BASE}/${slice.name}/edit?key=${encodeURIComponent(row.key)}`}>
                      {m.edit}
                      <span class="sr-only"> {row.cells[0]}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>,
    );
  };

  const renderField = (
    t: Messages,
    lang: Lang,
    catalog: CatalogInput,
    f: FieldDef,
    v: Values,
    errors: FormErrors,
  ) => {
    const label = fieldLabel(t, lang, catalog, f.name);
    const common = {
      name: f.name,
      label,
      error: errors.byField[f.name],
      errorPrefix: t.common.errorPrefix,
      hint: f.hint?.(t),
    };
    if (f.kind === 'select' || f.kind === 'yesno') {
      const options =
        f.kind === 'yesno'
          ? [
              { value: 'yes', label: t.admin.reference.yes },
              { value: 'no', label: t.admin.reference.no },
            ]
          : (f.options?.(catalog, lang, t) ?? []);
      return <Select {...common} options={options} value={v[f.name]} placeholder={f.placeholder?.(t)} />;
    }
    return (
      <TextInput
        {...common}
        value={v[f.name]}
        inputmode={f.kind === 'number' ? 'numeric' : undefined}
        short={f.kind === 'number'}
      />
    );
  };

  const editForm = async (
    c: Context<AuthEnv>,
    slice: Slice,
    key: string,
    opts: { values?: Values; errors?: FormErrors; status?: 200 | 400 | 409 } = {},
  ) => {
    const { lang, t } = i18n(c);
    const m = t.admin.reference;
    const catalog = catalogInput(await deps.catalog.get());
    const v = opts.values ?? slice.values(catalog, key);
    if (!v) return c.notFound();
    const errors = opts.errors ?? noErrors();
    const fields = slice.fields(catalog);
    const csrf = csrfToken(c);
    const title = slice.singleton
      ? m.sections[slice.name]
      : `${m.sections[slice.name]} · ${key === '' ? m.add : `${m.edit} ${slice.rows(catalog, lang, t).find((x) => x.key === key)?.cells[0] ?? key}`}`;
    const policyFields = slice.singleton ? fields.filter((f) => !f.name.includes('.')) : fields;
    const perCategory = slice.singleton ? catalog.categories : [];
    return renderPage(
      c,
      { title, staff: true, status: opts.status ?? 200 },
      <>
        <p>
          <a href={slice.singleton ? BASE : `${BASE}/${slice.name}`}>
            ← {slice.singleton ? m.title : m.sections[slice.name]}
          </a>
        </p>
        <h1>{title}</h1>
        {c.req.query('saved') ? (
          <p class="ad-notice" role="status">
            {m.saved(Number(c.req.query('saved')))}
          </p>
        ) : null}
        <ErrorSummary title={t.common.errorSummaryTitle} errors={errors.list} />
        <form method="post" action={`${BASE}/${slice.name}/preview`} novalidate>
          <CsrfField token={csrf} />
          <input type="hidden" name="_key" value={key} />
          <div class="ad-inline-fields">
            {policyFields.map((f) => renderField(t, lang, catalog, f, v, errors))}
          </div>
          {perCategory.length ? (
            <div class="table-wrap">
              <table class="ad-table">
                <caption>{m.fields.byCategoryTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.fields.category}</th>
                    <th scope="col">{m.fields.handlingDays}</th>
                    <th scope="col">{m.fields.urgentHandlingDays}</th>
                  </tr>
                </thead>
                <tbody>
                  {perCategory.map((x) => (
                    <tr>
                      <th scope="row">{localName(lang, x)}</th>
                      {(['handlingDays', 'urgentHandlingDays'] as const).map((f) => {
                        const name = `${x.code}.${f}`;
                        const error = errors.byField[name];
                        return (
                          <td>
                            {error ? (
                              <p class="field-error" id={`f-${x.code}-${f}-error`}>
                                {error}
                              </p>
                            ) : null}
                            <input
                              id={`f-${x.code}-${f}`}
                              type="text"
                              name={name}
                              value={v[name] ?? ''}
                              inputmode="numeric"
                              class="ad-num"
                              aria-label={fieldLabel(t, lang, catalog, name)}
                              aria-invalid={error ? 'true' : undefined}
                              aria-describedby={error ? `f-${x.code}-${f}-error` : undefined}
                            />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <div class="actions">
            <Button>{m.preview}</Button>
            {!slice.singleton && key !== '' ? (
              <Button variant="secondary" name="_remove" value="1">
                {m.remove}
              </Button>
            ) : null}
            <a href={slice.singleton ? BASE : `${BASE}/${slice.name}`}>{m.cancel}</a>
          </div>
        </form>
      </>,
    );
  };

  /** Problems on the edited entry go next to its fields; others are named by section · entry · field. */
  const problemsToErrors = (
    c: Context<AuthEnv>,
    slice: Slice,
    catalog: CatalogInput,
    index: number,
    problems: readonly FieldProblem[],
  ): FormErrors => {
    const { lang, t } = i18n(c);
    const m = t.admin.reference;
    const own = slice.singleton ? `${slice.collection}.` : `${slice.collection}.${index}.`;
    const labels: Record<string, string> = {};
    const mapped = problems.map((p) => {
      if (p.path.startsWith(own)) {
        const field = slice.fieldFor(p.path.slice(own.length));
        labels[field] = fieldLabel(t, lang, catalog, field);
        return { ...p, path: field };
      }
      // Elsewhere in the catalog: "区域（乡镇街道） · LONGSHUI · 默认督导室".
      const [collection = '', i, ...rest] = p.path.split('.');
      const section = (
        { categories: 'categories', areas: 'areas', offices: 'offices', routingRules: 'routing' } as const
      )[collection as 'categories'];
      const entry =
        section && i !== undefined ? slices[section].rows(catalog, lang, t)[Number(i)]?.cells[0] : undefined;
      const name = `_${p.path}`;
      labels[name] = [
        section ? m.sections[section] : m.general,
        entry,
        rest.length
          ? fieldLabel(t, lang, catalog, section ? slices[section].fieldFor(rest.join('.')) : rest.join('.'))
          : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
      return { ...p, path: name };
    });
    return translateProblems(t, mapped, labels);
  };

  const sliceOf = (c: Context<AuthEnv>) => {
    const name = c.req.param('slice') ?? '';
    return isSliceName(name) ? slices[name as SliceName] : undefined;
  };

  /** Builds the proposed catalog from a posted form; problems as form errors. */
  const proposal = async (c: Context<AuthEnv>, slice: Slice, v: Values) => {
    const current = await deps.catalog.get();
    const base = catalogInput(current);
    const key = v._key ?? '';
    const { next, index } = slice.apply(base, key, v, v._remove !== undefined);
    const parsed = CatalogInputSchema.safeParse(next);
    if (!parsed.success)
      return { errors: problemsToErrors(c, slice, base, index, zodProblems(parsed.error)), key, current };
    try {
      const preview = await previewCatalog(deps, parsed.data);
      return { catalog: parsed.data, preview, key, current };
    } catch (e) {
      if (e instanceof AppError && e.status === 400 && e.fields)
        return { errors: problemsToErrors(c, slice, base, index, e.fields), key, current };
      throw e;
    }
  };

  app.get('/:slice', async (c) => {
    const r = guard(c);
    if ('response' in r) return r.response;
    const slice = sliceOf(c);
    if (!slice) return c.notFound();
    return slice.singleton ? editForm(c, slice, '') : sliceList(c, slice);
  });

  app.get('/:slice/edit', async (c) => {
    const r = guard(c);
    if ('response' in r) return r.response;
    const slice = sliceOf(c);
    if (!slice) return c.notFound();
    return editForm(c, slice, c.req.query('key') ?? '');
  });

  app.post('/:slice/preview', async (c) => {
    const r = guard(c);
    if ('response' in r) return r.response;
    const slice = sliceOf(c);
    if (!slice) return c.notFound();
    const { lang } = i18n(c);
    const v = await readForm(c);
    const p = await proposal(c, slice, v);
    if (!p.preview) return editForm(c, slice, p.key, { values: v, errors: p.errors, status: 400 });
    const m = i18n(c).t.admin.reference;
    return previewPage(c, {
      title: `${m.sections[slice.name]} · ${m.version(p.current.version)}`,
      lines: p.preview.effects.map((e) => (lang === 'en' ? e.messageEn : e.message)),
      action: `${BASE}/${slice.name}/confirm`,
      hidden: { ...v, _base: String(p.preview.baseVersion) },
    });
  });

  app.post('/:slice/confirm', async (c) => {
    const r = guard(c);
    if ('response' in r) return r.response;
    const slice = sliceOf(c);
    if (!slice) return c.notFound();
    const v = await readForm(c);
    const key = v._key ?? '';
    const { _base, back, ...values } = v;
    if (back !== undefined) return editForm(c, slice, key, { values });
    const p = await proposal(c, slice, values);
    if (!p.catalog) return editForm(c, slice, key, { values, errors: p.errors, status: 400 });
    try {
      const saved = await confirmCatalog(deps, p.catalog, Number(_base));
      deps.logger.info('catalog replaced', { by: r.who.username, version: saved.version, slice: slice.name });
      return c.redirect(`${BASE}/${slice.name}?saved=${saved.version}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 409) throw e;
      const message = i18n(c).t.admin.reference.stale;
      return editForm(c, slice, key, {
        values,
        errors: { byField: {}, list: [{ name: '_stale', message }] },
        status: 409,
      });
    }
  });

  return app;
}
