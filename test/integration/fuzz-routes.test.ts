/**
 * The fuzz property over every route the OpenAPI document lists (so routes added later are covered
 * too): odd path parameters, query strings (forged cursors among them) and bodies, sent anonymously
 * and as each staff role. Nothing a client sends may produce a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formPost, type PageResult, pageGet } from '../support/pages.js';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

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

/** A forged or foreign paging cursor: empty JSON, JSON of any shape, a bad seal, any text. */
const forgedCursor = (foreign: string[]) =>
  fc.oneof(
    fc.constant('e30'),
    fc.constantFrom(...foreign),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    fc.string().map((s) => `1.${Buffer.from(s).toString('base64url')}`),
    fc.string({ maxLength: 300 }),
  );

/** Text a hostile form or query may carry: control and bidi characters, long runs, odd keys. */
const junkText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e\u202d',
    '﷽'.repeat(300),
    'x'.repeat(20_000),
    '__proto__',
    '-1',
    '1e309',
  ),
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

/** Field names the pages use, and any others. */
const FORM_FIELDS = [
  'trackingCode',
  'accessCode',
  'rating',
  'comment',
  'username',
  'password',
  'role',
  'officeId',
  'displayName',
  'year',
  'holidays',
  'makeupWorkdays',
  'source',
  'base',
  '_base',
  '_key',
  'key',
  'area',
  'category',
  'office',
  'description',
  'subjectKind',
  'subjectName',
  'phone',
  'name',
  'email',
  'anonymous',
  'channel',
  'occurredOn',
  'grade',
  'action',
  'expectedVersion',
  'reason',
  'into',
  'findings',
  'query',
  'queue',
  'cursor',
  'step',
  'back',
  'next',
  'photos',
  'evidence',
  'lang',
  'month',
  'version',
  'days',
  'nameEn',
  'defaultOfficeId',
  'reporterName',
  'reporterPhone',
  'when',
  'address',
  '__proto__',
];
const formBody = fc.dictionary(
  fc.oneof(fc.constantFrom(...FORM_FIELDS), fc.string({ maxLength: 20 })),
  fc.oneof(junkText, fc.array(junkText, { minLength: 2, maxLength: 3 })),
  { maxKeys: 12 },
);

describe('fuzz: cursors on every list, page forms, Open311 forms, admin reference bodies', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const tokens: string[] = [];
  const browsers: PageResult[] = [];
  let trackingCode = '';
  let foreignCursors: string[] = [];
  beforeAll(async () => {
    rt = await testRuntime({ open311RateLimit: 0 });
    for (const u of ['admin', 'dispatcher', 'inspector-a', 'leader', 'operator']) {
      tokens.push(await login(rt.app, u));
      const form = await pageGet(rt.app, '/staff/login');
      const done = await formPost(rt.app, '/staff/login', form, { username: u, password: 'duban-demo' });
      browsers.push({ ...done, csrf: form.csrf });
    }
    for (let i = 0; i < 3; i++)
      trackingCode = (await json(postJson(rt.app, '/api/v1/complaints', validComplaint()))).trackingCode;
    await rt.runner?.settle();
    // Real cursors of other lists, to be replayed where they do not belong.
    const dispatcher = tokens[1] as string;
    const cases = await json(asStaff(rt.app, dispatcher, '/api/v1/cases?limit=1'));
    const outbox = await json(asStaff(rt.app, tokens[3] as string, '/api/v1/outbox?limit=1'));
    foreignCursors = [cases.cursor, outbox.cursor].filter((c): c is string => typeof c === 'string');
    if (foreignCursors.length === 0) throw new Error('no real cursor to replay');
  });
  afterAll(() => rt.close());

  it('a forged or foreign cursor on any list (API and pages) is refused or ignored, never a 5xx', async () => {
    // Arrange: every GET route the OpenAPI document lists gets ?cursor= (and ?since=), plus the
    // undocumented export and the two staff pages that page through lists.
    const doc = await json(rt.app.request('/api/v1/openapi.json'));
    const gets = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([, ops]) => 'get' in ops)
      .map(([path]) => path.replace(/\{[^}]+\}/g, trackingCode));
    const lists = [...gets, '/api/v1/12345/replies.xlsx', '/staff', '/staff/search'];
    // Act / Assert
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...lists),
        forgedCursor(foreignCursors),
        fc.nat(tokens.length - 1),
        async (path, cursor, who) => {
          const q = `cursor=${encodeURIComponent(cursor)}&since=${encodeURIComponent(cursor)}`;
          const res = path.startsWith('/staff')
            ? await rt.app.request(`${path}?${q}&query=x`, {
                headers: { cookie: browsers[who]?.cookies ?? '' },
              })
            : await asStaff(rt.app, tokens[who] as string, `${path}?${q}`);
          expect(res.status, `GET ${path}?${q}`).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    const forged = await asStaff(rt.app, tokens[1] as string, '/api/v1/cases?cursor=e30');
    const foreign = await asStaff(
      rt.app,
      tokens[1] as string,
      `/api/v1/cases?status=closed&cursor=${encodeURIComponent(foreignCursors[0] ?? '')}`,
    );
    const search = await asStaff(rt.app, tokens[1] as string, '/api/v1/cases/search', {
      method: 'POST',
      body: JSON.stringify({ query: '龙水', cursor: 'e30' }),
    });
    expect(forged.status).toBe(400);
    expect(foreign.status).toBe(400);
    expect(search.status).toBeLessThan(500);
  }, 300_000);

  it('form-encoded junk to every page route, signed in as each role or not at all, never gets a 5xx', async () => {
    // Arrange: the page routes the app serves (everything outside /api and /open311).
    const pages = rt.app.routes
      .filter((r) => r.method === 'GET' || r.method === 'POST')
      .filter((r) => r.method === 'POST' || !r.path.startsWith('/static')) // assets: covered by page tests
      .filter((r) => true && !/^\/(api|open311)\b/.test(r.path))
      .filter((r) => !r.path.includes('*') && r.path !== '/staff/logout')
      .map((r) => ({ method: r.method, path: r.path }));
    const unique = [...new Map(pages.map((p) => [`${p.method} ${p.path}`, p])).values()];
    const reached: number[] = []; // statuses of signed-in form posts that passed the CSRF check
    // Mostly the parameter the route expects (so the junk reaches its handler), sometimes anything.
    const sensible: Record<string, string[]> = {
      code: [trackingCode],
      month: ['2026-03'],
      username: ['inspector-b', 'operator'],
      slice: ['routing', 'offices', 'categories', 'deadlines', 'areas'],
      lang: ['en', 'zh-CN'],
    };
    const param = (name: string) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...(sensible[name] ?? ['x'])) },
        { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
        { weight: 1, arbitrary: fc.constantFrom('%00', '..', '__proto__', 'a'.repeat(3000)) },
      );
    const request = fc
      .constantFrom(...unique)
      .chain((route) =>
        fc.tuple(
          fc.constant(route),
          fc.tuple(...(route.path.match(/:[a-zA-Z]+/g) ?? [':none']).map((n) => param(n.slice(1)))),
        ),
      );
    const encoding = fc.oneof(
      { weight: 6, arbitrary: fc.constant('urlencoded') },
      { weight: 2, arbitrary: fc.constant('multipart') },
      { weight: 1, arbitrary: fc.constantFrom('multipart-no-boundary', 'json', 'text') },
    );
    // Act / Assert
    await fc.assert(
      fc.asyncProperty(
        request,
        formBody,
        fc.integer({ min: -1, max: browsers.length - 1 }),
        encoding,
        async ([route, params], fields, who, encoding) => {
          let i = 0;
          const path = route.path.replace(/:[a-zA-Z]+/g, () => encodeURIComponent(params[i++] ?? ''));
          const from = browsers[who] ?? { cookies: '', csrf: undefined };
          if (route.method === 'GET') {
            const res = await rt.app.request(path, { headers: { cookie: from.cookies } });
            expect(res.status, `GET ${path}`).toBeLessThan(500);
            return;
          }
          const pairs = Object.entries(fields).flatMap(([k, v]) =>
            [v].flat().map((x): [string, string] => [k, String(x)]),
          );
          const headers = { origin: 'http://localhost', cookie: from.cookies };
          let body: string | FormData;
          if (encoding === 'multipart') {
            body = new FormData();
            if (from.csrf) body.append('_csrf', from.csrf);
            for (const [k, v] of pairs) body.append(k, v);
          } else if (encoding === 'json') body = JSON.stringify(fields);
          else
            body = new URLSearchParams([
              ...(from.csrf ? [['_csrf', from.csrf] as [string, string]] : []),
              ...pairs,
            ]).toString();
          const type = {
            urlencoded: 'application/x-www-form-urlencoded',
            'multipart-no-boundary': 'multipart/form-data',
            json: 'application/json',
            text: 'text/plain',
          }[encoding as string];
          const res = await rt.app.request(`http://localhost${path}`, {
            method: 'POST',
            headers: type ? { ...headers, 'content-type': type } : headers,
            body,
          });
          expect(res.status, `POST ${path} (${encoding})`).toBeLessThan(500);
          if (who >= 0 && encoding.startsWith('urlencoded') && res.status !== 403) reached.push(res.status);
        },
      ),
      { numRuns: 300 },
    );
    // The junk really reached the handlers (not only the CSRF gate): more than one kind of answer.
    expect(reached.length).toBeGreaterThan(40);
    expect(new Set(reached).size).toBeGreaterThanOrEqual(2);
  }, 600_000);

  it('Open311: any resource, format, method, api_key and form body answers without a 5xx', async () => {
    // Arrange
    const resource = fc.oneof(
      fc.constantFrom(
        'discovery',
        'services',
        'requests',
        `requests/${trackingCode}`,
        'services/HOMEWORK_OVERLOAD',
        'tokens/x',
      ),
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
    );
    const open311Fields = fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'service_code',
          'description',
          'lat',
          'long',
          'address_string',
          'email',
          'first_name',
          'last_name',
          'phone',
          'media_url',
          'device_id',
          'account_id',
          'jurisdiction_id',
          'api_key',
          'attribute[area]',
          'attribute[subject_kind]',
          'attribute[subject_name]',
          'attribute[grade]',
          'attribute[occurred_on]',
          'service_request_id',
          'start_date',
          'end_date',
          'status',
        ),
        fc.string({ maxLength: 16 }),
      ),
      fc.oneof(
        junkText,
        fc.constantFrom('HOMEWORK_OVERLOAD', 'LONGSHUI', 'school', '龙水镇第一小学', 'duban-open311-demo'),
      ),
      { maxKeys: 12 },
    );
    // Act / Assert
    await fc.assert(
      fc.asyncProperty(
        resource,
        fc.constantFrom('.json', '.xml', ''),
        fc.constantFrom('GET', 'POST'),
        fc.constantFrom('duban-open311-demo', 'wrong-key', ''),
        open311Fields,
        async (res, format, method, key, fields) => {
          const body = new URLSearchParams(
            Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]),
          );
          const url = `/open311/v2/${res}${format}?api_key=${encodeURIComponent(key)}${
            method === 'GET' ? `&${body.toString()}` : ''
          }`;
          const answer = await rt.app.request(url, {
            method,
            headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
            body: method === 'POST' ? body.toString() : undefined,
          });
          expect(answer.status, `${method} ${url}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  }, 300_000);

  it('admin reference data: mutated catalogs, calendar years and 12345 mappings never produce a 5xx', async () => {
    // Arrange: start from the real documents and break one part at a time.
    const admin = tokens[0] as string;
    const { version: _v, ...catalog } = await json(asStaff(rt.app, admin, '/api/v1/admin/catalog'));
    const mapping = await json(asStaff(rt.app, admin, '/api/v1/admin/12345/mapping'));
    const year = {
      year: 2027,
      holidays: [{ date: '2027-10-01', name: '国庆节', nameEn: 'National Day' }],
      makeupWorkdays: [{ date: '2027-09-26', name: '国庆节', nameEn: 'National Day' }],
      source: '国办发明电',
    };
    const mutate = <T extends Record<string, unknown>>(doc: T) =>
      fc
        .tuple(fc.constantFrom(...Object.keys(doc)), fc.nat(), fc.oneof(fc.jsonValue(), junkText), fc.nat(3))
        .map(([key, index, value, how]) => {
          const copy = structuredClone(doc) as Record<string, unknown>;
          const part = copy[key];
          if (how === 0) delete copy[key];
          else if (how === 1 || !Array.isArray(part) || part.length === 0) copy[key] = value;
          else if (how === 2) {
            // One element of a list: a field replaced (or the element itself).
            const i = index % part.length;
            const el = part[i];
            if (el && typeof el === 'object' && !Array.isArray(el)) {
              const fields = Object.keys(el);
              const f = fields[index % Math.max(1, fields.length)] ?? 'x';
              part[i] = { ...el, [f]: value };
            } else part[i] = value;
          } else part.push(part[index % part.length]); // a duplicate entry
          return JSON.stringify(copy).replace('"area"', index % 7 === 0 ? '"__proto__"' : '"area"');
        });
    const target = fc.oneof(
      mutate(catalog).map((body) => ({ method: 'PUT', path: '/api/v1/admin/catalog', body })),
      mutate(catalog).map((body) => ({ method: 'POST', path: '/api/v1/admin/catalog/preview', body })),
      mutate(year).map((body) => ({ method: 'PUT', path: '/api/v1/admin/calendar/2027', body })),
      mutate(year).map((body) => ({ method: 'POST', path: '/api/v1/admin/calendar/2027/preview', body })),
      mutate(mapping).map((body) => ({ method: 'PUT', path: '/api/v1/admin/12345/mapping', body })),
    );
    // Act / Assert: each answer is below 500, and the public catalog and a filing still work after.
    await fc.assert(
      fc.asyncProperty(target, async (t) => {
        const res = await asStaff(rt.app, admin, t.path, { method: t.method, body: t.body });
        expect(res.status, `${t.method} ${t.path} ${t.body.slice(0, 300)}`).toBeLessThan(500);
        expect((await rt.app.request('/api/v1/catalog')).status).toBe(200);
      }),
      { numRuns: 250 },
    );
    const filed = await postJson(rt.app, '/api/v1/complaints', validComplaint());
    expect(filed.status).toBeLessThan(500);
  }, 300_000);
});
