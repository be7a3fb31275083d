import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, postJson, testRuntime, validComplaint } from '../support/runtime.js';

describe('field problems carry stable codes', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  const valid = validComplaint();
  it.each([
    ['missing description', { ...valid, description: undefined }, 'description', 'required', undefined],
    ['short description', { ...valid, description: '太多' }, 'description', 'too_short', 10],
    [
      'long subject name',
      { ...valid, subject: { kind: 'school', name: 'x'.repeat(101) } },
      'subject.name',
      'too_long',
      100,
    ],
    [
      'unknown subject kind',
      { ...valid, subject: { kind: 'shop', name: 'x' } },
      'subject.kind',
      'unknown_value',
      undefined,
    ],
    ['bad date', { ...valid, occurredOn: '2026-02-30' }, 'occurredOn', 'invalid_format', undefined],
    ['future date', { ...valid, occurredOn: '2027-01-01' }, 'occurredOn', 'in_future', undefined],
    ['grade 12', { ...valid, grade: 12 }, 'grade', 'out_of_range', 9],
    ['bad phone', { ...valid, reporter: { phone: '12345' } }, 'reporter.phone', 'invalid_format', undefined],
    ['no contact', { ...valid, reporter: { name: '王' } }, 'reporter', 'contact_required', undefined],
    ['unknown field', { ...valid, colour: 'red' }, 'colour', 'unknown_field', undefined],
    ['unknown category', { ...valid, category: 'NOPE' }, 'category', 'unknown_value', undefined],
  ])('%s → %s %s', async (_name, body, path, code, limit) => {
    // Act
    const res = await postJson(rt.app, '/api/v1/complaints', body);
    const field = (await json(res)).error.fields.find((f: { path: string }) => f.path === path);
    // Assert
    expect(res.status).toBe(400);
    expect(field?.code).toBe(code);
    expect(field?.limit).toBe(limit);
  });

  it.each([
    ['023-43721234', '023-43721234'],
    ['0234372 1234', '023-43721234'],
    ['０２３－４３７２１２３４', '023-43721234'],
    ['１３８ １２３４ ５６７８', '13812345678'],
  ])('accepts the landline or full-width phone %s and stores it as %s', async (phone, stored) => {
    // Arrange
    const body = { ...valid, reporter: { phone } };
    // Act
    const res = await postJson(rt.app, '/api/v1/complaints', body);
    const receipt = await json(res);
    const record = await rt.store.getCase(receipt.trackingCode.replace('-', ''));
    const reporter = record?.reporter ? await rt.deps.vault.open(record.id, record.reporter) : undefined;
    // Assert
    expect(res.status).toBe(201);
    expect(reporter?.phone).toBe(stored);
  });

  it('documents the field codes in the OpenAPI error schema', async () => {
    // Act
    const doc = await json(rt.app.request('/api/v1/openapi.json'));
    const field = doc.components.schemas.Error.properties.error.properties.fields.items;
    // Assert
    expect(field.required).toContain('code');
    expect(field.properties.code.enum).toContain('too_short');
  });
});
