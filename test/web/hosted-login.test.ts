/**
 * Staff sign-in through the Cognito managed login (authorization code + PKCE), against a local HTTP
 * server standing in for the user pool's token endpoint; ID tokens signed with a test RSA key and
 * checked by the real `cognitoVerifier`.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCursorSealer } from '../../functions/adapters/dynamo/cursor.js';
import { cognitoOAuth } from '../../functions/adapters/identity/cognito-oauth.js';
import { cognitoVerifier } from '../../functions/adapters/identity/tokens.js';
import { createApp } from '../../functions/http/app.js';
import { pageGet } from '../support/pages.js';
import { testRuntime } from '../support/runtime.js';

const REGION = 'cn-north-1';
const POOL = 'cn-north-1_TEST';
const CLIENT = 'staff-web-client';
const BASE = 'https://duban.example.cn';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let app: ReturnType<typeof createApp>;
let server: Server;
let domain: string;
let sign: (claims: Record<string, unknown>) => Promise<string>;
/** What the mock token endpoint received, and what it answers next. */
const seen: URLSearchParams[] = [];
const challenges = new Map<string, string>(); // code → code_challenge sent to /authorize
let answer: { status: number; claims?: Record<string, unknown> } = { status: 200 };

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  sign = (claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(`https://cognito-idp.${REGION}.amazonaws.com/${POOL}`)
      .setAudience((claims.aud as string | undefined) ?? CLIENT)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', async () => {
      const form = new URLSearchParams(body);
      seen.push(form);
      const expected = challenges.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const pkceOk = expected === createHash('sha256').update(verifier).digest('base64url');
      if (req.url !== '/oauth2/token' || answer.status !== 200 || !pkceOk) {
        res.writeHead(answer.status === 200 ? 400 : answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_grant' }));
        return;
      }
      const idToken = await sign({
        token_use: 'id',
        'cognito:username': 'li-duban',
        'cognito:groups': ['leader'],
        ...answer.claims,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ id_token: idToken, access_token: 'x', expires_in: 3600, token_type: 'Bearer' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  rt = await testRuntime();
  app = createApp({
    ...rt.deps,
    identity: {
      ...rt.deps.identity,
      issuer: undefined,
      verifier: cognitoVerifier({
        region: REGION,
        userPoolId: POOL,
        clientId: CLIENT,
        keys: createLocalJWKSet({ keys: [jwk] }),
      }),
    },
    hostedLogin: {
      oauth: cognitoOAuth({ domain, clientId: CLIENT }),
      sealer: createCursorSealer(new Uint8Array(32).fill(7)),
      baseUrl: BASE,
    },
  });
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await rt?.close();
});

/** GET /staff/login → the hosted domain; returns the authorize URL and the sealed-attempt cookie. */
async function startLogin(next?: string) {
  const res = await app.request(`${BASE}/staff/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  const location = new URL(res.headers.get('location') ?? '');
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { res, location, cookie, setCookie: res.headers.get('set-cookie') ?? '' };
}

/** The browser comes back from the managed login with a code (the mock remembers its challenge). */
function callback(start: Awaited<ReturnType<typeof startLogin>>, code: string, state?: string) {
  challenges.set(code, start.location.searchParams.get('code_challenge') ?? '');
  const q = new URLSearchParams({ code, state: state ?? start.location.searchParams.get('state') ?? '' });
  return app.request(`${BASE}/staff/auth/callback?${q}`, { headers: { cookie: start.cookie } });
}

describe('Cognito managed login (authorization code + PKCE)', () => {
  it('sends /staff/login to the hosted domain with a PKCE challenge and a sealed, short-lived cookie', async () => {
    // Act
    const start = await startLogin('/staff/overview');
    // Assert
    expect(start.res.status).toBe(302);
    expect(`${start.location.origin}${start.location.pathname}`).toBe(`${domain}/oauth2/authorize`);
    expect(Object.fromEntries(start.location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: `${BASE}/staff/auth/callback`,
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    expect(start.location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(start.setCookie).toMatch(/^duban_login=1\./);
    expect(start.setCookie).toContain('HttpOnly');
    expect(start.setCookie).toContain('Max-Age=600');
    expect(start.setCookie).toContain('Path=/staff/auth/callback');
    expect(start.setCookie).not.toContain(start.location.searchParams.get('state') ?? '?');
  });

  it('exchanges the code with the verifier, sets the session cookie and returns to the page asked for', async () => {
    // Arrange
    answer = { status: 200 };
    const start = await startLogin('/staff/overview');
    // Act
    const res = await callback(start, 'code-1');
    const session = res.headers.getSetCookie().find((c) => c.startsWith('duban_session=')) ?? '';
    const overview = await pageGet(app, '/staff/overview', { cookie: session.split(';')[0] ?? '' });
    // Assert
    expect(res.status).toBe(200);
    expect(res.headers.get('refresh')).toBe('0; url=/staff/overview');
    expect(seen.at(-1)?.get('grant_type')).toBe('authorization_code');
    expect(seen.at(-1)?.get('redirect_uri')).toBe(`${BASE}/staff/auth/callback`);
    expect(session).toContain('HttpOnly');
    expect(session).toContain('SameSite=Strict');
    expect(overview.status).toBe(200);
    expect(overview.html).toContain('督办总览');
  });

  it('refuses a wrong state, a missing cookie, a refused code and a token for another client', async () => {
    // Arrange
    const start = await startLogin();
    // Act
    const wrongState = await callback(start, 'code-2', 'forged-state');
    const noCookie = await app.request(`${BASE}/staff/auth/callback?code=c&state=s`);
    answer = { status: 400 };
    const refused = await callback(await startLogin(), 'code-3');
    answer = { status: 200, claims: { aud: 'another-client' } };
    const foreign = await callback(await startLogin(), 'code-4');
    answer = { status: 200 };
    // Assert
    for (const r of [wrongState, noCookie, refused, foreign]) {
      expect(r.status).toBe(400);
      expect(
        r.headers.getSetCookie().some((c) => c.startsWith('duban_session=') && !/Max-Age=0/.test(c)),
      ).toBe(false);
    }
    expect(await wrongState.text()).toContain('登录没有完成');
  });

  it('logging out clears the session and ends the Cognito session', async () => {
    // Arrange: the form token a staff page would have set.
    const csrf = 'c'.repeat(32);
    // Act
    const res = await app.request(`${BASE}/staff/logout`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: BASE,
        cookie: `duban_csrf=${csrf}; duban_session=x`,
      },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    // Assert
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `${domain}/logout?client_id=${CLIENT}&logout_uri=${encodeURIComponent(`${BASE}/`)}`,
    );
    expect(res.headers.getSetCookie().some((c) => /^duban_session=;/.test(c))).toBe(true);
  });
});
