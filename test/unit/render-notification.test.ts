import { describe, expect, it } from 'vitest';
import type { Notification } from '../../functions/domain/lifecycle/notifications.js';
import { dateInWords, renderNotification } from '../../functions/domain/lifecycle/render-notification.js';
import { seedCatalog } from '../../functions/domain/reference/catalog.js';

const extension: Notification = {
  kind: 'extension_request',
  to: { role: 'dispatcher' },
  caseId: 'K7MPQ3RXT9',
  message: 'OFFICE_LONGSHUI 申请延期 5 个工作日',
  messageEn: 'OFFICE_LONGSHUI asks for 5 more working days',
  params: { officeId: 'OFFICE_LONGSHUI', days: 5 },
};

describe('notification texts', () => {
  it('names the office from the catalog in the reader language', () => {
    // Act
    const zh = renderNotification(extension, { catalog: seedCatalog, locale: 'zh-CN' });
    const en = renderNotification(extension, { catalog: seedCatalog, locale: 'en' });

    // Assert
    expect(zh.text).toBe('龙水片区督导室申请将案件 K7MPQ-3RXT9 延期 5 个工作日，请审批。');
    expect(en.text).toContain('Longshui');
    expect(en.text).not.toContain('OFFICE_');
  });

  it('writes deadlines as dates in words in Asia/Shanghai', () => {
    // Act + Assert: 15:59:59.999Z is the last moment of 28 December in Shanghai.
    expect(dateInWords('2026-12-28T15:59:59.999Z', 'zh-CN')).toBe('2026年12月28日（星期一）');
    expect(dateInWords('2026-12-28T15:59:59.999Z', 'en')).toBe('Monday 28 December 2026');
    const approved = renderNotification(
      {
        ...extension,
        kind: 'extension_decision',
        params: { approved: true, due: '2026-12-28T15:59:59.999Z' },
      },
      { catalog: seedCatalog, locale: 'zh-CN' },
    );
    expect(approved.text).toBe('案件 K7MPQ-3RXT9 延期已批准，新期限为2026年12月28日（星期一）。');
  });
});
