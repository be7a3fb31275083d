import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { CitizenDeps } from '../../../functions/http/deps.js';
import { ComplaintSchema } from '../../../functions/http/schemas/complaint.js';
import { AppError } from '../../../functions/services/errors.js';
import { stagedPreviewUrl, stagedUpload } from '../../../functions/services/evidence.js';
import { submitComplaintWithRetry } from '../../../functions/services/intake.js';
import { Button, ErrorSummary, StepIndicator } from '../../components/index.js';
import { CsrfField, csrfToken } from '../../csrf.js';
import { setFlash, takeFlash } from '../../flash.js';
import { type FormErrors, noErrors, readForm, translateProblems } from '../../forms.js';
import { publicI18n as i18n } from '../../i18n/public-messages.js';
import { pageRateLimit } from '../../page-stack.js';
import { renderPage } from '../../render.js';
import { type Answers, fieldForPath, problemsFor, toComplaint } from './answers.js';
import { acceptEvidence, evidenceStep } from './evidence-step.js';
import { type Receipt, ReceiptView } from './receipt.js';
import { reviewFacts } from './review.js';
import { choiceFields, fieldLabels, type ReportStep, reportSteps } from './steps.js';

const STEP = '_step';
const ACTION = '_action';
const KEY = '_key';

/** Only answers some step owns travel between steps (plus the idempotency key of this report). */
function knownAnswers(form: Record<string, string>): Answers {
  const known = new Set([KEY, ...reportSteps.flatMap((s) => s.fields)]);
  return Object.fromEntries(Object.entries(form).filter(([k]) => known.has(k)));
}

/**
 * `/report`: the complaint form one phone screen at a time. Answers travel between steps in hidden
 * fields (nothing is stored before the reader submits); each step is checked with the JSON API's zod
 * schema and intake's own reference-data checks; the last POST files the complaint through the same
 * intake service (idempotent on a key made when the form opened) and 303s to a receipt read once.
 */
export function reportPages(deps: CitizenDeps) {
  const app = new Hono<AuthEnv>();

  const show = async (
    c: Context<AuthEnv>,
    step: ReportStep,
    answers: Answers,
    errors: FormErrors,
    status: 200 | 400 = 200,
  ) => {
    const { lang, t } = i18n(c);
    const index = reportSteps.indexOf(step);
    const catalog = await deps.catalog.get();
    const review = step.id === 'review' ? await reviewFacts(deps, answers) : undefined;
    const owned = new Set(step.fields);
    const title = `${step.heading(t)} · ${t.public.report.title}`;
    return renderPage(
      c,
      { title: errors.list.length ? `${t.common.errorPrefix}${title}` : title, status },
      <>
        <StepIndicator label={t.public.report.stepOf(index + 1, reportSteps.length, step.title(t))} />
        <ErrorSummary title={t.common.errorSummaryTitle} errors={errors.list} />
        <h1>{step.heading(t)}</h1>
        <form
          method="post"
          action="/report"
          novalidate
          enctype={step.multipart ? 'multipart/form-data' : undefined}
        >
          <CsrfField token={csrfToken(c)} />
          <input type="hidden" name={STEP} value={step.id} />
          {Object.entries(answers)
            .filter(([k]) => !owned.has(k))
            .map(([k, v]) => (
              <input type="hidden" name={k} value={v} />
            ))}
          {step.render({ lang, t, answers, errors, catalog, review, steps: reportSteps })}
          <div class="actions">
            {step.id === 'review' ? (
              <Button name={ACTION} value="submit">
                {t.common.buttons.submit}
              </Button>
            ) : (
              <Button name={ACTION} value="continue">
                {t.common.buttons.continue}
              </Button>
            )}
            {index > 0 ? (
              <Button name={ACTION} value="back" variant="secondary">
                {t.common.buttons.back}
              </Button>
            ) : null}
          </div>
        </form>
      </>,
    );
  };

  const errorsFor = async (c: Context<AuthEnv>, answers: Answers, fields: readonly string[]) => {
    const { t } = i18n(c);
    const problems = problemsFor(answers, fields, 'web', await deps.catalog.get(), deps.clock.now());
    return translateProblems(t, problems, fieldLabels(t), fieldForPath, choiceFields);
  };

  app.get('/', (c) => show(c, reportSteps[0] as ReportStep, { [KEY]: newKey() }, noErrors()));

  app.use('/', async (c, next) => {
    // Only the final submit counts against the per-IP intake limit (one complaint per hit, as the API).
    if (c.req.method === 'POST' && (await c.req.parseBody())[ACTION] === 'submit')
      return pageRateLimit(deps, deps.limits.intake)(c, next);
    return next();
  });

  app.post('/', async (c) => {
    const form = await readForm(c);
    const answers = knownAnswers(form);
    if (!answers[KEY] || !/^[A-Za-z0-9_-]{16,64}$/.test(answers[KEY])) answers[KEY] = newKey();
    const index = Math.max(
      0,
      reportSteps.findIndex((s) => s.id === form[STEP]),
    );
    const step = reportSteps[index] as ReportStep;
    const action = form[ACTION] ?? 'continue';

    if (action === 'back')
      return show(c, reportSteps[Math.max(0, index - 1)] as ReportStep, answers, noErrors());
    if (action.startsWith('goto:')) {
      const target = reportSteps.find((s) => s.id === action.slice(5));
      return show(c, target ?? step, answers, noErrors());
    }
    if (action === 'submit') return submit(c, answers);

    let current = answers;
    if (step.id === evidenceStep.id) {
      // Photos are staged as they are sent; their ids travel on like the other answers.
      const accepted = await acceptEvidence(c, deps, answers, action);
      current = accepted.answers;
      if (accepted.stay)
        return show(c, step, current, accepted.errors, accepted.errors.list.length ? 400 : 200);
    }
    const errors = await errorsFor(c, current, step.fields);
    if (errors.list.length) return show(c, step, current, errors, 400);
    return show(
      c,
      reportSteps[Math.min(index + 1, reportSteps.length - 1)] as ReportStep,
      current,
      noErrors(),
    );
  });

  /** Files the complaint; a problem sends the reader back to the first step that has one. */
  const submit = async (c: Context<AuthEnv>, answers: Answers) => {
    const all = reportSteps.flatMap((s) => s.fields);
    const errors = await errorsFor(c, answers, all);
    const parsed = ComplaintSchema.safeParse(toComplaint(answers, 'web'));
    if (errors.list.length || !parsed.success) {
      const first = reportSteps.find((s) => s.fields.some((f) => errors.byField[f])) ?? reportSteps[0];
      const own = new Set(first?.fields);
      const mine = { byField: errors.byField, list: errors.list.filter((e) => own.has(e.name)) };
      return show(c, first as ReportStep, answers, mine, 400);
    }
    try {
      const receipt = await submitComplaintWithRetry(deps, parsed.data, {
        idempotencyKey: `web-${answers[KEY]}`,
      });
      const facts = await reviewFacts(deps, answers);
      await setFlash(c, deps.vault, 'receipt', {
        trackingCode: receipt.trackingCode,
        accessCode: receipt.accessCode,
        receivedAt: receipt.receivedAt,
        officeId: facts.office?.id,
      } satisfies Receipt);
    } catch (e) {
      if (e instanceof AppError && e.status === 400 && e.fields) {
        const { t } = i18n(c);
        const translated = translateProblems(t, e.fields, fieldLabels(t), fieldForPath, choiceFields);
        const first = reportSteps.find((s) => s.fields.some((f) => translated.byField[f])) ?? reportSteps[0];
        return show(c, first as ReportStep, answers, translated, 400);
      }
      throw e;
    }
    return c.redirect('/report/done', 303);
  };

  // The preview of a staged photo: the opaque upload id is the only grant (it never left this form).
  app.get('/photo/:id', async (c) => {
    const staged = await stagedUpload(deps.evidence, c.req.param('id'));
    if (!staged) return c.notFound();
    c.header('Cache-Control', 'no-store');
    return c.redirect(await stagedPreviewUrl(deps.evidence, staged), 302);
  });

  app.get('/done', async (c) => {
    const receipt = await takeFlash<Receipt>(c, deps.vault, 'receipt');
    return ReceiptView(c, deps, receipt, { again: '/track' });
  });

  return app;
}

const newKey = () => randomBytes(18).toString('base64url');
