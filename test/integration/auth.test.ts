import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asStaff, json, login, postJson, testRuntime } from '../support/runtime.js';

describe('staff login and tokens', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(() => rt.close());

  it('logs in with a token and an HttpOnly SameSite=Strict session cookie', async () => {
    // Act
    const res = await postJson(rt.app, '/api/v1/auth/login', {
      username: 'inspector-a',
      password: 'duban-demo',
    });
    const body = await json(res);
    const me = await json(asStaff(rt.app, body.token, '/api/v1/me'));
    // Assert
    expect(res.status).toBe(200);
    expect(body.user).toEqual({ username: 'inspector-a', role: 'inspector', officeId: 'OFFICE_LONGSHUI' });
    expect(res.headers.get('set-cookie')).toMatch(
      /duban_session=.+; Max-Age=3600; Path=\/; HttpOnly; SameSite=Strict/,
    );
    expect(me).toEqual({ username: 'inspector-a', role: 'inspector', officeId: 'OFFICE_LONGSHUI' });
  });

  it('answers unknown user and wrong password identically', async () => {
    const unknown = await postJson(rt.app, '/api/v1/auth/login', {
      username: 'nobody',
      password: 'duban-demo',
    });
    const wrong = await postJson(rt.app, '/api/v1/auth/login', {
      username: 'leader',
      password: 'wrong-password',
    });
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toBe(await wrong.text());
  });

  it('throttles repeated failures on an account (429 with Retry-After), even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      await postJson(rt.app, '/api/v1/auth/login', { username: 'operator', password: `guess-${i}` });
    }
    const res = await postJson(rt.app, '/api/v1/auth/login', {
      username: 'operator',
      password: 'duban-demo',
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('logout clears the cookie', async () => {
    const res = await rt.app.request('/api/v1/auth/logout', { method: 'POST' });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/duban_session=;.*Max-Age=0/);
  });

  it('rejects tampered, expired, wrong-audience and alg:none tokens', async () => {
    // Arrange
    const good = await login(rt.app, 'dispatcher');
    const [h, p, s] = good.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const otherKey = (await import('../../functions/adapters/identity/tokens.js')).localTokens;
    const foreign = await (await otherKey()).issuer.sign({ username: 'dispatcher', role: 'dispatcher' });
    const { SignJWT, importJWK, generateKeyPair, exportJWK } = await import('jose');
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const key = await importJWK(await exportJWK(privateKey), 'ES256');
    const wrongAud = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setAudience('someone-else')
      .sign(key);
    const tokens = {
      tampered: `${h}.${b64({ ...claims, role: 'admin' })}.${s}`,
      expiryEdited: `${h}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 86400 })}.${s}`,
      foreignKey: foreign,
      wrongAudience: wrongAud,
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      garbage: 'not-a-token',
    };
    // Act
    const statuses = await Promise.all(
      Object.values(tokens).map(async (t) => (await asStaff(rt.app, t, '/api/v1/me')).status),
    );
    // Assert
    expect(statuses).toEqual(Object.values(tokens).map(() => 401));
    expect((await asStaff(rt.app, good, '/api/v1/me')).status).toBe(200);
  });

  it('rejects a token once it has expired', async () => {
    const shortLived = await testRuntime({ tokenTtlSeconds: -60 });
    try {
      const token = await login(shortLived.app, 'dispatcher');
      const res = await asStaff(shortLived.app, token, '/api/v1/me');
      expect(res.status).toBe(401);
    } finally {
      await shortLived.close();
    }
  });

  it('admin creates, disables, re-enables accounts and resets passwords', async () => {
    // Arrange
    const admin = await login(rt.app, 'admin');
    const call = (path: string, body?: unknown) =>
      asStaff(rt.app, admin, path, {
        method: body === undefined ? 'GET' : 'POST',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // Act + Assert
    const created = await call('/api/v1/admin/accounts', {
      username: 'inspector-c',
      role: 'inspector',
      officeId: 'OFFICE_SANQU',
      password: 'first-password-1',
    });
    expect(created.status).toBe(201);
    expect(
      (
        await call('/api/v1/admin/accounts', {
          username: 'inspector-c',
          role: 'leader',
          password: 'x'.repeat(12),
        })
      ).status,
    ).toBe(409);
    expect(
      (await call('/api/v1/admin/accounts', { username: 'x1', role: 'inspector', password: 'x'.repeat(12) }))
        .status,
    ).toBe(400);
    expect(await login(rt.app, 'inspector-c', 'first-password-1')).toBeTruthy();
    await call('/api/v1/admin/accounts/inspector-c/disable', {});
    expect(
      (
        await postJson(rt.app, '/api/v1/auth/login', {
          username: 'inspector-c',
          password: 'first-password-1',
        })
      ).status,
    ).toBe(401);
    await call('/api/v1/admin/accounts/inspector-c/enable', {});
    await call('/api/v1/admin/accounts/inspector-c/password', { password: 'second-password-2' });
    expect(await login(rt.app, 'inspector-c', 'second-password-2')).toBeTruthy();
    const list = await json(call('/api/v1/admin/accounts'));
    expect(list.items.map((a: { username: string }) => a.username)).toContain('inspector-c');
    expect(JSON.stringify(list)).not.toContain('scrypt');
    // Nobody else may administer accounts.
    expect((await asStaff(rt.app, await login(rt.app, 'dispatcher'), '/api/v1/admin/accounts')).status).toBe(
      403,
    );
  });
});
