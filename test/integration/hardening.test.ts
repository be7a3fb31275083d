import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

describe('hardening', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    rt = await testRuntime({ intakeRateLimit: 2, trackRateLimit: 3 });
  });
  afterAll(() => rt.close());

  it('limits public intake per client IP with 429 and Retry-After; staff are not limited', async () => {
    // Act
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await postJson(rt.app, '/api/v1/complaints', validComplaint())).status);
    const limited = await postJson(rt.app, '/api/v1/complaints', validComplaint());
    const operator = await login(rt.app, 'operator');
    const staff = await postJson(
      rt.app,
      '/api/v1/complaints',
      { ...validComplaint(), channel: 'hotline' },
      { authorization: `Bearer ${operator}` },
    );
    // Assert
    expect(statuses).toEqual([201, 201, 429]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json(limited)).error.code).toBe('RATE_LIMITED');
    expect(staff.status).toBe(201);
  });

  it('limits tracking attempts per client IP', async () => {
    const tries = [];
    for (let i = 0; i < 4; i++) {
      tries.push(
        (await postJson(rt.app, '/api/v1/track', { trackingCode: 'ZZZZZ-ZZZZZ', accessCode: `X${i}` }))
          .status,
      );
    }
    expect(tries).toEqual([404, 404, 404, 429]);
  });

  it('refuses cross-site state changes made with the session cookie; bearer calls are exempt', async () => {
    // Arrange
    const res = await postJson(rt.app, '/api/v1/auth/login', {
      username: 'dispatcher',
      password: 'duban-demo',
    });
    const { token } = await json(res);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const reveal = (headers: Record<string, string>) =>
      rt.app.request('http://localhost/api/v1/cases/ZZZZZ-ZZZZZ/reveal', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ reason: '核实身份' }),
      });
    // Act
    const crossSite = await reveal({ cookie, origin: 'https://evil.example' });
    const noOrigin = await reveal({ cookie });
    const sameSite = await reveal({ cookie, origin: 'http://localhost' });
    const bearer = await reveal({ authorization: `Bearer ${token}`, origin: 'https://evil.example' });
    // Assert: 403 for the forged ones; the others pass CSRF and reach the handler (404: no such case).
    expect([crossSite.status, noOrigin.status, sameSite.status, bearer.status]).toEqual([403, 403, 404, 404]);
    expect((await json(crossSite)).error.code).toBe('CSRF');
  });

  it('sets secure headers on every response', async () => {
    for (const res of [await rt.app.request('/healthz'), await rt.app.request('/api/v1/nope')]) {
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });
});
