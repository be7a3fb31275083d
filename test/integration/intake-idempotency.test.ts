/**
 * Idempotent intake without transactions (ARCHITECTURE §3, folded into one write — README design
 * notes): the Idempotency-Key fixes the case id and access code, one conditional put files and
 * de-duplicates, then the workflow starts. A crash before, during or after the write is simulated by
 * failing a step once; the retry with the same key and body must finish the same case.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRecord, NewComplaint } from '../../functions/domain/case.js';
import { newCaseId } from '../../functions/domain/tracking-code.js';
import { StoreUnavailableError } from '../../functions/services/errors.js';
import { canonicalJson, submitComplaint } from '../../functions/services/intake.js';
import { sampleCase } from '../support/fixtures.js';
import { json, postJson, testRuntime, validComplaint } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
const runtimes: Rt[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.close()));
});

/** A runtime whose workflow starter records starts (and can be told to fail once). */
async function setup() {
  const starts: string[] = [];
  let failNext = false;
  const rt = await testRuntime({
    workflow: {
      async startCaseWorkflow(id) {
        if (failNext) {
          failNext = false;
          throw new Error('state machine unreachable');
        }
        if (!starts.includes(id)) starts.push(id);
      },
    },
  });
  runtimes.push(rt);
  return { rt, starts, failWorkflowOnce: () => (failNext = true) };
}

const file = (rt: Rt, body: unknown, key: string) =>
  postJson(rt.app, '/api/v1/complaints', body, { 'idempotency-key': key });

async function casesStored(rt: Rt): Promise<string[]> {
  const page = await rt.deps.queries.list({ kind: 'status', status: 'submitted' }, { limit: 200 });
  return page.items.map((c: CaseRecord) => c.id);
}

describe('Idempotency-Key', () => {
  it('same key and body: the same tracking and access code, one case, one workflow', async () => {
    // Arrange
    const { rt, starts } = await setup();
    // Act
    const first = await json(file(rt, validComplaint(), 'key-same-0001'));
    const second = await json(file(rt, validComplaint(), 'key-same-0001'));
    // Assert
    expect(second).toEqual(first);
    expect(await casesStored(rt)).toEqual([first.trackingCode.replace('-', '')]);
    expect(starts).toEqual([first.trackingCode.replace('-', '')]);
  });

  it('same key with a different body is refused with 422 and stores nothing new', async () => {
    const { rt } = await setup();
    await file(rt, validComplaint(), 'key-reused-0001');
    const res = await file(
      rt,
      { ...validComplaint(), description: '另一件事：周末组织学科类培训，违反规定。' },
      'key-reused-0001',
    );
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await casesStored(rt)).toHaveLength(1);
  });

  it('rejects a malformed key, naming the header', async () => {
    const { rt } = await setup();
    const res = await file(rt, validComplaint(), 'x');
    expect(res.status).toBe(400);
    expect((await json(res)).error.fields).toEqual([
      expect.objectContaining({ path: 'header.idempotency-key' }),
    ]);
  });

  it('crash before the case write: the retry files the same case', async () => {
    // Arrange: the case write fails once.
    const { rt, starts } = await setup();
    const createCase = rt.store.createCase;
    rt.store.createCase = async () => {
      rt.store.createCase = createCase;
      throw new Error('process died');
    };
    // Act
    const crashed = await file(rt, validComplaint(), 'key-crash-0001');
    const retried = await json(file(rt, validComplaint(), 'key-crash-0001'));
    const tracked = await postJson(rt.app, '/api/v1/track', {
      trackingCode: retried.trackingCode,
      accessCode: retried.accessCode,
    });
    // Assert
    expect(crashed.status).toBeGreaterThanOrEqual(500);
    expect(await casesStored(rt)).toEqual([retried.trackingCode.replace('-', '')]);
    expect(starts).toEqual([retried.trackingCode.replace('-', '')]);
    expect(tracked.status).toBe(200);
  });

  it("answer lost after the case write: a retry an hour later finds the first attempt's case, receipt time and code", async () => {
    // Arrange: the first write reaches the store but its answer never comes back (the process dies
    // right after); the client retries an hour later.
    const { rt, starts } = await setup();
    const createCase = rt.store.createCase;
    rt.store.createCase = async (...args) => {
      rt.store.createCase = createCase;
      await createCase(...args);
      throw new Error('process died');
    };
    const crashed = await file(rt, validComplaint(), 'key-crash-0003');
    rt.clock.advance(3600_000);
    // Act
    const retried = await json(file(rt, validComplaint(), 'key-crash-0003'));
    const stored = await rt.store.getCase(retried.trackingCode.replace('-', ''));
    const tracked = await postJson(rt.app, '/api/v1/track', {
      trackingCode: retried.trackingCode,
      accessCode: retried.accessCode,
    });
    // Assert: one case, written once, at the first attempt's time; the retry's access code opens it.
    expect(crashed.status).toBeGreaterThanOrEqual(500);
    expect(await casesStored(rt)).toEqual([retried.trackingCode.replace('-', '')]);
    expect(stored?.receivedAt).toBe('2026-03-02T02:00:00.000Z');
    expect(retried.receivedAt).toBe('2026-03-02T02:00:00.000Z');
    expect(tracked.status).toBe(200);
    expect(starts).toEqual([retried.trackingCode.replace('-', '')]);
  });

  it('crash after the case item, before the workflow start: 503, and the retry starts it once', async () => {
    // Arrange
    const { rt, starts, failWorkflowOnce } = await setup();
    failWorkflowOnce();
    // Act
    const crashed = await file(rt, validComplaint(), 'key-crash-0002');
    const retried = await json(file(rt, validComplaint(), 'key-crash-0002'));
    // Assert
    expect(crashed.status).toBe(503);
    expect((await json(crashed)).error.code).toBe('WORKFLOW_UNAVAILABLE');
    expect(await casesStored(rt)).toEqual([retried.trackingCode.replace('-', '')]);
    expect(starts).toEqual([retried.trackingCode.replace('-', '')]);
  });

  it('response lost after every step succeeded: the retry returns the same receipt', async () => {
    const { rt, starts } = await setup();
    const lost = await json(file(rt, validComplaint(), 'key-lost-0001'));
    const again = await json(file(rt, validComplaint(), 'key-lost-0001'));
    expect(again).toEqual(lost);
    expect(starts).toHaveLength(1);
  });

  it('a store that keeps throttling answers 503 STORE_UNAVAILABLE, never 500, and stores nothing', async () => {
    const { rt } = await setup();
    rt.store.createCase = async () => {
      throw new StoreUnavailableError();
    };
    const res = await postJson(rt.app, '/api/v1/complaints', validComplaint());
    expect(res.status).toBe(503);
    expect((await json(res)).error.code).toBe('STORE_UNAVAILABLE');
    expect(await casesStored(rt)).toEqual([]);
  });

  it('without a key, a failed workflow start still acknowledges the stored case (recovery starts it)', async () => {
    const { rt, starts, failWorkflowOnce } = await setup();
    failWorkflowOnce();
    const res = await postJson(rt.app, '/api/v1/complaints', validComplaint());
    expect(res.status).toBe(201);
    expect(starts).toEqual([]);
    expect(await casesStored(rt)).toHaveLength(1);
  });

  it('a permanent key recorded the old way (IDEM item) still answers with its case and files nothing', async () => {
    // Arrange: a 12345 order filed before intake folded the claim into the case write.
    const { rt, starts } = await setup();
    const first = await json(file(rt, validComplaint(), 'key-legacy-0001'));
    const caseId = first.trackingCode.replace('-', '');
    const fingerprint = { order: 'A-1' };
    await rt.storeClient.send(
      new PutItemCommand({
        TableName: 'duban',
        Item: marshall({
          pk: 'IDEM#12345:A-1',
          sk: 'IDEM',
          key: '12345:A-1',
          caseId,
          requestHash: rt.deps.secrets.digest(canonicalJson(fingerprint)),
          sealedAccessCode: await rt.deps.vault.sealSecret(caseId, first.accessCode),
          createdAt: first.receivedAt,
          permanent: true,
        }),
      }),
    );
    const deps = { ...rt.deps, workflow: { startCaseWorkflow: async () => {} } };
    // Act
    const again = await submitComplaint(deps, { ...validComplaint(), channel: '12345' } as NewComplaint, {
      idempotencyKey: '12345:A-1',
      permanentKey: true,
      fingerprint,
    });
    const changed = await submitComplaint(deps, validComplaint() as NewComplaint, {
      idempotencyKey: '12345:A-1',
      permanentKey: true,
      fingerprint: { order: 'A-1, edited' },
    }).catch((e) => e);
    // Assert
    expect(again).toEqual({ ...first, status: 'submitted' });
    expect(changed.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await casesStored(rt)).toEqual([caseId]);
    expect(starts).toEqual([caseId]);
  });

  it("a key whose derived id belongs to another key's case takes its next derived id, on every retry", async () => {
    // Arrange: occupy the id the key derives first with a case filed under another key.
    const { rt } = await setup();
    const derived = newCaseId(await rt.deps.lookupKeys.derive('duban-intake-case', '0\0key-taken-0001'));
    const other = { ...sampleCase(), id: derived };
    expect(await rt.store.createCase(other, [], { tag: 'another-key', requestHash: 'h' })).toBe(true);
    // Act
    const first = await json(file(rt, validComplaint(), 'key-taken-0001'));
    const again = await json(file(rt, validComplaint(), 'key-taken-0001'));
    // Assert
    expect(first.trackingCode.replace('-', '')).not.toBe(derived);
    expect(again).toEqual(first);
    expect((await rt.store.getCase(derived))?.version).toBe(1);
  });
});
