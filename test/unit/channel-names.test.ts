/** Every channel code the domain knows has a name in both languages wherever channels are shown. */
import { describe, expect, it } from 'vitest';
import { channels } from '../../functions/domain/case.js';
import { channelNames } from '../../functions/domain/channel-names.js';
import type { MonthlyReport } from '../../functions/domain/reports/monthly-report.js';
import { channelLabels, noticeTables } from '../../functions/domain/reports/notice-tables.js';
import { catalogs } from '../../web/i18n/index.js';

const CJK = /[\u4e00-\u9fff]/;

describe('channel names', () => {
  it.each(channels.map((c) => [c]))('names channel %s in Chinese and in English', (code) => {
    // Arrange
    const names = channelNames[code];
    // Assert: the domain's names, the pages' catalogs (case page, dashboard) and the notice's tables.
    expect(names.name).toMatch(CJK);
    expect(names.nameEn).toMatch(/^[\x20-\x7e]+$/);
    expect(names.nameEn).not.toBe(code);
    expect(catalogs['zh-CN'].workbench.channels[code]).toBe(names.name);
    expect(catalogs.en.workbench.channels[code]).toBe(names.nameEn);
    expect(channelLabels[code]).toBe(names.name);
  });

  it('shows the new channels as 12345 热线 / 开放接口(Open311) / 举报邮箱 in the notice tables', () => {
    // Arrange: a report with one case per channel.
    const report = {
      overall: {
        receivedByChannel: Object.fromEntries(channels.map((c) => [c, 1])),
        accountabilityByMeasure: {},
      },
      // Every headline figure's change (the overview table reads them; not under test here).
      changes: new Proxy({}, { get: () => ({}) }),
      offices: [],
      categories: [],
      areas: [],
      criticized: [],
      ledger: [],
      repeatSubjects: [],
      hotCategories: [],
    } as unknown as MonthlyReport;
    // Act
    const rows = noticeTables(report).find((t) => t.key === 'channels')?.rows;
    // Assert
    expect(rows?.map((r) => r[0])).toEqual(
      expect.arrayContaining(['12345 热线', '开放接口(Open311)', '举报邮箱']),
    );
    expect(rows).toHaveLength(channels.length);
  });
});
