/**
 * The Cognito user pool's OAuth 2.0 endpoints (managed login): /oauth2/authorize, /oauth2/token,
 * /logout on the pool's domain. Public app client: no secret, PKCE instead.
 */
import { type OAuthClient, OAuthError } from '../../services/hosted-login.js';

export function cognitoOAuth(opts: {
  /** https://<prefix>.auth.<region>.amazoncognito.com, or the pool's custom domain. */
  domain: string;
  clientId: string;
  scopes?: readonly string[];
  fetch?: typeof fetch;
}): OAuthClient {
  const domain = opts.domain.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const scope = (opts.scopes ?? ['openid', 'profile']).join(' ');
  return {
    authorizeUrl({ redirectUri, state, codeChallenge }) {
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: opts.clientId,
        redirect_uri: redirectUri,
        scope,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      });
      return `${domain}/oauth2/authorize?${q.toString()}`;
    },
    async exchangeCode({ code, codeVerifier, redirectUri }) {
      const res = await doFetch(`${domain}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: opts.clientId,
          code,
          redirect_uri: redirectUri,
          code_verifier: codeVerifier,
        }).toString(),
        signal: AbortSignal.timeout(10_000),
      }).catch((e: unknown) => {
        throw new OAuthError(`token endpoint unreachable: ${(e as Error).name}`);
      });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok || typeof body.id_token !== 'string') {
        // Cognito answers e.g. {"error":"invalid_grant"}; nothing secret in it.
        throw new OAuthError(`token endpoint refused: ${res.status} ${String(body.error ?? '')}`);
      }
      const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
      return { idToken: body.id_token, expiresIn };
    },
    logoutUrl(logoutUri) {
      const q = new URLSearchParams({ client_id: opts.clientId, logout_uri: logoutUri });
      return `${domain}/logout?${q.toString()}`;
    },
  };
}
