/**
 * A flood is refused before memory runs out: intake answers 503 OVERLOADED with Retry-After (nothing
 * stored) while the workflow backlog or the heap is past its limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAdmission } from '../../functions/local/admission.js';
import { json, postJson, testRuntime, validComplaint } from '../support/runtime.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

describe('intake admission control', () => {
  it('answers 503 OVERLOADED with Retry-After while the heap is past its limit, and stores nothing', async () => {
    // Arrange: a limit the heap is always past.
    const rt = await testRuntime({ maxHeapFraction: 1e-6 });
    open.push(rt);
    // Act
    const res = await postJson(rt.app, '/api/v1/complaints', validComplaint(), {
      'Idempotency-Key': 'flood-0001',
    });
    const body = await json(res);
    // Assert
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(body.error.code).toBe('OVERLOADED');
    expect(rt.runner?.backlog()).toBe(0);
    expect((await rt.sweepWakeIndex(new Date('2030-01-01T00:00:00Z'), 10)).due).toEqual([]);
  });

  it('admits again once the backlog is below its limit', () => {
    // Arrange
    let backlog = 5;
    const admission = createAdmission({
      backlog: () => backlog,
      maxBacklog: 5,
      heap: () => ({ used: 1, limit: 100 }),
    });
    // Act
    const full = admission.check();
    backlog = 4;
    const drained = admission.check();
    // Assert
    expect(full).toEqual({ admitted: false, reason: 'backlog', retryAfterSeconds: 30 });
    expect(drained).toEqual({ admitted: true });
  });
});
