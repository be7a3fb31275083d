import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const CSRF_COOKIE = 'duban_csrf';
export const CSRF_FIELD = '_csrf';

const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/**
 * The form token of this browser (synchroniser token kept in an HttpOnly cookie): reused while the cookie
 * lives, created on first need. Every page with a form puts it in a hidden field (`<CsrfField />`).
 */
export function csrfToken(c: Context): string {
  const existing = c.get('csrfToken' as never) as string | undefined;
  if (existing) return existing;
  const cookie = getCookie(c, CSRF_COOKIE);
  const token =
    cookie && /^[A-Za-z0-9_-]{32,64}$/.test(cookie) ? cookie : randomBytes(24).toString('base64url');
  if (token !== cookie) {
    setCookie(c, CSRF_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      maxAge: 12 * 3600,
    });
  }
  c.set('csrfToken' as never, token as never);
  return token;
}

/** The hidden input every page form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/**
 * Checks every page form POST: the Origin (when the browser sends one) must be ours, and the form's token
 * must equal the cookie's. On failure `onFail` renders the "form expired" page (403).
 */
export function verifyFormCsrf(onFail: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== 'null') {
      const host = c.req.header('host') ?? new URL(c.req.url).host;
      let same = false;
      try {
        same = new URL(origin).host === host;
      } catch {
        same = false;
      }
      if (!same) return onFail(c);
    }
    const cookie = getCookie(c, CSRF_COOKIE);
    const type = c.req.header('content-type') ?? '';
    const isForm = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type);
    // A body that does not parse as its type says (e.g. multipart without a boundary) carries no token.
    const sent = isForm
      ? (await c.req.parseBody().catch(() => ({}) as Record<string, unknown>))[CSRF_FIELD]
      : undefined;
    if (!cookie || typeof sent !== 'string' || !sameToken(cookie, sent)) return onFail(c);
    return next();
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
