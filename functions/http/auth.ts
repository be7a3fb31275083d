import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { TokenVerifier } from '../adapters/identity/tokens.js';
import type { Principal } from '../domain/staff.js';
import { type SessionStore, sessionIsCurrent } from '../services/sessions.js';
import { errorBody } from './errors.js';

export const SESSION_COOKIE = 'duban_session';

export type AuthEnv = { Variables: { principal?: Principal; authVia?: 'bearer' | 'cookie' } };

/**
 * Reads a staff token from `Authorization: Bearer` (API clients) or the session cookie (pages) and
 * sets `principal`. No token: the request goes on anonymous (public routes decide). A token that does
 * not verify — tampered, expired, no `exp`, wrong audience, `alg: none` — or whose session was revoked
 * (logout, disable, password reset, role change: one key read per request) is a 401, never anonymous.
 */
export function authenticate(verifier: TokenVerifier, sessions: SessionStore): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (header && !bearer)
      return c.json(errorBody('UNAUTHENTICATED', 'Use "Authorization: Bearer <token>".'), 401);
    if (token) {
      let verified: Awaited<ReturnType<TokenVerifier['verify']>> | undefined;
      try {
        verified = await verifier.verify(token);
      } catch {
        verified = undefined;
      }
      if (verified && sessionIsCurrent(await sessions.get(verified.username), verified)) {
        const { sessionVersion: _v, issuedAt: _i, ...principal } = verified;
        c.set('principal', principal);
        c.set('authVia', bearer ? 'bearer' : 'cookie');
      } else {
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
 * CSRF protection for cookie sessions: a state-changing request must come from our own origin —
 * `Origin` equals the request's scheme and host (an http:// page cannot post to the https:// site).
 * Bearer-token calls are exempt: a browser never attaches those by itself.
 */
export const csrfForCookies: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (c.get('authVia') === 'cookie' && UNSAFE.has(c.req.method)) {
    const origin = c.req.header('origin');
    const url = new URL(c.req.url);
    const host = c.req.header('host') ?? url.host;
    // Behind a TLS-terminating proxy the scheme the browser used is X-Forwarded-Proto. A cross-site page
    // cannot set that header (it is not CORS-safelisted), so it cannot help a forged request.
    const scheme = `${c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '')}:`;
    let sameOrigin = false;
    try {
      const o = origin === undefined ? undefined : new URL(origin);
      sameOrigin = o !== undefined && o.host === host && o.protocol === scheme;
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin) return c.json(errorBody('CSRF', 'Cross-site request refused.'), 403);
  }
  return next();
};

/**
 * Client IP for rate limits: API Gateway's source IP on Lambda; behind trusted proxies (`trustProxy`
 * = number of trusted hops, `true` = 1) the X-Forwarded-For entry the outermost trusted proxy added —
 * counted from the right, because everything to its left came from the client and may be invented;
 * else the socket address.
 */
export function clientIp(c: Context, trustProxy: boolean | number): string {
  const lambda = (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined)
    ?.event?.requestContext?.http?.sourceIp;
  if (lambda) return lambda;
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : Math.max(0, Math.floor(trustProxy));
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const forwarded = chain[Math.max(0, chain.length - hops)];
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
