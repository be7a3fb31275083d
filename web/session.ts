import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { TokenVerifier } from '../functions/adapters/identity/tokens.js';
import type { Principal, Role } from '../functions/domain/staff.js';
import { type AuthEnv, clearSessionCookie, SESSION_COOKIE } from '../functions/http/auth.js';

/**
 * Staff session for pages: the same token and cookie as the API. A cookie that no longer verifies
 * (expired, revoked) is dropped and the request goes on anonymous, so a page can send the reader to
 * the login page instead of answering 401 JSON.
 */
export function pageSession(verifier: TokenVerifier): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      try {
        c.set('principal', await verifier.verify(token));
        c.set('authVia', 'cookie');
      } catch {
        clearSessionCookie(c);
      }
    }
    return next();
  };
}

/**
 * The logged-in staff member with one of `roles` (any role when omitted), or a redirect to the login
 * page that comes back here afterwards. A logged-in member without the role gets `forbidden`.
 */
export function staffOrRedirect(
  c: Context<AuthEnv>,
  roles?: readonly Role[],
): { who: Principal } | { response: Response } {
  const who = c.get('principal');
  if (!who) {
    const next = encodeURIComponent(c.req.path);
    return { response: c.redirect(`/staff/login?next=${next}`, 303) };
  }
  if (roles && !roles.includes(who.role)) return { response: c.notFound() as Response };
  return { who };
}
