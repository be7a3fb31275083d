/**
 * Issue 11: a known tracking code with a wrong access code must do the same work as an unknown code
 * (same store operations, same comparison), so its answer time tells nothing. Asserted structurally:
 * the DynamoDB commands are counted with SDK middleware and the access-code checks with a wrapper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseRepository } from '../../functions/adapters/dynamo/case-repository.js';
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { tableDesign } from '../../functions/adapters/table-design.js';
import { createApp } from '../../functions/http/app.js';
import type { Secrets } from '../../functions/services/ports.js';
import { formPost, pageGet } from '../support/pages.js';
import { json, postJson, testRuntime, validComplaint } from '../support/runtime.js';

type Op = { command: string; projection: string; key: string };

describe('citizen code checks do the same work for unknown and wrong codes', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let app: ReturnType<typeof createApp>;
  let filed: { trackingCode: string; accessCode: string };
  const ops: Op[] = [];
  const checks: { code: string; hashLength: number }[] = [];

  beforeAll(async () => {
    rt = await testRuntime({ workflow: { startCaseWorkflow: async () => {} } });
    const client = createDynamoClient({ endpoint: rt.storeEndpoint, region: 'local' });
    client.middlewareStack.add(
      (next, context) => (args) => {
        const input = args.input as { ProjectionExpression?: string; Key?: { pk?: { S?: string } } };
        ops.push({
          command: context.commandName ?? '?',
          projection: input.ProjectionExpression ?? '(whole item)',
          key: input.Key?.pk?.S ?? '',
        });
        return next(args);
      },
      { step: 'initialize' },
    );
    const secrets: Secrets = {
      ...rt.deps.secrets,
      async verifyAccessCode(code, hash) {
        checks.push({ code, hashLength: hash.length });
        return rt.deps.secrets.verifyAccessCode(code, hash);
      },
    };
    app = createApp({
      ...rt.deps,
      store: createCaseRepository(client, tableDesign.defaultTableName),
      secrets,
    });
    filed = await json(postJson(rt.app, '/api/v1/complaints', validComplaint()));
  });
  afterAll(() => rt.close());

  /** Store commands and code checks one request causes (the key read is reported without its id). */
  async function workOf(send: () => Promise<Response>) {
    ops.length = 0;
    checks.length = 0;
    const res = await send();
    const body = await res.text();
    return {
      status: res.status,
      body,
      ops: ops.map((o) => `${o.command} ${o.projection} ${o.key.startsWith('CASE#') ? 'CASE#…' : o.key}`),
      checks: checks.map((c) => ({ codeLength: c.code.length, hashLength: c.hashLength })),
    };
  }

  const trackApi = (trackingCode: string, accessCode: string) => () =>
    Promise.resolve(postJson(app, '/api/v1/track', { trackingCode, accessCode }));
  const feedbackApi = (trackingCode: string, accessCode: string) => () =>
    Promise.resolve(
      postJson(app, '/api/v1/track/feedback', { trackingCode, accessCode, rating: 'satisfied' }),
    );

  it('tracking API: wrong code for a known case, unknown case and malformed code read and compare alike', async () => {
    // Act
    const wrong = await workOf(trackApi(filed.trackingCode, 'WRONGCODE2'));
    const unknown = await workOf(trackApi('ZZZZZ-ZZZZZ', 'WRONGCODE2'));
    const malformed = await workOf(trackApi('not-a-code', 'WRONGCODE2'));
    const right = await workOf(trackApi(filed.trackingCode, filed.accessCode));
    // Assert: one projected read of the hash and one comparison each, never the whole case.
    expect(wrong.ops).toEqual(['GetItemCommand #h CASE#…']);
    expect(unknown.ops).toEqual(wrong.ops);
    expect(malformed.ops).toEqual(wrong.ops);
    expect(wrong.checks).toEqual([{ codeLength: 10, hashLength: 69 }]);
    expect(unknown.checks).toEqual(wrong.checks);
    expect(malformed.checks).toEqual(wrong.checks);
    expect([wrong.status, unknown.status, malformed.status]).toEqual([404, 404, 404]);
    expect(unknown.body).toBe(wrong.body);
    expect(malformed.body).toBe(wrong.body);
    // Only the right code reads the whole case, after the check.
    expect(right.status).toBe(200);
    expect(right.ops.slice(0, 2)).toEqual(['GetItemCommand #h CASE#…', 'GetItemCommand (whole item) CASE#…']);
  });

  it('rating API: a wrong code for a known case does what an unknown code does', async () => {
    // Act
    const wrong = await workOf(feedbackApi(filed.trackingCode, 'WRONGCODE2'));
    const unknown = await workOf(feedbackApi('ZZZZZ-ZZZZZ', 'WRONGCODE2'));
    // Assert
    expect(wrong.status).toBe(404);
    expect(unknown).toEqual(wrong);
    expect(wrong.ops).toEqual(['GetItemCommand #h CASE#…']);
    expect(wrong.checks).toHaveLength(1);
  });

  it('/track page: a wrong code for a known case does what an unknown code does', async () => {
    // Arrange
    const form = await pageGet(app, '/track');
    const post = (trackingCode: string) => async () => {
      const res = await formPost(app, '/track', form, { trackingCode, accessCode: 'WRONGCODE2' });
      return new Response(res.html, { status: res.status });
    };
    // Act
    const wrong = await workOf(post(filed.trackingCode));
    const unknown = await workOf(post('ZZZZZ-ZZZZZ'));
    // Assert
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(unknown.ops).toEqual(wrong.ops);
    expect(unknown.checks).toEqual(wrong.checks);
    expect(wrong.ops).toEqual(['GetItemCommand #h CASE#…']);
  });
});
