/**
 * Staff tokens: short-lived JWTs. Locally the runtime signs them with an ES256 key pair it keeps under
 * DATA_DIR; on AWS Cognito issues them. Both are checked by the same verifier: signature against a key
 * set, issuer, audience, expiry, an explicit algorithm list (so `alg: none` never passes).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { TokenIssuer, TokenVerifier, VerifiedPrincipal } from '../../services/staff-ports.js';
import { principalFromClaims } from './claims.js';

export type { TokenIssuer, TokenVerifier, VerifiedPrincipal };

export function createJwtVerifier(opts: {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  algorithms: string[];
  /** Cognito: only ID tokens carry groups and custom attributes. */
  tokenUse?: 'id';
}): TokenVerifier {
  return {
    async verify(token) {
      const { payload } = await jwtVerify(token, opts.keys, {
        issuer: opts.issuer,
        audience: opts.audience,
        algorithms: opts.algorithms,
        // A token that never expires is refused, whoever signed it.
        requiredClaims: ['exp', 'iat'],
      });
      if (opts.tokenUse && payload.token_use !== opts.tokenUse) throw new Error('wrong token use');
      const sv = payload.sv;
      if (sv !== undefined && !Number.isSafeInteger(sv)) throw new Error('bad session version');
      return {
        ...principalFromClaims(payload),
        sessionVersion: sv as number | undefined,
        issuedAt: payload.iat as number,
      };
    },
  };
}

export const LOCAL_ISSUER = 'duban-local';
export const STAFF_AUDIENCE = 'duban-staff';

/** The local key pair (private JWK file, mode 0600) or, without a file, one kept in memory. */
export async function localTokenKeys(keyFile?: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  if (keyFile && existsSync(keyFile)) {
    const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    const { d: _d, ...publicJwk } = privateJwk;
    return { privateJwk, publicJwk };
  }
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = {
    ...(await exportJWK(privateKey)),
    kid: `duban-${Date.now().toString(36)}`,
    alg: 'ES256',
  };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d: _d, ...publicJwk } = privateJwk;
  return { privateJwk, publicJwk };
}

export async function localTokens(opts: { keyFile?: string; ttlSeconds?: number } = {}) {
  const { privateJwk, publicJwk } = await localTokenKeys(opts.keyFile);
  const privateKey = await importJWK(privateJwk, 'ES256');
  const ttlSeconds = opts.ttlSeconds ?? 3600;
  const issuer: TokenIssuer = {
    ttlSeconds,
    sign: (p, sessionVersion = 0) =>
      new SignJWT({
        role: p.role,
        ...(p.officeId ? { officeId: p.officeId } : {}),
        username: p.username,
        sv: sessionVersion,
      })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
        .setSubject(p.username)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(STAFF_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
  };
  const verifier = createJwtVerifier({
    keys: createLocalJWKSet({ keys: [publicJwk] }),
    issuer: LOCAL_ISSUER,
    audience: STAFF_AUDIENCE,
    algorithms: ['ES256'],
  });
  return { issuer, verifier, publicJwk };
}

/** Cognito ID tokens of the staff user pool (the HTTP API passes them as bearer tokens). */
export function cognitoVerifier(opts: {
  region: string;
  userPoolId: string;
  clientId: string;
  keys?: JWTVerifyGetKey;
}) {
  const issuer = `https://cognito-idp.${opts.region}.amazonaws.com/${opts.userPoolId}`;
  return createJwtVerifier({
    keys: opts.keys ?? createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)),
    issuer,
    audience: opts.clientId,
    algorithms: ['RS256'],
    tokenUse: 'id',
  });
}
