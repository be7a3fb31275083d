/**
 * Sessions are revocable at once (disable, password reset, role change, logout), tokens must expire,
 * login throttling is per account *and* source, an admin can unlock, and the last admin stays.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ISSUER, STAFF_AUDIENCE } from '../../functions/adapters/identity/tokens.js';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

// Logins hash passwords (scrypt): generous timeouts for a loaded machine, no timing assertions.
describe('revocable sessions and login throttling', { timeout: 180_000 }, () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let admin = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-sessions-'));
  beforeAll(async () => {
    rt = await testRuntime({ dataDir, trustProxy: 1 });
    admin = await login(rt.app, 'admin');
  });
  afterAll(() => rt.close());

  const me = async (token: string) => (await asStaff(rt.app, token, '/api/v1/me')).status;
  const adminSend = (path: string, body?: unknown) =>
    asStaff(rt.app, admin, `/api/v1/admin/accounts/${path}`, {
      method: path.includes('/') ? 'POST' : 'PATCH',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const loginFrom = (ip: string, username: string, password: string) =>
    postJson(rt.app, '/api/v1/auth/login', { username, password }, { 'x-forwarded-for': ip });

  it('disabling an account cuts its token off at once', async () => {
    // Arrange
    const token = await login(rt.app, 'inspector-b');
    expect(await me(token)).toBe(200);
    // Act
    const disabled = await adminSend('inspector-b/disable');
    // Assert
    expect(disabled.status).toBe(200);
    expect(await me(token)).toBe(401);
    expect((await adminSend('inspector-b/enable')).status).toBe(200);
    expect(await me(await login(rt.app, 'inspector-b'))).toBe(200);
  });

  it('a password reset cuts old tokens off; the new password gives a working token', async () => {
    const token = await login(rt.app, 'leader');
    expect((await adminSend('leader/password', { password: 'a-new-password-1' })).status).toBe(200);
    expect(await me(token)).toBe(401);
    expect(await me(await login(rt.app, 'leader', 'a-new-password-1'))).toBe(200);
  });

  it('logout revokes the bearer token it was called with', async () => {
    const token = await login(rt.app, 'operator');
    const out = await asStaff(rt.app, token, '/api/v1/auth/logout', { method: 'POST' });
    expect(out.status).toBe(204);
    expect(await me(token)).toBe(401);
  });

  it('refuses a correctly signed token without exp', async () => {
    // Arrange: the runtime's own signing key, read from DATA_DIR
    const jwk = JSON.parse(readFileSync(join(dataDir, 'keys', 'token-signing.jwk.json'), 'utf8')) as JWK;
    const key = await importJWK(jwk, 'ES256');
    const claims = { role: 'dispatcher', username: 'dispatcher', sv: 0 };
    const sign = (withExp: boolean) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: jwk.kid as string })
        .setSubject('dispatcher')
        .setIssuer(LOCAL_ISSUER)
        .setAudience(STAFF_AUDIENCE)
        .setIssuedAt();
      return (withExp ? jwt.setExpirationTime('5m') : jwt).sign(key);
    };
    // Act + Assert
    expect(await me(await sign(true))).toBe(200);
    expect(await me(await sign(false))).toBe(401);
  });

  it('a role change revokes the old token and needs a known office for inspectors', async () => {
    // Arrange
    const created = await asStaff(rt.app, admin, '/api/v1/admin/accounts', {
      method: 'POST',
      body: JSON.stringify({ username: 'mover', role: 'operator', password: 'mover-password-1' }),
    });
    expect(created.status).toBe(201);
    const token = await login(rt.app, 'mover', 'mover-password-1');
    // Act
    const bad = await adminSend('mover', { role: 'inspector', officeId: 'NO_SUCH_OFFICE' });
    const changed = await adminSend('mover', { role: 'inspector', officeId: 'OFFICE_LONGSHUI' });
    // Assert
    expect(bad.status).toBe(400);
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({ role: 'inspector', officeId: 'OFFICE_LONGSHUI' });
    expect(await me(token)).toBe(401);
    const fresh = await login(rt.app, 'mover', 'mover-password-1');
    expect(await json(asStaff(rt.app, fresh, '/api/v1/me'))).toMatchObject({ role: 'inspector' });
  });

  it('failures from one address do not lock the account for another; unlock and reset clear them', async () => {
    // Arrange: five wrong passwords for dispatcher from the attacker's address
    for (let i = 0; i < 5; i++) await loginFrom('203.0.113.66', 'dispatcher', `guess-${i}`);
    // Act
    const attacker = await loginFrom('203.0.113.66', 'dispatcher', 'duban-demo');
    const owner = await loginFrom('198.51.100.7', 'dispatcher', 'duban-demo');
    const unlocked = await adminSend('dispatcher/unlock');
    const afterUnlock = await loginFrom('203.0.113.66', 'dispatcher', 'duban-demo');
    for (let i = 0; i < 5; i++) await loginFrom('203.0.113.66', 'dispatcher', `guess-${i}`);
    const lockedAgain = await loginFrom('203.0.113.66', 'dispatcher', 'duban-demo');
    await adminSend('dispatcher/password', { password: 'dispatcher-pass-2' });
    const afterReset = await loginFrom('203.0.113.66', 'dispatcher', 'dispatcher-pass-2');
    // Assert
    expect(attacker.status).toBe(429);
    expect(owner.status).toBe(200);
    expect(unlocked.status).toBe(200);
    expect(afterUnlock.status).toBe(200);
    expect(lockedAgain.status).toBe(429);
    expect(afterReset.status).toBe(200);
  });

  it('enabling an account clears its failed logins', async () => {
    for (let i = 0; i < 5; i++) await loginFrom('203.0.113.9', 'inspector-a', `guess-${i}`);
    expect((await loginFrom('203.0.113.9', 'inspector-a', 'duban-demo')).status).toBe(429);
    await adminSend('inspector-a/disable');
    await adminSend('inspector-a/enable');
    expect((await loginFrom('203.0.113.9', 'inspector-a', 'duban-demo')).status).toBe(200);
  });

  it('an admin cannot disable or demote the last admin; with a second admin it can', async () => {
    // Act
    const disableSelf = await adminSend('admin/disable');
    const demoteSelf = await adminSend('admin', { role: 'leader' });
    await asStaff(rt.app, admin, '/api/v1/admin/accounts', {
      method: 'POST',
      body: JSON.stringify({ username: 'admin2', role: 'admin', password: 'admin2-password' }),
    });
    const demoteNow = await adminSend('admin', { role: 'leader' });
    // Assert
    expect(disableSelf.status).toBe(409);
    expect((await json(disableSelf)).error.code).toBe('LAST_ADMIN');
    expect(demoteSelf.status).toBe(409);
    expect(demoteNow.status).toBe(200);
    expect(await me(admin)).toBe(401);
    const admin2 = await login(rt.app, 'admin2', 'admin2-password');
    const last = await asStaff(rt.app, admin2, '/api/v1/admin/accounts/admin2/disable', { method: 'POST' });
    expect(last.status).toBe(409);
  });
});

describe('trusted proxy hops', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    rt = await testRuntime({ trustProxy: 1, intakeRateLimit: 3 });
  });
  afterAll(() => rt.close());

  it('takes the address the trusted proxy added, so rotating the left-most hop does not evade the limit', async () => {
    // Act: the client invents a new left-most address each time; the proxy appends the real one
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await postJson(rt.app, '/api/v1/complaints', validComplaint(), {
        'x-forwarded-for': `10.0.${i}.1, 192.0.2.44`,
      });
      statuses.push(res.status);
    }
    const other = await postJson(rt.app, '/api/v1/complaints', validComplaint(), {
      'x-forwarded-for': '192.0.2.45',
    });
    // Assert
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    expect(other.status).toBe(201);
  });
});
