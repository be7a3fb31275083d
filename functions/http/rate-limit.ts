import type { MiddlewareHandler } from 'hono';
import type { RateLimiter } from '../services/rate-limiter.js';
import { type AuthEnv, clientIp } from './auth.js';
import type { AppDeps } from './deps.js';
import { errorBody } from './errors.js';

/** Per-client-IP limit for public endpoints; staff requests (logged in) are not limited here. */
export function rateLimited(
  deps: Pick<AppDeps, 'trustProxy'>,
  limiter: RateLimiter,
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST' || c.get('principal')) return next();
    const verdict = await limiter.hit(clientIp(c, deps.trustProxy));
    if (!verdict.allowed) {
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      return c.json(errorBody('RATE_LIMITED', 'Too many requests from this address; try again later.'), 429);
    }
    return next();
  };
}
