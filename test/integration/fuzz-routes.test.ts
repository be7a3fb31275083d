/**
 * The fuzz property over every route the OpenAPI document lists (so routes added later are covered
 * too): odd path parameters, query strings (forged cursors among them) and bodies, sent anonymously
 * and as each staff role. Nothing a client sends may produce a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

type Route = { method: string; path: string; query: string[] };

describe('fuzz: every route', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const routes: Route[] = [];
  const tokens: (string | undefined)[] = [undefined];
  let trackingCode = '';
  beforeAll(async () => {
    rt = await testRuntime();
    for (const u of ['admin', 'dispatcher', 'inspector-a', 'leader', 'operator'])
      tokens.push(await login(rt.app, u));
    trackingCode = (await json(postJson(rt.app, '/api/v1/complaints', validComplaint()))).trackingCode;
    await rt.runner?.settle();
    const doc = await json(rt.app.request('/api/v1/openapi.json'));
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        // Logging out would revoke the fuzzer's own token; it is covered by the session tests.
        if (path.endsWith('/auth/logout')) continue;
        routes.push({
          method: method.toUpperCase(),
          path: `/api/v1${path.replace(/^\/api\/v1/, '')}`,
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        });
      }
    }
  });
  afterAll(() => rt.close());

  it('lists a good number of routes', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it('no request to any route produces a 5xx (fast-check)', async () => {
    const forgedCursor = fc.oneof(
      fc.constant('e30'),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
      fc.string().map((s) => `1.${Buffer.from(s).toString('base64url')}`),
      fc.string(),
    );
    const param = fc.oneof(
      fc.constant(trackingCode),
      fc.constant('admin'),
      fc.constant('2026'),
      fc.string({ maxLength: 80 }),
      fc.constantFrom('%00', '..', '%2F', '__proto__', '﷽'.repeat(100), 'a'.repeat(5000)),
    );
    const queryValue = fc.oneof(param, forgedCursor, fc.integer().map(String));
    const body = fc.oneof(
      fc.constant(undefined),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()).map((v) => JSON.stringify(v)),
      fc
        .record({ ...Object.fromEntries(Object.keys(validComplaint()).map((k) => [k, fc.jsonValue()])) })
        .map((v) => JSON.stringify(v)),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(param, { minLength: 3, maxLength: 3 }),
        fc.array(queryValue, { minLength: 4, maxLength: 4 }),
        body,
        fc.constantFrom(...tokens),
        async (route, params, values, text, token) => {
          let i = 0;
          const path = route.path.replace(/\{[^}]+\}/g, () =>
            encodeURIComponent(params[i++ % params.length] ?? ''),
          );
          const query = route.query.map(
            (q, j) => `${q}=${encodeURIComponent(values[j % values.length] ?? '')}`,
          );
          const res = await rt.app.request(`${path}${query.length ? `?${query.join('&')}` : ''}`, {
            method: route.method,
            headers: {
              ...(text !== undefined ? { 'content-type': 'application/json' } : {}),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            body: route.method === 'GET' ? undefined : text,
          });
          expect(res.status, `${route.method} ${path}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  }, 300_000);
});
