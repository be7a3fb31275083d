/**
 * Notifications that are never lost: stored with the change in one conditional write, delivered at
 * least once through the real SMTP path (nodemailer → embedded SMTP server → development mailbox) and
 * the SMS sink, de-duplicated, retried with backoff, dead-lettered and retried by an admin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../functions/http/logger.js';
import type { LocalChannelOptions } from '../../functions/local/local-channels.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { deliverCase, deliverDue } from '../../functions/services/notification-delivery.js';
import type { MailSender } from '../../functions/services/notification-ports.js';
import { drivenClock } from '../support/driven-clock.js';
import { dyingBeforeSettle } from '../support/dying-deliverer.js';
import { asStaff, json, login, postJson, T0, validComplaint } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof startRuntime>>;
const open: Rt[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup(channels: LocalChannelOptions = {}, dataDir?: string, time = drivenClock(T0)) {
  const rt = await startRuntime({
    clock: time.clock,
    workflowWait: time.wait,
    logger: silentLogger,
    dataDir,
    channels: { deliveryPaused: true, ...channels },
  });
  open.push(rt);
  return { rt, time };
}

async function file(rt: Rt, overrides: Record<string, unknown> = {}) {
  const receipt = await json(postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), ...overrides }));
  await rt.runner?.settle();
  return receipt as { trackingCode: string; accessCode: string };
}

const sent = (rt: Rt) => rt.channels.devMailbox.list({ limit: 500 });

describe('notification delivery', () => {
  it('a pass told to stop ends after the case in hand; the others stay due for the next start', async () => {
    // Arrange: three cases with notifications waiting.
    const { rt } = await setup();
    for (let i = 0; i < 3; i++) await file(rt);
    const deps = rt.channels.deliveryDeps;
    const now = () => rt.deps.clock.now().toISOString();
    const due = await deps.queue.dueCases(now(), 10);
    let asked = 0;
    // Act: shutdown begins while the first case is delivered.
    const report = await deliverDue(deps, { stopped: () => asked++ > 0 });
    const left = await deps.queue.dueCases(now(), 10);
    // Assert
    expect(due).toHaveLength(3);
    expect(report.delivered).toBeGreaterThan(0);
    expect(left).toHaveLength(2);
    expect(left).toEqual(expect.arrayContaining(due.slice(1)));
  });

  it('tells the citizen (e-mail and SMS) and the office (outbox and e-mail) in words, once each', async () => {
    // Arrange
    const { rt } = await setup();
    const { trackingCode } = await file(rt);

    // Act
    const report = await rt.channels.delivery.drain();
    const again = await rt.channels.delivery.drain();

    // Assert
    expect(report.delivered).toBe(3); // receipt, assignment, status change to the citizen
    expect(again.delivered).toBe(0);
    const messages = await sent(rt);
    const toCitizen = messages.filter((m) => m.to.includes('wang@example.cn'));
    const sms = messages.filter((m) => m.channel === 'sms');
    expect(toCitizen.map((m) => m.subject).sort()).toEqual(['投诉办理进度', '投诉已受理']);
    expect(sms).toHaveLength(2);
    expect(sms.every((m) => m.to === '13812345678' && m.text.startsWith('【督办】'))).toBe(true);
    const toInspector = messages.filter((m) => m.to === 'inspector-a@duban.local');
    expect(toInspector).toHaveLength(1);
    expect(toInspector[0]?.text).toContain('龙水片区督导室');
    expect(toInspector[0]?.text).toMatch(/2026年3月\d+日（星期.）/);
    expect(toInspector[0]?.text).not.toMatch(/OFFICE_|T\d\d:\d\d/);
    expect(toCitizen.some((m) => m.text.includes(trackingCode))).toBe(true);
    const outbox = await json(asStaff(rt.app, await login(rt.app, 'inspector-a'), '/api/v1/outbox'));
    expect(outbox.items).toEqual([
      expect.objectContaining({ kind: 'assignment', message: expect.stringContaining('龙水片区督导室') }),
    ]);
    expect(outbox.items[0].messageEn).toContain('Longshui');
  });

  it('staff choose per kind whether they want e-mail', async () => {
    // Arrange
    const { rt } = await setup();
    const tok = await login(rt.app, 'inspector-a');
    const put = await asStaff(rt.app, tok, '/api/v1/me/notifications', {
      method: 'PUT',
      body: JSON.stringify({ email: 'a.office@example.cn', locale: 'en', emailKinds: ['escalation'] }),
    });
    expect(put.status).toBe(200);

    // Act
    await file(rt, { anonymous: true, reporter: undefined });
    await rt.channels.delivery.drain();

    // Assert
    const settings = await json(asStaff(rt.app, tok, '/api/v1/me/notifications'));
    expect(settings).toMatchObject({
      email: 'a.office@example.cn',
      locale: 'en',
      emailKinds: ['escalation'],
    });
    expect((await sent(rt)).filter((m) => m.channel === 'email')).toHaveLength(0); // assignment not wanted
    const bad = await asStaff(rt.app, tok, '/api/v1/me/notifications', {
      method: 'PUT',
      body: JSON.stringify({ email: 'not-an-address', locale: 'fr', emailKinds: ['nope'] }),
    });
    expect(bad.status).toBe(400);
    const fields = (await json(bad)).error.fields.map((f: { path: string }) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['email', 'locale']));
  });

  it('a crash between the change and its delivery loses nothing and sends nothing twice', async () => {
    // Arrange: the change is written, then the process "dies" before any delivery ran.
    const dataDir = mkdtempSync(join(tmpdir(), 'duban-notify-'));
    dirs.push(dataDir);
    const time = drivenClock(T0);
    const first = await setup({}, dataDir, time);
    await file(first.rt, { reporter: { name: '王小明', email: 'wang@example.cn' } });
    expect(await sent(first.rt)).toHaveLength(0);
    await first.rt.close();
    open.splice(open.indexOf(first.rt), 1);

    // Act: restart; deliver; then a second deliverer finds nothing left.
    const { rt } = await setup({}, dataDir, time);
    await rt.runner?.settle();
    const delivered = await rt.channels.delivery.drain();
    await rt.channels.delivery.drain();

    // Assert
    expect(delivered.delivered).toBe(3);
    const messages = await sent(rt);
    const keys = messages.map((m) => m.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(messages.filter((m) => m.to === 'wang@example.cn')).toHaveLength(2);
    expect(messages.filter((m) => m.to === 'inspector-a@duban.local')).toHaveLength(1);
  });

  it('a crash after sending and before settling does not send again', async () => {
    // Arrange: the deliverer sends and records the delivery, then dies before removing it from the case.
    const { rt, time } = await setup();
    const { trackingCode } = await file(rt, { anonymous: true, reporter: undefined });
    const caseId = trackingCode.replace('-', '');
    const deps = rt.channels.deliveryDeps;
    await expect(deliverCase(dyingBeforeSettle(deps), caseId)).rejects.toThrow('process killed');
    expect(await deps.queue.pending(caseId)).toHaveLength(1);

    // Act: the lease of the dead deliverer expires; the next pass finds the delivery record.
    time.advanceTo(new Date(T0.getTime() + 10 * 60_000));
    await rt.channels.delivery.drain();

    // Assert
    expect(await deps.queue.pending(caseId)).toHaveLength(0);
    expect((await sent(rt)).filter((m) => m.to === 'inspector-a@duban.local')).toHaveLength(1);
  });

  it('retries with backoff, dead-letters after the last attempt, and an admin retries it', async () => {
    // Arrange: the mail server refuses everything for a while.
    let failing = true;
    const outgoing: string[] = [];
    const mail: MailSender = {
      async send(m) {
        if (failing) throw Object.assign(new Error(`refused for ${m.to}`), { name: 'MailRefused' });
        outgoing.push(m.dedupeKey);
      },
    };
    const { rt, time } = await setup({ mail, deliveryRetry: { maxAttempts: 3, baseDelayMs: 60_000 } });
    await file(rt, { anonymous: true, reporter: undefined });

    // Act + Assert: attempt 1 now, attempt 2 after 1 minute, attempt 3 after 2 more → dead letter.
    expect((await rt.channels.delivery.drain()).retrying).toBe(1);
    time.advanceTo(new Date(T0.getTime() + 30_000));
    expect((await rt.channels.delivery.drain()).retrying).toBe(0); // not due yet
    time.advanceTo(new Date(T0.getTime() + 60_000));
    expect((await rt.channels.delivery.drain()).retrying).toBe(1);
    time.advanceTo(new Date(T0.getTime() + 180_000));
    expect((await rt.channels.delivery.drain()).deadLettered).toBe(1);

    const admin = await login(rt.app, 'admin');
    const letters = await json(asStaff(rt.app, admin, '/api/v1/admin/notifications/dead-letters'));
    expect(letters.items).toEqual([
      expect.objectContaining({ kind: 'assignment', attempts: 3, lastError: 'MailRefused' }),
    ]);
    expect(JSON.stringify(letters)).not.toContain('refused for');
    const forbidden = await asStaff(
      rt.app,
      await login(rt.app, 'dispatcher'),
      '/api/v1/admin/notifications/dead-letters',
    );
    expect(forbidden.status).toBe(403);

    failing = false;
    const retried = await asStaff(
      rt.app,
      admin,
      `/api/v1/admin/notifications/dead-letters/${letters.items[0].id}/retry`,
      {
        method: 'POST',
      },
    );
    expect(retried.status).toBe(200);
    expect((await rt.channels.delivery.drain()).delivered).toBe(1);
    expect(outgoing).toHaveLength(1);
    expect((await json(asStaff(rt.app, admin, '/api/v1/admin/notifications/dead-letters'))).items).toEqual(
      [],
    );
    const missing = await asStaff(rt.app, admin, '/api/v1/admin/notifications/dead-letters/NOPE.1.0/retry', {
      method: 'POST',
    });
    expect(missing.status).toBe(404);
  });

  it('the development mailbox shows staff what was sent, SMS included', async () => {
    // Arrange
    const { rt } = await setup();
    await file(rt);
    await rt.channels.delivery.drain();

    // Act
    const res = await asStaff(rt.app, await login(rt.app, 'operator'), '/api/v1/dev/mailbox');
    const anonymous = await rt.app.request('/api/v1/dev/mailbox');

    // Assert
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.items.map((m: { channel: string }) => m.channel).sort()).toEqual([
      'email',
      'email',
      'email',
      'sms',
      'sms',
    ]);
    expect(anonymous.status).toBe(401);
  });
});
