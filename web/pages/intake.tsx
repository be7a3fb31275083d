import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { canSubmitChannel } from '../../functions/domain/authorization.js';
import { subjectKinds } from '../../functions/domain/reference/catalog.js';
import type { AuthEnv } from '../../functions/http/auth.js';
import type { AppDeps } from '../../functions/http/deps.js';
import { ComplaintSchema } from '../../functions/http/schemas/complaint.js';
import { AppError } from '../../functions/services/errors.js';
import { submitComplaintWithRetry } from '../../functions/services/intake.js';
import { Button, ErrorSummary, Select, TextArea, TextInput } from '../components/index.js';
import { CsrfField, csrfToken } from '../csrf.js';
import { setFlash, takeFlash } from '../flash.js';
import { type FormErrors, noErrors, readForm, translateProblems } from '../forms.js';
import { i18n, localName } from '../i18n/index.js';
import { renderPage } from '../render.js';
import { staffOrRedirect } from '../session.js';
import { type Answers, complaintFields, fieldForPath, problemsFor, toComplaint } from './report/answers.js';
import { type Receipt, ReceiptView } from './report/receipt.js';
import { reviewFacts } from './report/review.js';
import { ContactFields, choiceFields, fieldLabels } from './report/steps.js';

/**
 * `/staff/intake`: the operator's phone intake. The citizen's form on one dense page, in the order a
 * call goes, for the keyboard (selects, no step buttons; Enter files it), channel `hotline`, filed
 * through the same intake service and schema as `POST /api/v1/complaints`, ending on a page the
 * operator reads both codes from.
 */
export function intakePages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  const allowed = (c: Context<AuthEnv>) => {
    const r = staffOrRedirect(c);
    if ('response' in r) return r;
    if (canSubmitChannel(r.who, 'hotline') !== 'ok') return { response: c.notFound() as Response };
    return r;
  };

  const formPage = async (
    c: Context<AuthEnv>,
    answers: Answers,
    errors: FormErrors,
    status: 200 | 400 = 200,
  ) => {
    const { lang, t } = i18n(c);
    const m = t.public.report;
    const catalog = await deps.catalog.get();
    const ep = t.common.errorPrefix;
    const field = (name: string) => ({
      name,
      value: answers[name],
      error: errors.byField[name],
      errorPrefix: ep,
    });
    return renderPage(
      c,
      { title: t.staff.intake.title, staff: true, status },
      <>
        <ErrorSummary title={t.common.errorSummaryTitle} errors={errors.list} />
        <h1>{t.staff.intake.title}</h1>
        <p class="muted">{t.staff.intake.lead}</p>
        <form method="post" action="/staff/intake" novalidate class="intake">
          <CsrfField token={csrfToken(c)} />
          <input type="hidden" name="_key" value={answers._key ?? newKey()} />
          <div class="intake-grid">
            <Select
              {...field('category')}
              label={m.kind.label}
              placeholder={m.where.choose}
              options={catalog.categories.map((x) => ({ value: x.code, label: localName(lang, x) }))}
              autofocus={errors.list.length === 0}
            />
            <Select
              {...field('area')}
              label={m.where.area}
              placeholder={m.where.choose}
              options={catalog.areas.map((a) => ({ value: a.code, label: localName(lang, a) }))}
            />
            <Select
              {...field('subject.kind')}
              label={m.where.subjectKind}
              placeholder={m.where.choose}
              options={subjectKinds.map((k) => ({ value: k.code, label: localName(lang, k) }))}
            />
            <TextInput
              {...field('subject.name')}
              label={m.where.subjectName}
              list="known-subjects"
              maxlength={100}
              autocomplete="off"
            />
          </div>
          <datalist id="known-subjects">
            {(catalog.knownSubjects ?? []).map((k) => (
              <option value={k.name} />
            ))}
          </datalist>
          <TextArea {...field('description')} label={m.what.description} maxlength={5000} rows={5} />
          <div class="intake-grid">
            <TextInput
              {...field('occurredOn')}
              type="date"
              label={m.what.occurredOn}
              optional={t.common.optional}
              short
            />
            <Select
              {...field('grade')}
              label={m.what.grade}
              optional={t.common.optional}
              placeholder={m.what.gradeNone}
              options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((g) => ({
                value: String(g),
                label: m.what.gradeName(g),
              }))}
            />
          </div>
          <ContactFields
            v={{ lang, t, answers, errors, catalog, steps: [] }}
            anonymousLabel={t.staff.intake.callerAnonymous}
          />
          <div class="actions">
            <Button>{t.staff.intake.submit}</Button>
          </div>
        </form>
      </>,
    );
  };

  app.get('/', async (c) => {
    const r = allowed(c);
    if ('response' in r) return r.response;
    return formPage(c, { anonymous: 'no' }, noErrors());
  });

  app.post('/', async (c) => {
    const r = allowed(c);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const form = await readForm(c);
    const known = new Set<string>([...complaintFields, '_key']);
    const answers: Answers = Object.fromEntries(Object.entries(form).filter(([k]) => known.has(k)));
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(answers._key ?? '')) answers._key = newKey();
    const catalog = await deps.catalog.get();
    const problems = problemsFor(answers, complaintFields, 'hotline', catalog, deps.clock.now());
    const parsed = ComplaintSchema.safeParse(toComplaint(answers, 'hotline'));
    if (problems.length || !parsed.success) {
      return formPage(
        c,
        answers,
        translateProblems(t, problems, fieldLabels(t), fieldForPath, choiceFields),
        400,
      );
    }
    try {
      const receipt = await submitComplaintWithRetry(deps, parsed.data, {
        idempotencyKey: `hotline-${answers._key}`,
        enteredBy: r.who.username,
      });
      const facts = await reviewFacts(deps, answers);
      await setFlash(c, deps.vault, 'intake', { ...receipt, officeId: facts.office?.id } satisfies Receipt);
    } catch (e) {
      if (e instanceof AppError && e.status === 400 && e.fields) {
        return formPage(
          c,
          answers,
          translateProblems(t, e.fields, fieldLabels(t), fieldForPath, choiceFields),
          400,
        );
      }
      throw e;
    }
    deps.logger.info('complaint received', { channel: 'hotline', enteredBy: r.who.username });
    return c.redirect('/staff/intake/done', 303);
  });

  app.get('/done', async (c) => {
    const r = allowed(c);
    if ('response' in r) return r.response;
    const receipt = await takeFlash<Receipt>(c, deps.vault, 'intake');
    const m = i18n(c).t.staff.intake;
    return ReceiptView(c, deps, receipt, {
      again: '/staff/intake',
      staff: { title: m.doneTitle, read: m.doneRead, again: m.again },
    });
  });

  return app;
}

const newKey = () => randomBytes(18).toString('base64url');
