/**
 * Revocable staff sessions (会话吊销). Every account has a session record: a version that disabling,
 * a password reset, a role change or a logout bumps, the instant of the last revocation, and a
 * throttle generation that an unlock, a reset or an enable bumps (login failure counters are keyed by
 * it, so bumping it forgets them everywhere at once).
 *
 * Each authenticated request reads the record (one key read) and refuses a token issued for an older
 * version. Local tokens carry the version (`sv`); Cognito ID tokens cannot, so on AWS a token is
 * refused when it was issued (`iat`) at or before the last revocation.
 */
export interface SessionState {
  readonly version: number;
  /** Seconds since the epoch of the last revocation (0 = never). */
  readonly revokedAt: number;
  readonly throttleGeneration: number;
}

export interface SessionStore {
  get(username: string): Promise<SessionState>;
  /** Bumps the version (all existing tokens stop working) and records when. */
  revoke(username: string, at: Date): Promise<SessionState>;
  /** Bumps the throttle generation: failed-login counters of this account start from zero. */
  unlock(username: string): Promise<SessionState>;
}

/** What a verified token says about its session. */
export interface TokenSession {
  readonly username: string;
  /** `sv` claim (local tokens). */
  readonly sessionVersion?: number | undefined;
  /** `iat` claim, seconds. */
  readonly issuedAt: number;
}

export function sessionIsCurrent(state: SessionState, token: TokenSession): boolean {
  if (token.sessionVersion !== undefined) return token.sessionVersion === state.version;
  return token.issuedAt > state.revokedAt;
}

export const NEVER_REVOKED: SessionState = { version: 0, revokedAt: 0, throttleGeneration: 0 };

/** In memory, for unit tests of services. */
export function memorySessionStore(): SessionStore {
  const states = new Map<string, SessionState>();
  const get = async (u: string) => states.get(u) ?? NEVER_REVOKED;
  return {
    get,
    async revoke(u, at) {
      const s = await get(u);
      const next = { ...s, version: s.version + 1, revokedAt: Math.floor(at.getTime() / 1000) };
      states.set(u, next);
      return next;
    },
    async unlock(u) {
      const s = await get(u);
      const next = { ...s, throttleGeneration: s.throttleGeneration + 1 };
      states.set(u, next);
      return next;
    },
  };
}
