/**
 * The staff workbench pages, mounted at /staff: the home with the reader's queues, the case page and
 * its action forms, reporter reveal, search, and the inspection-visit (明察暗访) form.
 */
import { type Context, Hono } from 'hono';
import { canSeeCase } from '../../../functions/domain/authorization.js';
import type { ActionType } from '../../../functions/domain/lifecycle/actions.js';
import { replyTemplatesOf } from '../../../functions/domain/reference/catalog.js';
import { templatesFor } from '../../../functions/domain/reference/reply-templates.js';
import type { Principal } from '../../../functions/domain/staff.js';
import { normalizeTrackingCode } from '../../../functions/domain/tracking-code.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import { CaseActionSchema } from '../../../functions/http/schemas/actions.js';
import { RevealSchema } from '../../../functions/http/schemas/staff.js';
import { actOnCase } from '../../../functions/services/case-actions.js';
import { AppError } from '../../../functions/services/errors.js';
import { revealReporter, staffCaseView } from '../../../functions/services/staff-cases.js';
import { type FormErrors, readForm, translateProblems, zodProblems } from '../../forms.js';
import { i18n, type Messages } from '../../i18n/index.js';
import { staffOrRedirect } from '../../session.js';
import { ACTION_FIELDS, actionFromForm, fieldLabels, formValues } from './action-forms.js';
import { casePage, sameSubject } from './case-page.js';
import { inspectionPages } from './inspection.js';
import { workbenchHome } from './queues.js';
import { searchPages } from './search.js';

const CASE_ROLES = ['operator', 'dispatcher', 'inspector', 'leader'] as const;

const oneError = (name: string, message: string): FormErrors => ({
  byField: { [name]: message },
  list: [{ name, message }],
});

/** Labels keyed by the prefixed field names of one action's form. */
function labelsFor(t: Messages, type: string) {
  return Object.fromEntries(Object.entries(fieldLabels(t)).map(([k, v]) => [`${type}.${k}`, v]));
}

export function workbenchPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const staff = (c: Context<AuthEnv>, roles?: readonly Principal['role'][]) => staffOrRedirect(c, roles);

  app.get('/', async (c) => {
    const r = staff(c);
    if ('response' in r) return r.response;
    return workbenchHome(c, deps, r.who);
  });

  app.get('/cases/:code', async (c) => {
    const r = staff(c, CASE_ROLES);
    if ('response' in r) return r.response;
    return casePage(c, deps, r.who, c.req.param('code'), { done: c.req.query('done') });
  });

  app.post('/cases/:code/act', async (c) => {
    const r = staff(c, CASE_ROLES);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const code = c.req.param('code');
    const form = await readForm(c);
    const type = form.type as ActionType;
    if (!Object.hasOwn(ACTION_FIELDS, type)) throw new AppError(404, 'NOT_FOUND', 'No such action.');
    const values = formValues(type, form);
    const labels = labelsFor(t, type);
    const again = (state: Parameters<typeof casePage>[4], status: 200 | 400 | 409 | 403) =>
      casePage(c, deps, r.who, code, { type, values, ...state }, status);

    if (type === 'submit_report' && values.useTemplate) {
      // "Use template" (works without JavaScript): the page again with the template in the reply box.
      const catalog = await deps.catalog.get();
      const view = await staffCaseView(deps, r.who, code);
      const picked = templatesFor(replyTemplatesOf(catalog), view.category).find(
        (x) => x.id === values.template,
      );
      if (picked) values.reply = picked.text.replaceAll('{subject}', view.subject.name);
      return again({}, 200);
    }
    if (type === 'merge' && !values.into && values.candidate) values.into = values.candidate;
    const parsed = CaseActionSchema.safeParse(actionFromForm(type, values));
    if (!parsed.success) {
      const errors = translateProblems(t, zodProblems(parsed.error), labels, (p) => `${type}.${p}`);
      return again({ errors }, 400);
    }
    const { expectedVersion, ...action } = parsed.data;
    if (action.type === 'merge' && !values.confirmOther) {
      const targetId = normalizeTrackingCode(action.into);
      const target = targetId ? await deps.store.getCase(targetId) : undefined;
      const current = await deps.store.getCase(normalizeTrackingCode(code) ?? '');
      if (target && current && canSeeCase(r.who, target) && !sameSubject(target.subject, current.subject)) {
        values.askConfirm = '1';
        return again({ errors: oneError(`${type}.into`, t.workbench.mergeOtherSubject) }, 400);
      }
    }
    try {
      await actOnCase(deps, r.who, code, expectedVersion, action);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (e.status === 409) return again({ staleFrom: Number(values.seenEvents) || 0 }, 409);
      if (e.status === 400 && e.fields) {
        return again({ errors: translateProblems(t, e.fields, labels, (p) => `${type}.${p}`) }, 400);
      }
      if (e.status === 403) return again({ errors: oneError(`${type}.type`, e.message) }, 403);
      throw e;
    }
    return c.redirect(`/staff/cases/${encodeURIComponent(code)}?done=${type}`, 303);
  });

  app.post('/cases/:code/reveal', async (c) => {
    const r = staff(c, ['dispatcher']);
    if ('response' in r) return r.response;
    const { t } = i18n(c);
    const code = c.req.param('code');
    const form = await readForm(c);
    const parsed = RevealSchema.safeParse({ reason: form['reveal.reason'] ?? '' });
    if (!parsed.success) {
      const revealErrors = translateProblems(
        t,
        zodProblems(parsed.error),
        { 'reveal.reason': t.workbench.fields.revealReason },
        () => 'reveal.reason',
      );
      return casePage(c, deps, r.who, code, { revealErrors }, 400);
    }
    // The clear values are shown on this response only: never in a URL, never cached (no-store).
    const revealed = await revealReporter(deps, r.who, code, parsed.data.reason);
    return casePage(c, deps, r.who, code, { revealed: revealed.reporter });
  });

  app.route('/search', searchPages(deps));
  app.route('/inspection', inspectionPages(deps));
  return app;
}
