/**
 * Staff sign-in on AWS through the Cognito user pool's managed login: authorization code + PKCE.
 * The page edge keeps the PKCE verifier and the state in a short-lived sealed HttpOnly cookie, sends
 * the browser to the hosted domain, and on the callback exchanges the code for an ID token, which it
 * verifies with the same verifier as the API and sets as the session cookie.
 */
import { createHash, randomBytes } from 'node:crypto';

/** The user pool's OAuth endpoints (adapter: `functions/adapters/identity/cognito-oauth.ts`). */
export interface OAuthClient {
  authorizeUrl(p: { redirectUri: string; state: string; codeChallenge: string }): string;
  /** Exchanges an authorization code; throws `OAuthError` when the endpoint refuses. */
  exchangeCode(p: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<{ idToken: string; expiresIn: number }>;
  logoutUrl(logoutUri: string): string;
}

export class OAuthError extends Error {}

/** Seals small values for the browser (AES-GCM, bound to a scope); the cursor sealer serves. */
export interface Sealer {
  seal(scope: string, value: unknown): Promise<string>;
  /** Throws for anything this service did not seal for `scope`. */
  open(scope: string, sealed: string): Promise<unknown>;
}

export interface HostedLoginDeps {
  oauth: OAuthClient;
  sealer: Sealer;
  /** Public base URL of the site as registered in the app client (callback/logout URLs); else the request's. */
  baseUrl?: string | undefined;
}

export interface LoginAttempt {
  state: string;
  verifier: string;
  next: string;
  /** Expiry, epoch ms. */
  exp: number;
}

export const LOGIN_ATTEMPT_SCOPE = 'staff-login';
export const LOGIN_ATTEMPT_SECONDS = 600;

const b64url = (b: Buffer) => b.toString('base64url');

/** PKCE (RFC 7636, S256): a random verifier and its SHA-256 challenge. */
export function pkcePair() {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()) };
}

export const randomState = () => b64url(randomBytes(16));

/** Only a staff path may be where a sign-in returns to. */
export const safeStaffPath = (next: string | undefined) =>
  next && /^\/staff(\/|\?|$)/.test(next) && !next.startsWith('//') ? next : '/staff';

export function isLoginAttempt(x: unknown): x is LoginAttempt {
  const a = x as LoginAttempt;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.state === 'string' &&
    typeof a.verifier === 'string' &&
    typeof a.next === 'string' &&
    typeof a.exp === 'number'
  );
}
