import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, postJson, testRuntime, validComplaint } from '../support/runtime.js';

describe('intake and tracking through the app on dynalite', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(() => rt.close());

  it('files a complaint and tracks it with the codes it returned', async () => {
    // Arrange: no workflow, so the tracked case is still as filed (routing would race the tracking).
    const filedOnly = await testRuntime({ workflow: { startCaseWorkflow: async () => {} } });
    // Act
    const res = await postJson(filedOnly.app, '/api/v1/complaints', validComplaint());
    const receipt = await json(res);
    const tracked = await postJson(filedOnly.app, '/api/v1/track', {
      trackingCode: receipt.trackingCode.toLowerCase().replace('-', ' '),
      accessCode: receipt.accessCode,
    });
    const view = await json(tracked);
    await filedOnly.close();

    // Assert
    expect(res.status).toBe(201);
    expect(receipt.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(receipt.status).toBe('submitted');
    expect(tracked.status).toBe(200);
    expect(view.status).toEqual({ code: 'submitted', name: '已受理', nameEn: 'Submitted' });
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted']);
    expect(JSON.stringify(view)).not.toContain('13812345678');
    expect(JSON.stringify(view)).not.toContain('王小明');
  });

  it('stores the reporter encrypted, the access code hashed', async () => {
    // Arrange
    const receipt = await json(postJson(rt.app, '/api/v1/complaints', validComplaint()));
    // Act: let the workflow route it, so the item is read in a settled state.
    await rt.runner?.settle();
    const stored = await rt.store.getCase(receipt.trackingCode.replace('-', ''));
    // Assert
    expect(stored?.version).toBe(2);
    expect(stored?.events.map((e) => e.type)).toEqual(['submitted', 'assigned']);
    expect(JSON.stringify(stored)).not.toContain('13812345678');
    expect(JSON.stringify(stored)).not.toContain(receipt.accessCode);
    expect(await rt.deps.vault.open(stored?.id ?? '', stored?.reporter ?? {})).toEqual({
      name: '王小明',
      phone: '13812345678',
      email: 'wang@example.cn',
    });
  });

  it('answers an unknown code and a wrong access code with the identical 404', async () => {
    // Arrange
    const receipt = await json(postJson(rt.app, '/api/v1/complaints', validComplaint()));
    // Act
    const wrong = await postJson(rt.app, '/api/v1/track', {
      trackingCode: receipt.trackingCode,
      accessCode: 'ZZZZZZZZZZ',
    });
    const unknown = await postJson(rt.app, '/api/v1/track', {
      trackingCode: 'ZZZZZ-ZZZZZ',
      accessCode: receipt.accessCode,
    });
    // Assert
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await wrong.text()).toBe(await unknown.text());
  });

  it('keeps no reporter data for an anonymous complaint', async () => {
    const res = await postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), anonymous: true });
    const receipt = await json(res);
    const stored = await rt.store.getCase(receipt.trackingCode.replace('-', ''));
    expect(res.status).toBe(201);
    expect(stored?.anonymous).toBe(true);
    expect(stored?.reporter).toBeUndefined();
  });

  it('serves the catalog and the OpenAPI document', async () => {
    const catalog = await json(rt.app.request('/api/v1/catalog'));
    const doc = await json(rt.app.request('/api/v1/openapi.json'));
    const home = await json(rt.app.request('/api'));
    expect(home.links.openapi).toBe('/api/v1/openapi.json');
    expect(catalog.categories.length).toBeGreaterThanOrEqual(12);
    expect(catalog.areas.length).toBeGreaterThanOrEqual(8);
    expect(catalog.subjectKinds.map((k: { code: string }) => k.code)).toEqual([
      'school',
      'institution',
      'teacher',
      'other',
    ]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/complaints', '/api/v1/track', '/api/v1/catalog']),
    );
  });
});
