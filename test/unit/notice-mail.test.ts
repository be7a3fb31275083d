/** The monthly notice e-mail: who gets which figures, the text in both languages, the holder ids. */
import { describe, expect, it } from 'vitest';
import {
  notificationHolderKey,
  notificationHolderOf,
} from '../../functions/adapters/dynamo/notification-store.js';
import { keys } from '../../functions/adapters/table-design.js';
import type { Notification } from '../../functions/domain/lifecycle/notifications.js';
import { renderNotification } from '../../functions/domain/lifecycle/render-notification.js';
import { seedCatalog } from '../../functions/domain/reference/catalog.js';
import type { MonthlyReport } from '../../functions/domain/reports/monthly-report.js';
import {
  noticeHolderId,
  noticeNotifications,
  noticeRunHolderId,
} from '../../functions/domain/reports/notice-mail.js';

const figures = (received: number, onTimeRate: number | null) =>
  ({ received, closed: 2, onTimeRate, satisfactionRate: 0.875, overdueOpen: 1 }) as MonthlyReport['overall'];

const report = {
  overall: figures(12, 0.9),
  offices: [
    {
      officeId: 'OFFICE_LONGSHUI',
      name: '龙水片区督导室',
      nameEn: 'Longshui',
      rank: 2,
      figures: figures(5, null),
    },
  ],
} as unknown as MonthlyReport;

describe('monthly notice e-mail', () => {
  it('gives leaders the district figures and each office its own, all linking to the version', () => {
    // Act
    const list = noticeNotifications({
      month: '2026-03',
      version: 2,
      issue: { label: '2026年第3期' },
      report,
    });
    // Assert
    expect(list.map((n) => n.to)).toEqual([{ role: 'leader' }, { office: 'OFFICE_LONGSHUI' }]);
    expect(list.every((n) => n.caseId === 'notice:2026-03:2' && n.kind === 'notice_published')).toBe(true);
    expect(list[1]?.params).toMatchObject({ officeId: 'OFFICE_LONGSHUI', rank: 2, figures: { received: 5 } });
  });

  it('renders the 期号, month in words, figures and an absolute link in both languages', () => {
    // Arrange
    const [leader, office] = noticeNotifications({
      month: '2026-03',
      version: 2,
      issue: { label: '2026年第3期' },
      report,
    });
    const opts = { catalog: seedCatalog, staffBaseUrl: 'https://duban.example.cn/' };
    // Act
    const zh = renderNotification(leader as Notification, { ...opts, locale: 'zh-CN' });
    const en = renderNotification(office as Notification, { ...opts, locale: 'en' });
    // Assert
    expect(zh).toEqual({
      subject: '月度督查通报2026年第3期已发布',
      text: '月度督查通报2026年第3期（2026年3月）已发布。全区：受理 12 件，销号 2 件，按时办结率 90.0%，满意率 87.5%，逾期未办结 1 件。查看通报：https://duban.example.cn/staff/reports/monthly/2026-03?version=2',
    });
    expect(en.text).toBe(
      'Monthly notice 2026年第3期 (March 2026) was published. Longshui area inspection office: 5 received, 2 closed, on time —, satisfied 87.5%, 1 overdue and open; ranked 2 on on-time rate. Read it: https://duban.example.cn/staff/reports/monthly/2026-03?version=2',
    );
  });

  it('maps a notice holder id to the version item and back (the delivery queue and the stream)', () => {
    const id = noticeHolderId('2026-03', 2);
    const key = notificationHolderKey(id);
    expect(key).toEqual(keys.notice('2026-03', 2));
    expect(notificationHolderOf(key.pk, key.sk)).toBe(id);
    expect(notificationHolderOf('CASE#K7MPQ3RXT9', 'CASE')).toBe('K7MPQ3RXT9');
    expect(notificationHolderKey('K7MPQ3RXT9')).toEqual(keys.case('K7MPQ3RXT9'));
  });

  it("maps a scheduled run's holder id (the draft reminder) to the run item and back", () => {
    const id = noticeRunHolderId('2026-03');
    const key = notificationHolderKey(id);
    expect(key).toEqual(keys.noticeRun('2026-03'));
    expect(notificationHolderOf(key.pk, key.sk)).toBe(id);
    expect(notificationHolderOf(key.pk, 'OTHER')).toBeUndefined();
  });
});
