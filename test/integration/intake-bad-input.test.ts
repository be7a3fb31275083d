import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, postJson, testRuntime, validComplaint } from '../support/runtime.js';

const valid = validComplaint();
const without = (field: string) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field));

describe('bad input gets a 4xx naming the field', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    rt = await testRuntime({ workflow: { startCaseWorkflow: async () => {} } });
  });
  afterAll(() => rt.close());

  it.each([
    ['missing channel', without('channel'), 'channel'],
    ['unknown channel', { ...valid, channel: 'fax' }, 'channel'],
    ['unknown category', { ...valid, category: 'NOPE' }, 'category'],
    ['unknown area', { ...valid, area: 'NOPE' }, 'area'],
    ['bad subject kind', { ...valid, subject: { kind: 'shop', name: 'x' } }, 'subject.kind'],
    ['empty subject name', { ...valid, subject: { kind: 'school', name: '  ' } }, 'subject.name'],
    ['description too short', { ...valid, description: '作业太多了' }, 'description'],
    ['description too long', { ...valid, description: '多'.repeat(5001) }, 'description'],
    ['impossible date', { ...valid, occurredOn: '2026-13-01' }, 'occurredOn'],
    ['date in the future', { ...valid, occurredOn: '2026-03-05' }, 'occurredOn'],
    ['grade 0', { ...valid, grade: 0 }, 'grade'],
    ['grade 10', { ...valid, grade: 10 }, 'grade'],
    ['grade 3.5', { ...valid, grade: 3.5 }, 'grade'],
    ['grade as text', { ...valid, grade: '三' }, 'grade'],
    ['bad phone', { ...valid, reporter: { phone: '12345' } }, 'reporter.phone'],
    ['bad e-mail', { ...valid, reporter: { email: 'nope' } }, 'reporter.email'],
    ['anonymous missing', without('anonymous'), 'anonymous'],
    ['named without contact', { ...valid, reporter: { name: '王小明' } }, 'reporter'],
    ['unknown field', { ...valid, foo: 1 }, 'foo'],
    [
      'unknown reporter field',
      { ...valid, reporter: { phone: '13812345678', idCard: '1' } },
      'reporter.idCard',
    ],
  ])('%s → 400 naming %s', async (_name, body, path) => {
    // Act
    const res = await postJson(rt.app, '/api/v1/complaints', body);
    const error = (await json(res)).error;
    // Assert
    expect(res.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields.map((f: { path: string }) => f.path)).toContain(path);
  });

  it.each([
    ['malformed JSON', '{"channel":', 'application/json', 400, 'MALFORMED_JSON'],
    ['a JSON array', '[]', 'application/json', 400, 'VALIDATION_FAILED'],
    ['JSON null', 'null', 'application/json', 400, 'VALIDATION_FAILED'],
    ['a JSON number', '42', 'application/json', 400, 'VALIDATION_FAILED'],
    ['text/plain', JSON.stringify(valid), 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['form data', 'channel=web', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'over 64 KB',
      JSON.stringify({ ...valid, description: 'x'.repeat(70_000) }),
      'application/json',
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ])('%s → %s', async (_name, body, type, status, code) => {
    const res = await rt.app.request('/api/v1/complaints', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(res.status).toBe(status);
    expect((await json(res)).error.code).toBe(code);
  });

  it('a missing content type is 415; JSON with a charset is accepted', async () => {
    const none = await rt.app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify(valid) });
    const charset = await postJson(rt.app, '/api/v1/complaints', valid, {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(none.status).toBe(415);
    expect(charset.status).toBe(201);
  });

  it('tracking: bad bodies are 400 naming the field', async () => {
    const res = await postJson(rt.app, '/api/v1/track', { trackingCode: 'ABCDE-FGHJK' });
    expect(res.status).toBe(400);
    expect((await json(res)).error.fields.map((f: { path: string }) => f.path)).toEqual(['accessCode']);
  });

  it('no JSON body, however odd, produces a 5xx (fast-check)', async () => {
    const oddValue = fc.oneof(fc.jsonValue(), fc.string(), fc.constant(undefined));
    const mutated = fc.record(
      Object.fromEntries(
        Object.keys(valid).map((k) => [
          k,
          fc.oneof(fc.constant((valid as Record<string, unknown>)[k]), oddValue),
        ]),
      ),
    );
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      mutated.map((v) => JSON.stringify(v)),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('/api/v1/complaints', '/api/v1/track'), async (text, path) => {
        const res = await rt.app.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: text,
        });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
