/**
 * Store round trips per complaint (issue 10): counted on the runtime's DynamoDB client by an SDK
 * middleware while complaints go through the real app and the real state machine on dynalite. An
 * intake with an Idempotency-Key is one conditional put (case + claim together); its workflow's
 * Route is one conditional update (the case comes in the execution input, and Route answers for
 * Check, so nothing is read back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAKE_BUCKETS } from '../../functions/adapters/table-design.js';
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { json, postJson, testRuntime, validComplaint } from '../support/runtime.js';
import { countStoreCalls } from '../support/store-calls.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
let rt: Rt;

beforeAll(async () => {
  rt = await testRuntime({
    channels: { deliveryPaused: true },
    // The scheduler sweeps once at start, then only when told: no timed sweep lands in the count.
    workflowWait: (_until, signal) => new Promise<void>((r) => signal.addEventListener('abort', () => r())),
  });
  await rt.runner?.settle();
}, 120_000);
afterAll(async () => {
  await rt?.close();
});

describe('store round trips per complaint', () => {
  it('an intake with an Idempotency-Key and its routing cost one put and one update, nothing read', async () => {
    // Arrange
    const calls = countStoreCalls(rt.storeClient);
    const complaints = [validComplaint(), { ...validComplaint(), anonymous: true, reporter: undefined }];
    // Act
    const receipts = [];
    for (const [i, body] of complaints.entries()) {
      receipts.push(
        await json(postJson(rt.app, '/api/v1/complaints', body, { 'idempotency-key': `trips-${i}-0001` })),
      );
      await rt.runner?.settle();
    }
    calls.stop();
    const stored = await Promise.all(receipts.map((r) => rt.store.getCase(r.trackingCode.replace('-', ''))));
    // Assert
    expect(calls.byCommand()).toEqual({ PutItemCommand: 2, UpdateItemCommand: 2 });
    expect(stored.map((c) => c?.status)).toEqual(['assigned', 'assigned']);
    expect(stored.map((c) => c?.officeId)).toEqual(['OFFICE_LONGSHUI', 'OFFICE_LONGSHUI']);
  }, 120_000);

  it('a retry with the same key reads the stored case back once and writes nothing new', async () => {
    // Arrange
    const first = await json(
      postJson(rt.app, '/api/v1/complaints', validComplaint(), { 'idempotency-key': 'trips-retry-0001' }),
    );
    await rt.runner?.settle();
    const calls = countStoreCalls(rt.storeClient);
    // Act
    const again = await json(
      postJson(rt.app, '/api/v1/complaints', validComplaint(), { 'idempotency-key': 'trips-retry-0001' }),
    );
    await rt.runner?.settle();
    calls.stop();
    // Assert: the refused put, the read back; the restarted execution finds the case routed (one read).
    expect(again).toEqual({ ...first, status: 'assigned' });
    expect(calls.byCommand()).toEqual({ GetItemCommand: 2, PutItemCommand: 1 });
  }, 120_000);
});

describe('the wake scheduler under intake (real clock, as npm start runs it)', () => {
  it('routing new complaints does not wake the scheduler: at most its once-a-second sweep', async () => {
    // Arrange: Route's Check waits at most 7 days, but a new case's entry in the wake index is its
    // deadline; nudging the scheduler with the capped time made one sweep per complaint or so.
    const own = await startRuntime({
      logger: silentLogger,
      intakeRateLimit: 0,
      channels: { deliveryPaused: true },
    });
    try {
      await own.runner?.settle();
      const calls = countStoreCalls(own.storeClient);
      const started = performance.now();
      // Act
      for (let i = 0; i < 20; i++) {
        await postJson(own.app, '/api/v1/complaints', validComplaint(), {
          'idempotency-key': `sweep-${i}-0001`,
        });
        await own.runner?.settle();
      }
      const seconds = (performance.now() - started) / 1000;
      calls.stop();
      // Assert: each sweep queries every bucket for due entries and, where none are left, for the next.
      const sweepQueries = calls.total((name) => !name.endsWith(' byWake'));
      expect(sweepQueries).toBeLessThanOrEqual(2 * WAKE_BUCKETS * (Math.ceil(seconds) + 1));
      expect(own.runner?.executions().filter((e) => e.status === 'sleeping')).toHaveLength(20);
    } finally {
      await own.close();
    }
  }, 120_000);
});
