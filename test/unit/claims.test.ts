import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseGroups, principalFromClaims } from '../../functions/adapters/identity/claims.js';
import { cognitoVerifier, localTokens } from '../../functions/adapters/identity/tokens.js';

describe('claims → principal', () => {
  it.each([
    [['dispatcher'], ['dispatcher']],
    ['[dispatcher]', ['dispatcher']],
    ['[dispatcher inspector]', ['dispatcher', 'inspector']],
    ['["leader","admin"]', ['leader', 'admin']],
    [undefined, []],
  ])('cognito:groups %j parses to %j', (value, expected) => {
    expect(parseGroups(value)).toEqual(expected);
  });

  it('maps Cognito claims (array or API Gateway string) and local claims to the same principal', () => {
    const cognitoArray = {
      'cognito:username': 'li',
      'cognito:groups': ['inspector'],
      'custom:officeId': 'OFFICE_CITY',
    };
    const cognitoString = {
      'cognito:username': 'li',
      'cognito:groups': '[inspector]',
      'custom:officeId': 'OFFICE_CITY',
    };
    const local = { sub: 'li', username: 'li', role: 'inspector', officeId: 'OFFICE_CITY' };
    const expected = { username: 'li', role: 'inspector', officeId: 'OFFICE_CITY' };
    expect(principalFromClaims(cognitoArray)).toEqual(expected);
    expect(principalFromClaims(cognitoString)).toEqual(expected);
    expect(principalFromClaims(local)).toEqual(expected);
  });

  it('rejects tokens without a known role, and inspectors without an office', () => {
    expect(() => principalFromClaims({ sub: 'x', role: 'superuser' })).toThrow();
    expect(() => principalFromClaims({ sub: 'x', role: 'inspector' })).toThrow(/office/);
  });
});

describe('token verification', () => {
  it('verifies Cognito-shaped ID tokens through the same code path (JWKS, issuer, audience, expiry)', async () => {
    // Arrange: an RS256 key set standing in for the user pool's JWKS.
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    const verifier = cognitoVerifier({
      region: 'cn-north-1',
      userPoolId: 'cn-north-1_pool',
      clientId: 'client-1',
      keys: createLocalJWKSet({ keys: [jwk] }),
    });
    const issue = (claims: Record<string, unknown>, aud = 'client-1') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer('https://cognito-idp.cn-north-1.amazonaws.com/cn-north-1_pool')
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    const claims = { 'cognito:username': 'zhang', 'cognito:groups': ['dispatcher'], token_use: 'id' };

    // Act + Assert
    await expect(verifier.verify(await issue(claims))).resolves.toEqual({
      username: 'zhang',
      role: 'dispatcher',
      officeId: undefined,
      sessionVersion: undefined,
      issuedAt: expect.any(Number),
    });
    await expect(verifier.verify(await issue(claims, 'other-client'))).rejects.toThrow();
    await expect(verifier.verify(await issue({ ...claims, token_use: 'access' }))).rejects.toThrow();
  });

  it('local tokens round-trip, and a tampered one fails', async () => {
    const { issuer, verifier } = await localTokens();
    const token = await issuer.sign({ username: 'dispatcher', role: 'dispatcher' });
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), role: 'admin' }),
    );
    await expect(verifier.verify(token)).resolves.toEqual(expect.objectContaining({ role: 'dispatcher' }));
    await expect(verifier.verify(`${h}.${forged.toString('base64url')}.${s}`)).rejects.toThrow();
  });
});
