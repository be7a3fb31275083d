import { type Context, Hono } from 'hono';
import { roles } from '../../functions/domain/staff.js';
import { accountAdmin } from '../../functions/http/admin-api.js';
import type { AuthEnv } from '../../functions/http/auth.js';
import type { AppDeps } from '../../functions/http/deps.js';
import {
  AccountChangeSchema,
  NewAccountSchema,
  PasswordResetSchema,
} from '../../functions/http/schemas/staff.js';
import { AppError } from '../../functions/services/errors.js';
import type { AccountView } from '../../functions/services/staff-accounts.js';
import { Button, ErrorSummary, Select, TextInput } from '../components/index.js';
import { CsrfField, csrfToken } from '../csrf.js';
import {
  blankToUndefined,
  type FormErrors,
  noErrors,
  readForm,
  translateProblems,
  zodProblems,
} from '../forms.js';
import { i18n, localName } from '../i18n/index.js';
import { renderPage } from '../render.js';
import { staffOrRedirect } from '../session.js';

type Status = 200 | 400 | 404 | 409;

/** Staff accounts for admins (/staff/admin/accounts): list, create, change, disable/enable, reset. */
export function adminAccountPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const admin = accountAdmin(deps);

  const labels = (c: Context<AuthEnv>) => {
    const m = i18n(c).t.admin.accounts;
    return {
      username: m.username,
      displayName: m.displayName,
      role: m.role,
      officeId: m.office,
      password: m.password,
    };
  };

  /** Service problems (409 taken, 400 fields) as form errors; anything else rethrown. */
  const serviceErrors = (c: Context<AuthEnv>, e: unknown, passwordLabel?: string): FormErrors => {
    if (!(e instanceof AppError)) throw e;
    const { t } = i18n(c);
    if (e.code === 'USERNAME_TAKEN') {
      const message = t.admin.accounts.taken;
      return { byField: { username: message }, list: [{ name: 'username', message }] };
    }
    if (e.status === 400 && e.fields) {
      const l = { ...labels(c), ...(passwordLabel ? { password: passwordLabel } : {}) };
      return translateProblems(t, e.fields, l);
    }
    if (e.status >= 500) throw e;
    // Other refusals (e.g. the last admin) in the summary, as the service words them.
    return { byField: {}, list: [{ name: '_', message: e.message }] };
  };

  const officeOptions = async (c: Context<AuthEnv>) => {
    const { lang } = i18n(c);
    return (await deps.catalog.get()).offices.map((o) => ({ value: o.id, label: localName(lang, o) }));
  };

  const roleOptions = (c: Context<AuthEnv>) =>
    roles.map((r) => ({ value: r, label: i18n(c).t.staff.roles[r] }));

  const notice = (c: Context<AuthEnv>) => {
    const m = i18n(c).t.admin.accounts;
    const u = c.req.query('u') ?? '';
    const done = c.req.query('done');
    const text =
      done === 'created'
        ? m.created(u)
        : done === 'saved'
          ? m.saved(u)
          : done === 'disabled'
            ? m.disabledDone(u)
            : done === 'enabled'
              ? m.enabledDone(u)
              : done === 'unlocked'
                ? m.unlocked(u)
                : done === 'reset'
                  ? m.resetDone(u)
                  : undefined;
    return text ? (
      <p class="ad-notice" role="status">
        {text}
      </p>
    ) : null;
  };

  const listPage = async (
    c: Context<AuthEnv>,
    opts: { values?: Record<string, string>; errors?: FormErrors; status?: Status } = {},
  ) => {
    const { lang, t } = i18n(c);
    const m = t.admin.accounts;
    const errors = opts.errors ?? noErrors();
    const v = opts.values ?? {};
    const [accounts, catalog, offices] = await Promise.all([
      admin.list(),
      deps.catalog.get(),
      officeOptions(c),
    ]);
    const officeName = (id: string | null) => {
      const o = id ? catalog.offices.find((x) => x.id === id) : undefined;
      return o ? localName(lang, o) : (id ?? '—');
    };
    const csrf = csrfToken(c);
    const sorted = [...accounts].sort((a, b) => (a.username < b.username ? -1 : 1));
    return renderPage(
      c,
      { title: m.title, staff: true, status: opts.status ?? 200 },
      <>
        <h1>{m.title}</h1>
        {notice(c)}
        <ErrorSummary title={t.common.errorSummaryTitle} errors={errors.list} />
        <div class="table-wrap">
          <table class="ad-table">
            <caption>{m.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.username}</th>
                <th scope="col">{m.displayName}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.office}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.actions}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((a) => (
                <tr>
                  <th scope="row">{a.username}</th>
                  <td>{a.displayName ?? '—'}</td>
                  <td>{t.staff.roles[a.role]}</td>
                  <td>{officeName(a.officeId)}</td>
                  <td>{a.disabled ? <strong class="ad-hot">{m.disabled}</strong> : m.active}</td>
                  <td>
                    <a
                      href={`/staff/admin/accounts/${encodeURIComponent(a.username)}`}
                      class="button button--secondary"
                    >
                      {m.edit}
                      <span class="sr-only"> {a.username}</span>
                    </a>
                    <form
                      method="post"
                      action={`/staff/admin/accounts/${encodeURIComponent(a.username)}/${a.disabled ? 'enable' : 'disable'}`}
                    >
                      <CsrfField token={csrf} />
                      <Button variant="secondary">
                        {a.disabled ? m.enable : m.disable}
                        <span class="sr-only"> {a.username}</span>
                      </Button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2 id="new">{m.createTitle}</h2>
        <form method="post" action="/staff/admin/accounts" novalidate>
          <CsrfField token={csrf} />
          <div class="ad-inline-fields">
            <TextInput
              name="username"
              label={m.username}
              value={v.username}
              error={errors.byField.username}
              errorPrefix={t.common.errorPrefix}
              autocomplete="off"
              spellcheck={false}
              short
            />
            <TextInput
              name="displayName"
              label={m.displayName}
              value={v.displayName}
              optional={t.common.optional}
              error={errors.byField.displayName}
              errorPrefix={t.common.errorPrefix}
              short
            />
            <Select
              name="role"
              label={m.role}
              options={roleOptions(c)}
              value={v.role ?? 'inspector'}
              error={errors.byField.role}
              errorPrefix={t.common.errorPrefix}
            />
            <Select
              name="officeId"
              label={m.office}
              hint={m.officeHint}
              options={offices}
              placeholder={m.noOffice}
              value={v.officeId}
              error={errors.byField.officeId}
              errorPrefix={t.common.errorPrefix}
            />
            <TextInput
              name="password"
              type="password"
              label={m.password}
              hint={m.passwordHint}
              error={errors.byField.password}
              errorPrefix={t.common.errorPrefix}
              autocomplete="new-password"
              short
            />
          </div>
          <Button>{m.create}</Button>
        </form>
      </>,
    );
  };

  const editPage = async (
    c: Context<AuthEnv>,
    account: AccountView,
    opts: {
      values?: Record<string, string>;
      errors?: FormErrors;
      passwordErrors?: FormErrors;
      status?: Status;
    } = {},
  ) => {
    const { t } = i18n(c);
    const m = t.admin.accounts;
    const errors = opts.errors ?? noErrors();
    const pwErrors = opts.passwordErrors ?? noErrors();
    const v = opts.values ?? {
      displayName: account.displayName ?? '',
      role: account.role,
      officeId: account.officeId ?? '',
    };
    const csrf = csrfToken(c);
    const base = `/staff/admin/accounts/${encodeURIComponent(account.username)}`;
    return renderPage(
      c,
      { title: m.editTitle(account.username), staff: true, status: opts.status ?? 200 },
      <>
        <p>
          <a href="/staff/admin/accounts">← {m.title}</a>
        </p>
        <h1>{m.editTitle(account.username)}</h1>
        <ErrorSummary title={t.common.errorSummaryTitle} errors={[...errors.list, ...pwErrors.list]} />
        <div class="ad-columns">
          <form method="post" action={base} novalidate>
            <CsrfField token={csrf} />
            <TextInput
              name="displayName"
              label={m.displayName}
              value={v.displayName}
              error={errors.byField.displayName}
              errorPrefix={t.common.errorPrefix}
              short
            />
            <Select
              name="role"
              label={m.role}
              options={roleOptions(c)}
              value={v.role}
              error={errors.byField.role}
              errorPrefix={t.common.errorPrefix}
            />
            <Select
              name="officeId"
              label={m.office}
              hint={m.officeHint}
              options={await officeOptions(c)}
              placeholder={m.noOffice}
              value={v.officeId}
              error={errors.byField.officeId}
              errorPrefix={t.common.errorPrefix}
            />
            <Button>{m.save}</Button>
          </form>
          <div>
            <h2>{m.resetTitle}</h2>
            <form method="post" action={`${base}/password`} novalidate>
              <CsrfField token={csrf} />
              <TextInput
                name="password"
                type="password"
                label={m.newPassword}
                hint={m.passwordHint}
                error={pwErrors.byField.password}
                errorPrefix={t.common.errorPrefix}
                autocomplete="new-password"
                short
              />
              <Button variant="secondary">{m.reset}</Button>
            </form>
            <form method="post" action={`${base}/${account.disabled ? 'enable' : 'disable'}`}>
              <CsrfField token={csrf} />
              <Button variant="secondary">{account.disabled ? m.enable : m.disable}</Button>
            </form>
            <form method="post" action={`${base}/unlock`}>
              <CsrfField token={csrf} />
              <Button variant="secondary">{m.unlock}</Button>
            </form>
          </div>
        </div>
      </>,
    );
  };

  const findAccount = async (username: string) => {
    // No account has a longer name (the API's limit); a longer one would not even fit a table key.
    if (username.length > 64) return undefined;
    try {
      return await admin.get(username);
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return undefined;
      throw e;
    }
  };

  app.get('/', async (c) => {
    const r = staffOrRedirect(c, ['admin']);
    if ('response' in r) return r.response;
    return listPage(c);
  });

  app.post('/', async (c) => {
    const r = staffOrRedirect(c, ['admin']);
    if ('response' in r) return r.response;
    const form = await readForm(c);
    const values = {
      username: form.username ?? '',
      displayName: form.displayName ?? '',
      role: form.role ?? '',
      officeId: form.officeId ?? '',
    };
    const parsed = NewAccountSchema.safeParse({
      username: values.username.trim(),
      role: values.role,
      officeId: blankToUndefined(values.officeId),
      displayName: blankToUndefined(values.displayName),
      password: form.password ?? '',
    });
    if (!parsed.success) {
      const errors = translateProblems(i18n(c).t, zodProblems(parsed.error), labels(c));
      return listPage(c, { values, errors, status: 400 });
    }
    try {
      await admin.create(parsed.data);
    } catch (e) {
      return listPage(c, { values, errors: serviceErrors(c, e), status: 400 });
    }
    deps.logger.info('account created', { by: r.who.username, username: parsed.data.username });
    return c.redirect(
      `/staff/admin/accounts?done=created&u=${encodeURIComponent(parsed.data.username)}`,
      303,
    );
  });

  app.get('/:username', async (c) => {
    const r = staffOrRedirect(c, ['admin']);
    if ('response' in r) return r.response;
    const account = await findAccount(c.req.param('username'));
    if (!account) return c.notFound();
    return editPage(c, account);
  });

  app.post('/:username', async (c) => {
    const r = staffOrRedirect(c, ['admin']);
    if ('response' in r) return r.response;
    const account = await findAccount(c.req.param('username'));
    if (!account) return c.notFound();
    const form = await readForm(c);
    const values = {
      displayName: form.displayName ?? '',
      role: form.role ?? '',
      officeId: form.officeId ?? '',
    };
    const parsed = AccountChangeSchema.safeParse({
      displayName: values.displayName.trim(),
      role: values.role,
      officeId: blankToUndefined(values.officeId) ?? null,
    });
    if (!parsed.success) {
      const errors = translateProblems(i18n(c).t, zodProblems(parsed.error), labels(c));
      return editPage(c, account, { values, errors, status: 400 });
    }
    try {
      await admin.update(account.username, parsed.data);
    } catch (e) {
      return editPage(c, account, { values, errors: serviceErrors(c, e), status: 400 });
    }
    deps.logger.info('account changed', { by: r.who.username, username: account.username });
    return c.redirect(`/staff/admin/accounts?done=saved&u=${encodeURIComponent(account.username)}`, 303);
  });

  app.post('/:username/password', async (c) => {
    const r = staffOrRedirect(c, ['admin']);
    if ('response' in r) return r.response;
    const account = await findAccount(c.req.param('username'));
    if (!account) return c.notFound();
    const form = await readForm(c);
    const label = i18n(c).t.admin.accounts.newPassword;
    const parsed = PasswordResetSchema.safeParse({ password: form.password ?? '' });
    if (!parsed.success) {
      const passwordErrors = translateProblems(i18n(c).t, zodProblems(parsed.error), { password: label });
      return editPage(c, account, { passwordErrors, status: 400 });
    }
    try {
      await admin.resetPassword(account.username, parsed.data.password);
    } catch (e) {
      return editPage(c, account, { passwordErrors: serviceErrors(c, e, label), status: 400 });
    }
    return c.redirect(`/staff/admin/accounts?done=reset&u=${encodeURIComponent(account.username)}`, 303);
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/:username/${action}`, async (c) => {
      const r = staffOrRedirect(c, ['admin']);
      if ('response' in r) return r.response;
      const account = await findAccount(c.req.param('username'));
      if (!account) return c.notFound();
      try {
        await admin.setDisabled(account.username, disabled);
      } catch (e) {
        return listPage(c, { errors: serviceErrors(c, e), status: 400 });
      }
      const done = disabled ? 'disabled' : 'enabled';
      return c.redirect(`/staff/admin/accounts?done=${done}&u=${encodeURIComponent(account.username)}`, 303);
    });
  }

  // 解除锁定: forget the account's failed sign-ins on every instance (a locked-out colleague signs in again).
  app.post('/:username/unlock', async (c) => {
    const r = staffOrRedirect(c, ['admin']);
    if ('response' in r) return r.response;
    const account = await findAccount(c.req.param('username'));
    if (!account) return c.notFound();
    await admin.unlock(account.username);
    return c.redirect(`/staff/admin/accounts?done=unlocked&u=${encodeURIComponent(account.username)}`, 303);
  });

  return app;
}
