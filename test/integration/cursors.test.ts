/**
 * Forged paging cursors answered 500 (the store rejected the start key). Cursors are sealed now:
 * anything the service did not issue for the same list is a 400 naming `cursor`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

describe('paging cursors', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let dispatcher = '';
  let leader = '';
  beforeAll(async () => {
    rt = await testRuntime();
    dispatcher = await login(rt.app, 'dispatcher');
    leader = await login(rt.app, 'leader');
    for (let i = 0; i < 3; i++) await postJson(rt.app, '/api/v1/complaints', validComplaint());
    await rt.runner?.settle();
  });
  afterAll(() => rt.close());

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('answers 400 for ?cursor=e30 on /outbox', async () => {
    const res = await asStaff(rt.app, leader, '/api/v1/outbox?cursor=e30');
    expect(res.status).toBe(400);
    expect((await json(res)).error.fields[0].path).toBe('cursor');
  });

  it('answers 400 for a crafted start key on /cases', async () => {
    const crafted = b64({ 'STATUS#new': { pk: { S: 'x' } }, 'STATUS#assigned': { gsi2pk: { N: '1' } } });
    for (const cursor of [crafted, b64({ 'STATUS#new': 'x' }), b64([]), '1.AAAA']) {
      const res = await asStaff(rt.app, dispatcher, `/api/v1/cases?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.fields[0].path).toBe('cursor');
    }
  });

  it('pages with the cursor it issued, and refuses it on another list', async () => {
    // Arrange
    const first = await json(asStaff(rt.app, dispatcher, '/api/v1/cases?limit=1'));
    // Act
    const second = await asStaff(rt.app, dispatcher, `/api/v1/cases?limit=1&cursor=${first.cursor}`);
    const elsewhere = await asStaff(rt.app, dispatcher, `/api/v1/cases?status=closed&cursor=${first.cursor}`);
    const onOutbox = await asStaff(rt.app, leader, `/api/v1/outbox?cursor=${first.cursor}`);
    // Assert
    expect(first.cursor).toMatch(/^1\./);
    expect(second.status).toBe(200);
    expect((await json(second)).items[0].trackingCode).not.toBe(first.items[0].trackingCode);
    expect(elsewhere.status).toBe(400);
    expect(onOutbox.status).toBe(400);
  });
});
