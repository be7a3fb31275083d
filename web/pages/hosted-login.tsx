import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type AuthEnv, clearSessionCookie, setSessionCookie } from '../../functions/http/auth.js';
import type { AppDeps } from '../../functions/http/deps.js';
import {
  isLoginAttempt,
  LOGIN_ATTEMPT_SCOPE,
  LOGIN_ATTEMPT_SECONDS,
  OAuthError,
  pkcePair,
  randomState,
  safeStaffPath,
} from '../../functions/services/hosted-login.js';
import { ButtonLink } from '../components/index.js';
import { i18n } from '../i18n/index.js';
import { renderPage } from '../render.js';

/** The sealed PKCE verifier + state, only sent back to the callback path. */
export const LOGIN_ATTEMPT_COOKIE = 'duban_login';
const CALLBACK = '/staff/auth/callback';

const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/**
 * Staff sign-in through the Cognito managed login (AWS): GET /staff/login redirects to the hosted
 * domain, /staff/auth/callback exchanges the code (PKCE) and sets the session cookie, logout also ends
 * the Cognito session. Mounted before the local login page; without `hostedLogin` it passes through.
 */
export function hostedLoginPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const hosted = deps.hostedLogin;
  if (!hosted) return app;
  const base = (c: Context) => hosted.baseUrl?.replace(/\/+$/, '') ?? new URL(c.req.url).origin;

  const failed = (c: Context<AuthEnv>, status: 400 | 502) => {
    const m = i18n(c).t.admin.signIn;
    deleteCookie(c, LOGIN_ATTEMPT_COOKIE, { path: CALLBACK });
    return renderPage(
      c,
      { title: m.failedTitle, staff: true, status },
      <>
        <h1>{m.failedTitle}</h1>
        <p>{status === 502 ? m.unavailable : m.expired}</p>
        <ButtonLink href="/staff/login">{m.again}</ButtonLink>
      </>,
    );
  };

  app.get('/login', async (c) => {
    const { verifier, challenge } = pkcePair();
    const state = randomState();
    const attempt = {
      state,
      verifier,
      next: safeStaffPath(c.req.query('next')),
      exp: Date.now() + LOGIN_ATTEMPT_SECONDS * 1000,
    };
    // SameSite=Lax: the browser must send it on the top-level redirect back from the hosted domain.
    setCookie(c, LOGIN_ATTEMPT_COOKIE, await hosted.sealer.seal(LOGIN_ATTEMPT_SCOPE, attempt), {
      path: CALLBACK,
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      maxAge: LOGIN_ATTEMPT_SECONDS,
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect(
      hosted.oauth.authorizeUrl({ redirectUri: `${base(c)}${CALLBACK}`, state, codeChallenge: challenge }),
      302,
    );
  });

  app.get('/auth/callback', async (c) => {
    const sealed = getCookie(c, LOGIN_ATTEMPT_COOKIE);
    const code = c.req.query('code');
    const state = c.req.query('state');
    if (!sealed || !code || !state || code.length > 2048) return failed(c, 400);
    const attempt = await hosted.sealer.open(LOGIN_ATTEMPT_SCOPE, sealed).catch(() => undefined);
    if (!isLoginAttempt(attempt) || attempt.state !== state || attempt.exp < Date.now())
      return failed(c, 400);
    let token: { idToken: string; expiresIn: number };
    try {
      token = await hosted.oauth.exchangeCode({
        code,
        codeVerifier: attempt.verifier,
        redirectUri: `${base(c)}${CALLBACK}`,
      });
    } catch (e) {
      if (!(e instanceof OAuthError)) throw e;
      deps.logger.warn('hosted login: code exchange failed', { reason: e.message });
      // An expired or reused code is the reader's to retry; an unreachable endpoint is ours.
      return failed(c, /refused: 4/.test(e.message) ? 400 : 502);
    }
    const who = await deps.identity.verifier.verify(token.idToken).catch(() => undefined);
    if (!who) {
      deps.logger.warn('hosted login: ID token refused');
      return failed(c, 400);
    }
    deleteCookie(c, LOGIN_ATTEMPT_COOKIE, { path: CALLBACK });
    setSessionCookie(c, token.idToken, token.expiresIn);
    deps.logger.info('staff signed in (hosted login)', { user: who.username, role: who.role });
    // A page (not a redirect) continues: a SameSite=Strict session cookie is not sent on a redirect
    // chain that started on the hosted domain, but is on a navigation from our own page.
    const m = i18n(c).t.admin.signIn;
    c.header('Refresh', `0; url=${attempt.next}`);
    return renderPage(
      c,
      { title: m.signedIn, staff: true },
      <>
        <h1>{m.signedIn}</h1>
        <ButtonLink href={attempt.next}>{m.continue}</ButtonLink>
      </>,
    );
  });

  app.post('/logout', (c) => {
    clearSessionCookie(c);
    return c.redirect(hosted.oauth.logoutUrl(`${base(c)}/`), 303);
  });

  return app;
}
