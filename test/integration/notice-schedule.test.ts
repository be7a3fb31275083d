/**
 * The scheduled monthly notice job in the embedded runtime: due on the 1st at 08:00 Asia/Shanghai,
 * drafts last month, notifies the leaders once; the runtime's scheduler follows its (sped-up) clock.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../functions/adapters/clock.js';
import { silentLogger } from '../../functions/http/logger.js';
import { reportDeps } from '../../functions/http/reports-api.js';
import { startNoticeScheduler } from '../../functions/local/notice-scheduler.js';
import {
  nextScheduledRun,
  runScheduledNotice,
  scheduledRunOf,
} from '../../functions/services/reports/scheduled-notice.js';
import { asStaff, json, login, testRuntime } from '../support/runtime.js';
import { countStoreCalls } from '../support/store-calls.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(async () => {
  await rt.close();
});

describe('schedule arithmetic', () => {
  it('runs on the 1st at 08:00 Shanghai and drafts the month before', () => {
    expect(scheduledRunOf(new Date('2026-04-15T00:00:00Z'))).toEqual({
      at: '2026-04-01T00:00:00.000Z',
      month: '2026-03',
    });
    expect(scheduledRunOf(new Date('2026-01-01T01:00:00Z')).month).toBe('2025-12');
    expect(nextScheduledRun(new Date('2026-03-31T23:59:00Z'))).toBe('2026-04-01T00:00:00.000Z');
    expect(nextScheduledRun(new Date('2026-04-01T00:00:01Z'))).toBe('2026-05-01T00:00:00.000Z');
  });
});

describe('the job in the embedded runtime', () => {
  it('before 08:00 on the 1st nothing runs; after it, leaders are told once, in the outbox and by e-mail', async () => {
    // Arrange
    const deps = reportDeps(rt.deps);
    const leader = await login(rt.app, 'leader');
    const leaderAddress = (await rt.channels.profiles.get('leader'))?.email;
    // Act
    rt.clock.set(new Date('2026-03-31T23:30:00Z')); // 07:30 on 04-01 in Shanghai
    const early = await runScheduledNotice(deps);
    rt.clock.set(new Date('2026-04-01T00:30:00Z'));
    const first = await runScheduledNotice(deps);
    const calls = countStoreCalls(rt.storeClient);
    const again = await runScheduledNotice(deps);
    calls.stop();
    // The reminder was stored by the claim itself: it is pending on the run before any delivery.
    const pendingBefore = await rt.channels.deliveryDeps.queue.dueCases(rt.clock.now().toISOString(), 50);
    await rt.channels.delivery.drain();
    const outbox = await json(asStaff(rt.app, leader, '/api/v1/outbox'));
    const mails = (await rt.channels.devMailbox.list({ limit: 500 })).filter((m) => m.to === leaderAddress);
    // Assert
    expect(early.ran).toBe(false);
    expect(first).toEqual(expect.objectContaining({ ran: true }));
    expect(first.ran && first.draft.month).toBe('2026-03');
    expect(again.ran).toBe(false);
    expect(calls.byCommand()).toEqual({ GetItemCommand: 1 }); // a claimed month is not drafted again
    expect(pendingBefore).toContain('noticerun:2026-03');
    const notices = outbox.items.filter((i: { kind: string }) => i.kind === 'monthly_notice');
    expect(notices).toEqual([
      expect.objectContaining({ caseId: 'noticerun:2026-03', at: '2026-04-01T00:00:00.000Z' }),
    ]);
    expect(notices[0].message).toContain('2026-03 月度督查通报草稿已生成');
    expect(leaderAddress).toBeTruthy();
    const reminders = mails.filter((m) => m.text.includes('2026-03 月度督查通报草稿已生成'));
    expect(reminders).toHaveLength(1);
  });

  it('the runtime scheduler wakes on its clock (a day a second, like CLOCK_SPEED=86400)', async () => {
    // Arrange: a clock one domain hour before the May run, at 86400× real time.
    const manual = manualClock(new Date('2026-04-30T23:00:00Z'));
    const clock = { now: manual.now, realSecondsFor: (ms: number) => ms / 1000 / 86400 };
    const calls: boolean[] = [];
    let done: () => void = () => {};
    const ranOnce = new Promise<void>((resolve) => {
      done = resolve;
    });
    // Act
    const scheduler = startNoticeScheduler({
      clock,
      logger: silentLogger,
      job: async () => {
        const ran = clock.now().toISOString() >= '2026-05-01T00:00:00.000Z';
        calls.push(ran);
        if (ran) done();
        return { ran };
      },
    });
    manual.set(new Date('2026-05-01T00:00:01Z')); // the hour passes (≈ 42 ms of real time)
    await ranOnce;
    scheduler.stop();
    // Assert: the catch-up tick at start found nothing due; the timer's tick ran the job.
    expect(calls[0]).toBe(false);
    expect(calls.at(-1)).toBe(true);
  });
});
