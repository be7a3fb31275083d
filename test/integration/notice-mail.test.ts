/**
 * A published monthly notice is e-mailed: through the real publish route and the delivery service into
 * the embedded SMTP server (development mailbox) — leaders get the district's figures, inspectors their
 * office's, each with the 期号, the month and a link; per-kind preferences honoured; nothing sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { drivenClock } from '../support/driven-clock.js';
import { asStaff, json, login, postJson, T0, validComplaint } from '../support/runtime.js';

let rt: Awaited<ReturnType<typeof startRuntime>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const time = drivenClock(T0);
  rt = await startRuntime({
    clock: time.clock,
    workflowWait: time.wait,
    logger: silentLogger,
    channels: { deliveryPaused: true },
  });
  for (const u of ['dispatcher', 'leader', 'inspector-a', 'inspector-b']) tokens[u] = await login(rt.app, u);
  await postJson(rt.app, '/api/v1/complaints', validComplaint());
  await rt.runner?.settle();
  await rt.channels.delivery.drain(); // the complaint's own notifications
}, 60_000);
afterAll(async () => {
  await rt.close();
});

const mailsTo = async (address: string) =>
  (await rt.channels.devMailbox.list({ limit: 500 })).filter((m) => m.to === address);

describe('monthly notice e-mail', () => {
  it('e-mails leaders and each office on publish, with the 期号, month, figures and link, once', async () => {
    // Arrange: inspector-a reads English; inspector-b wants no notice e-mails.
    const english = await asStaff(rt.app, tokens['inspector-a'] as string, '/api/v1/me/notifications', {
      method: 'PUT',
      body: JSON.stringify({ email: 'a.office@example.cn', locale: 'en', emailKinds: ['notice_published'] }),
    });
    expect(english.status).toBe(200);
    const optOut = await asStaff(rt.app, tokens['inspector-b'] as string, '/api/v1/me/notifications', {
      method: 'PUT',
      body: JSON.stringify({ email: 'b.office@example.cn', locale: 'zh-CN', emailKinds: ['assignment'] }),
    });
    expect(optOut.status).toBe(200);

    // Act: publish through the API, then deliver (twice: the second pass must send nothing).
    const published = await asStaff(
      rt.app,
      tokens.dispatcher as string,
      '/api/v1/reports/monthly/2026-03/publish',
      {
        method: 'POST',
        body: JSON.stringify({}),
      },
    );
    const first = await rt.channels.delivery.drain();
    const second = await rt.channels.delivery.drain();

    // Assert
    expect(published.status).toBe(201);
    expect(first.delivered).toBeGreaterThanOrEqual(2);
    expect(second.delivered).toBe(0);
    const [toLeader] = await mailsTo('leader@duban.local');
    expect(await mailsTo('leader@duban.local')).toHaveLength(1);
    expect(toLeader?.subject).toBe('月度督查通报2026年第1期已发布');
    expect(toLeader?.text).toContain('2026年3月');
    expect(toLeader?.text).toContain('全区：受理 1 件');
    expect(toLeader?.text).toContain('/staff/reports/monthly/2026-03?version=1');
    const [toInspector] = await mailsTo('a.office@example.cn');
    expect(toInspector?.subject).toBe('Monthly notice 2026年第1期 published');
    expect(toInspector?.text).toContain('(March 2026)');
    expect(toInspector?.text).toMatch(/Longshui[^:]*: 1 received/);
    expect(toInspector?.text).toContain('/staff/reports/monthly/2026-03?version=1');
    expect(await mailsTo('b.office@example.cn')).toHaveLength(0);
    const outbox = await json(asStaff(rt.app, tokens.leader as string, '/api/v1/outbox'));
    expect(outbox.items.filter((m: { kind: string }) => m.kind === 'notice_published')).toHaveLength(1);
  });
});
