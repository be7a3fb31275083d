import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { TokenVerifier } from '../adapters/identity/tokens.js';
import type { Principal } from '../domain/staff.js';
import { errorBody } from './errors.js';

export const SESSION_COOKIE = 'duban_session';

export type AuthEnv = { Variables: { principal?: Principal; authVia?: 'bearer' | 'cookie' } };

/**
 * Reads a staff token from `Authorization: Bearer` (API clients) or the session cookie (pages) and
 * sets `principal`. No token: the request goes on anonymous (public routes decide). A token that does
 * not verify — tampered, expired, wrong audience, `alg: none` — is a 401, never anonymous.
 */
export function authenticate(verifier: TokenVerifier): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (header && !bearer)
      return c.json(errorBody('UNAUTHENTICATED', 'Use "Authorization: Bearer <token>".'), 401);
    if (token) {
      try {
        c.set('principal', await verifier.verify(token));
        c.set('authVia', bearer ? 'bearer' : 'cookie');
      } catch {
        return c.json(
          errorBody('UNAUTHENTICATED', 'The session is invalid or has expired; log in again.'),
          401,
        );
      }
    }
    return next();
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF protection for cookie sessions: a state-changing request must come from our own origin
 * (`Origin` equals the request's host). Bearer-token calls are exempt: a browser never attaches
 * those by itself.
 */
export const csrfForCookies: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (c.get('authVia') === 'cookie' && UNSAFE.has(c.req.method)) {
    const origin = c.req.header('origin');
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    let sameOrigin = false;
    try {
      sameOrigin = origin !== undefined && new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin) return c.json(errorBody('CSRF', 'Cross-site request refused.'), 403);
  }
  return next();
};

/** Client IP for rate limits: API Gateway's source IP on Lambda, else the first X-Forwarded-For hop
 * when the runtime sits behind a trusted proxy, else the socket address. */
export function clientIp(c: Context, trustProxy: boolean): string {
  const lambda = (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined)
    ?.event?.requestContext?.http?.sourceIp;
  if (lambda) return lambda;
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The staff session cookie (API login and the login page alike). */
export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
