/**
 * Store round trips per delivered notification (issue 10), counted on the runtime's DynamoDB client
 * while the real deliverer runs on dynalite, and the guarantees the fewer calls must keep: the lease
 * (one deliverer per case), one de-duplication record per send, nothing sent twice after a crash or
 * after an admin retries a dead letter that had partly got through.
 *
 * A pass over a case is: the lease claim (which returns the pending list and the reporter's sealed
 * contact), one write per send (its delivery record), the staff outbox write, the settle. Delivery
 * records are read only for notifications that may have been sent before (a failed attempt, a dead
 * letter retried, a pass that stopped without settling) — then in one batch per case.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../functions/http/logger.js';
import type { LocalChannelOptions } from '../../functions/local/local-channels.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { deliverCase } from '../../functions/services/notification-delivery.js';
import type { SmsSender } from '../../functions/services/notification-ports.js';
import { drivenClock } from '../support/driven-clock.js';
import { dyingBeforeSettle } from '../support/dying-deliverer.js';
import { asStaff, json, login, postJson, T0, validComplaint } from '../support/runtime.js';
import { countStoreCalls } from '../support/store-calls.js';

type Rt = Awaited<ReturnType<typeof startRuntime>>;
const open: Rt[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

async function setup(channels: LocalChannelOptions = {}) {
  const time = drivenClock(T0);
  const rt = await startRuntime({
    clock: time.clock,
    workflowWait: time.wait,
    logger: silentLogger,
    channels: { deliveryPaused: true, ...channels },
  });
  open.push(rt);
  await rt.runner?.settle();
  return { rt, time };
}

async function file(rt: Rt, overrides: Record<string, unknown> = {}): Promise<string> {
  const receipt = await json(postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), ...overrides }));
  await rt.runner?.settle();
  return String(receipt.trackingCode).replace('-', '');
}

/** Counts store calls during `act`, leaving out the wake scheduler's sweeps (they follow the clock). */
async function counted(rt: Rt, act: () => Promise<unknown>) {
  const calls = countStoreCalls(rt.storeClient);
  await act();
  calls.stop();
  return Object.fromEntries(Object.entries(calls.byCommand()).filter(([name]) => !name.endsWith(' byWake')));
}

const sent = (rt: Rt) => rt.channels.devMailbox.list({ limit: 500 });
const inMinutes = (m: number) => new Date(T0.getTime() + m * 60_000);

describe('store round trips per delivered notification', () => {
  it('a pass reads nothing but its lease: one write per send, the outbox, the settle', async () => {
    // Arrange: a named complaint (e-mail and phone) → receipt, assignment to the office, status change.
    const { rt } = await setup();
    await file(rt);

    // Act
    let report = { delivered: 0 };
    const calls = await counted(rt, async () => {
      report = await rt.channels.delivery.drain();
    });

    // Assert: 3 notifications, 5 sends (citizen e-mail + SMS twice, the inspector's e-mail).
    expect(report.delivered).toBe(3);
    expect(await sent(rt)).toHaveLength(5);
    expect(calls).toEqual({
      'QueryCommand byPendingNotification': 2, // the pass, and the one that finds nothing left
      UpdateItemCommand: 2, // lease claim (returns the list and the sealed contact) + settle
      'QueryCommand byStatus': 1, // the office's staff profiles
      PutItemCommand: 6, // 5 delivery records (one per send) + 1 staff outbox message
    });
  }, 60_000);

  it('staff profiles are read once per office for a burst, and a saved change applies at once', async () => {
    // Arrange: two cases for the same office.
    const { rt } = await setup();
    await file(rt, { anonymous: true, reporter: undefined });
    await file(rt, { anonymous: true, reporter: undefined });

    // Act
    const burst = await counted(rt, () => rt.channels.delivery.drain());
    const tok = await login(rt.app, 'inspector-a');
    const put = await asStaff(rt.app, tok, '/api/v1/me/notifications', {
      method: 'PUT',
      body: JSON.stringify({ email: 'inspector-a@duban.local', locale: 'zh-CN', emailKinds: ['escalation'] }),
    });
    await file(rt, { anonymous: true, reporter: undefined });
    const after = await counted(rt, () => rt.channels.delivery.drain());

    // Assert
    expect(put.status).toBe(200);
    expect(burst['QueryCommand byStatus']).toBe(1);
    expect(after['QueryCommand byStatus']).toBe(1); // the save dropped the cached group
    const toInspector = (await sent(rt)).filter((m) => m.to === 'inspector-a@duban.local');
    expect(toInspector).toHaveLength(2); // the third assignment is no longer wanted by e-mail
  }, 60_000);

  it('after a deliverer died before settling, the next reads the records in one batch and sends nothing twice', async () => {
    // Arrange: the first deliverer sends and records everything, then dies before settling.
    const { rt, time } = await setup();
    const caseId = await file(rt);
    const deps = rt.channels.deliveryDeps;
    await expect(deliverCase(dyingBeforeSettle(deps), caseId)).rejects.toThrow('process killed');
    const before = (await sent(rt)).length;

    // Act: its lease expires; the next pass finds it left behind and reads the delivery records.
    time.advanceTo(inMinutes(10));
    let report = { delivered: 0 };
    const calls = await counted(rt, async () => {
      report = await rt.channels.delivery.drain();
    });

    // Assert
    expect(before).toBe(5);
    expect(report.delivered).toBe(3);
    expect(await sent(rt)).toHaveLength(5);
    expect(await deps.queue.pending(caseId)).toEqual([]);
    expect(calls).toEqual({
      'QueryCommand byPendingNotification': 2,
      UpdateItemCommand: 2,
      BatchGetItemCommand: 1, // the 5 delivery records of the case's 3 notifications, together
      PutItemCommand: 1, // the staff outbox message again (idempotent key), no delivery record
    });
  }, 60_000);

  it('an admin retry of a dead letter that partly got through sends only what did not', async () => {
    // Arrange: SMS fails (after the citizen's e-mail went out) until the notifications dead-letter.
    let smsFailing = true;
    const texts: string[] = [];
    const sms: SmsSender = {
      async send(m) {
        if (smsFailing) throw Object.assign(new Error('gateway down'), { name: 'SmsRefused' });
        texts.push(m.dedupeKey);
      },
    };
    const { rt } = await setup({ sms, deliveryRetry: { maxAttempts: 1 } });
    await file(rt);
    const first = await rt.channels.delivery.drain();
    const admin = await login(rt.app, 'admin');
    const letters = await json(asStaff(rt.app, admin, '/api/v1/admin/notifications/dead-letters'));

    // Act
    smsFailing = false;
    for (const letter of letters.items) {
      const res = await asStaff(
        rt.app,
        admin,
        `/api/v1/admin/notifications/dead-letters/${letter.id}/retry`,
        { method: 'POST' },
      );
      expect(res.status).toBe(200);
    }
    const retried = await rt.channels.delivery.drain();

    // Assert: the two citizen notifications dead-lettered; each e-mail went out once, each SMS once.
    expect(first).toEqual({ delivered: 1, retrying: 0, deadLettered: 2 });
    expect(retried.delivered).toBe(2);
    const emails = (await sent(rt)).filter((m) => m.to === 'wang@example.cn');
    expect(emails).toHaveLength(2);
    expect(new Set(emails.map((m) => m.dedupeKey)).size).toBe(2);
    expect(texts).toHaveLength(2);
    expect(texts.every((k) => k.endsWith('.sms.citizen'))).toBe(true);
  }, 60_000);

  it('a lease held by another deliverer keeps the case from a second one, and one that outlived its lease settles nothing', async () => {
    // Arrange
    const { rt, time } = await setup();
    const caseId = await file(rt, { anonymous: true, reporter: undefined });
    const { queue } = rt.channels.deliveryDeps;
    const a = await queue.claim(caseId, T0.toISOString(), inMinutes(5).toISOString());

    // Act
    const whileHeld = await deliverCase(rt.channels.deliveryDeps, caseId);
    const b = await queue.claim(caseId, inMinutes(6).toISOString(), inMinutes(11).toISOString());
    const lateSettle = await queue.settle(caseId, inMinutes(5).toISOString(), a?.pending.length ?? 0, []);
    const left = await queue.pending(caseId);
    time.advanceTo(inMinutes(12));
    const afterB = await rt.channels.delivery.drain();

    // Assert
    expect(a).toMatchObject({ interrupted: false, anonymous: true });
    expect(a?.pending.map((n) => n.kind)).toEqual(['assignment']);
    expect(whileHeld).toEqual({ delivered: 0, retrying: 0, deadLettered: 0 });
    expect(b?.interrupted).toBe(true);
    expect(lateSettle).toEqual({ outcome: 'lost' });
    expect(left).toHaveLength(1); // the late settle removed nothing
    expect(afterB.delivered).toBe(1);
    expect((await sent(rt)).filter((m) => m.to === 'inspector-a@duban.local')).toHaveLength(1);
  }, 60_000);

  it('a published notice is claimed without its body: the list and the old lease come back, nothing else', async () => {
    // Arrange: a notice published through the API, its notifications held on the notice item.
    const { rt } = await setup();
    await file(rt, { anonymous: true, reporter: undefined });
    await rt.channels.delivery.drain();
    const dispatcher = await login(rt.app, 'dispatcher');
    const published = await asStaff(rt.app, dispatcher, '/api/v1/reports/monthly/2026-03/publish', {
      method: 'POST',
      body: JSON.stringify({}),
    });
    const returned: string[][] = [];
    rt.storeClient.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === 'UpdateItemCommand') {
          returned.push(Object.keys((out.output as { Attributes?: object }).Attributes ?? {}).sort());
        }
        return out;
      },
      { step: 'initialize', name: 'testReturnedAttributes' },
    );

    // Act
    let report = { delivered: 0 };
    const calls = await counted(rt, async () => {
      report = await rt.channels.delivery.drain();
    });
    rt.storeClient.middlewareStack.remove('testReturnedAttributes');

    // Assert
    expect(published.status).toBe(201);
    expect(report.delivered).toBeGreaterThanOrEqual(2);
    expect(returned[0]).toEqual(['pendingNotifications']); // the claim: no body, no lease left behind
    expect(calls).not.toHaveProperty('GetItemCommand');
    expect(calls).not.toHaveProperty('BatchGetItemCommand');
    expect(calls.UpdateItemCommand).toBe(2);
  }, 60_000);
});
