import { type Context, Hono } from 'hono';
import { type AuthEnv, clearSessionCookie, clientIp, setSessionCookie } from '../../functions/http/auth.js';
import type { AppDeps } from '../../functions/http/deps.js';
import { LoginSchema } from '../../functions/http/schemas/staff.js';
import { AppError } from '../../functions/services/errors.js';
import { login } from '../../functions/services/staff-accounts.js';
import { Button, ErrorSummary, TextInput } from '../components/index.js';
import { CsrfField, csrfToken } from '../csrf.js';
import { type FormErrors, noErrors, readForm, translateProblems, zodProblems } from '../forms.js';
import { i18n } from '../i18n/index.js';
import { renderPage } from '../render.js';
import { intakePages } from './intake.js';

/** Staff pages of the web area, mounted at /staff: login, logout, phone intake (the workbench owns /staff). */
export function staffPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  const loginPage = (
    c: Context<AuthEnv>,
    opts: { username?: string; errors?: FormErrors; status?: 200 | 400 | 401 | 404 | 429 } = {},
  ) => {
    const { t } = i18n(c);
    const m = t.staff.login;
    const errors = opts.errors ?? noErrors();
    const next = c.req.query('next');
    return renderPage(
      c,
      { title: m.title, staff: true, status: opts.status ?? 200 },
      <>
        <h1>{m.title}</h1>
        <ErrorSummary title={t.common.errorSummaryTitle} errors={errors.list} />
        <form
          method="post"
          action={next ? `/staff/login?next=${encodeURIComponent(next)}` : '/staff/login'}
          novalidate
        >
          <CsrfField token={csrfToken(c)} />
          <TextInput
            name="username"
            label={m.username}
            value={opts.username}
            error={errors.byField.username}
            errorPrefix={t.common.errorPrefix}
            autocomplete="username"
            spellcheck={false}
            short
            autofocus
          />
          <TextInput
            name="password"
            type="password"
            label={m.password}
            error={errors.byField.password}
            errorPrefix={t.common.errorPrefix}
            autocomplete="current-password"
            short
          />
          <Button>{m.submit}</Button>
        </form>
      </>,
    );
  };

  app.get('/login', (c) => loginPage(c));

  app.post('/login', async (c) => {
    const { t } = i18n(c);
    const m = t.staff.login;
    const form = await readForm(c);
    const parsed = LoginSchema.safeParse({ username: form.username ?? '', password: form.password ?? '' });
    if (!parsed.success) {
      const errors = translateProblems(t, zodProblems(parsed.error), {
        username: m.username,
        password: m.password,
      });
      return loginPage(c, { username: form.username, errors, status: 400 });
    }
    try {
      const result = await login(deps, { ...parsed.data, ip: clientIp(c, deps.trustProxy) });
      setSessionCookie(c, result.token, result.expiresIn);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const message =
        e.status === 429
          ? m.throttled(Number(e.extra?.retryAfterSeconds ?? 60))
          : e.code === 'LOGIN_VIA_COGNITO'
            ? m.cognito
            : m.failed;
      const errors: FormErrors = { byField: { username: message }, list: [{ name: 'username', message }] };
      if (e.status === 429) c.header('Retry-After', String(e.extra?.retryAfterSeconds ?? 60));
      return loginPage(c, { username: parsed.data.username, errors, status: e.status === 429 ? 429 : 401 });
    }
    const next = c.req.query('next');
    return c.redirect(next && /^\/staff(\/|$)/.test(next) ? next : '/staff', 303);
  });

  app.post('/logout', (c) => {
    clearSessionCookie(c);
    return c.redirect('/staff/login', 303);
  });

  app.route('/intake', intakePages(deps));
  return app;
}
