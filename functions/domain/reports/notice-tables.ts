/**
 * The notice as tables (附件 统计表): one per section, Chinese headers, typed columns. The xlsx and
 * CSV exports and the page's annex all render these, so they cannot disagree with each other or
 * with the JSON.
 */
import { channels } from '../case.js';
import { channelNamesIn } from '../channel-names.js';
import { formatTrackingCode } from '../tracking-code.js';
import type { Figures } from './figures.js';
import { type HeadlineFigure, headlineFigures, type MonthlyReport } from './monthly-report.js';

export type ColumnKind = 'text' | 'int' | 'decimal' | 'rate';
export type Cell = string | number | null;
export interface NoticeTable {
  readonly key: string;
  readonly title: string;
  readonly columns: readonly { readonly header: string; readonly kind: ColumnKind }[];
  readonly rows: readonly (readonly Cell[])[];
  /** Number kind per row, overriding the columns' for every non-text cell (the overview mixes counts and rates). */
  readonly rowKinds?: readonly ColumnKind[];
}

/** The kind a cell renders as. */
export function cellKind(t: NoticeTable, row: number, col: number): ColumnKind {
  const kind = t.columns[col]?.kind ?? 'text';
  return kind === 'text' ? kind : (t.rowKinds?.[row] ?? kind);
}

export const figureLabels: Record<HeadlineFigure, string> = {
  received: '受理',
  assigned: '分派',
  closed: '销号',
  closedOnTime: '按时办结',
  closedLate: '超期办结',
  dueInMonth: '应办结',
  onTimeRate: '按时办结率',
  closureRate: '办结率',
  openAtMonthEnd: '月末未办结',
  overdueOpen: '逾期未办结',
  urged: '催办',
  supervised: '督办',
  accountability: '问责',
  returned: '退回',
  extensionsGranted: '延期',
  reopened: '不满意重办',
  satisfactionRate: '满意率',
  ratedRate: '回访率',
  substantiatedRate: '属实率',
  meanWorkingDaysToClose: '平均办理工作日',
  p90WorkingDaysToClose: '90%办理工作日',
};
const RATE_FIGURES = new Set<HeadlineFigure>([
  'onTimeRate',
  'closureRate',
  'satisfactionRate',
  'ratedRate',
  'substantiatedRate',
]);
const DECIMAL_FIGURES = new Set<HeadlineFigure>(['meanWorkingDaysToClose', 'p90WorkingDaysToClose']);
const kindOf = (k: HeadlineFigure): ColumnKind =>
  RATE_FIGURES.has(k) ? 'rate' : DECIMAL_FIGURES.has(k) ? 'decimal' : 'int';

/** Channel names in the notice (a Chinese document) and its exports. */
export const channelLabels: Record<string, string> = channelNamesIn('zh-CN');
export const measureLabels: Record<string, string> = {
  opened: '启动问责（待定措施）',
  interview: '约谈',
  public_criticism: '通报批评',
  rectification: '责令整改',
  disqualify_awards: '取消评优',
  other: '其他',
};
export const escalationLabels = ['未升级', '催办', '督办', '问责'];
export const statusLabels: Record<string, string> = {
  submitted: '已受理',
  assigned: '已分派',
  in_progress: '办理中',
  pending_review: '待复核',
  returned: '已退回',
};

/** Columns of the per-unit tables (office, category, area). */
const unitColumns = headlineFigures.map((k) => ({ header: figureLabels[k], kind: kindOf(k) }));
const unitCells = (f: Figures): Cell[] => headlineFigures.map((k) => f[k] as number | null);

/** A table of named units (categories, areas), one row of headline figures each. */
const unitTable = (
  key: string,
  title: string,
  unitHeader: string,
  units: readonly { name: string; figures: Figures }[],
): NoticeTable => ({
  key,
  title,
  columns: [{ header: unitHeader, kind: 'text' }, ...unitColumns],
  rows: units.map((u) => [u.name, ...unitCells(u.figures)]),
});

/** A two-column table of labelled counts (channels, accountability measures). */
const countTable = (
  key: string,
  title: string,
  labelHeader: string,
  counts: readonly (readonly [string, number])[],
): NoticeTable => ({
  key,
  title,
  columns: [
    { header: labelHeader, kind: 'text' },
    { header: '件数', kind: 'int' },
  ],
  rows: counts,
});
/** A Shanghai date (YYYY-MM-DD) of an ISO instant. */
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

export function noticeTables(r: MonthlyReport): NoticeTable[] {
  return [
    {
      key: 'overview',
      title: '基本情况',
      columns: [
        { header: '指标', kind: 'text' },
        { header: '本月', kind: 'decimal' },
        { header: '上月', kind: 'decimal' },
        { header: '增减', kind: 'decimal' },
      ],
      rowKinds: headlineFigures.map(kindOf),
      rows: headlineFigures.map((k) => [
        figureLabels[k],
        r.changes[k].current,
        r.changes[k].previous,
        r.changes[k].change,
      ]),
    },
    {
      key: 'offices',
      title: '办理情况（按单位）',
      columns: [{ header: '排名', kind: 'int' }, { header: '单位', kind: 'text' }, ...unitColumns],
      rows: r.offices.map((o) => [o.rank, o.name, ...unitCells(o.figures)]),
    },
    unitTable('categories', '分类统计', '类别', r.categories),
    unitTable('areas', '分区统计', '镇街', r.areas),
    countTable(
      'channels',
      '受理渠道',
      '渠道',
      channels.map((c) => [channelLabels[c] ?? c, r.overall.receivedByChannel[c]] as const),
    ),
    {
      key: 'followUp',
      title: '回访情况',
      columns: [
        { header: '单位', kind: 'text' },
        { header: '销号', kind: 'int' },
        { header: '回访', kind: 'int' },
        { header: '满意', kind: 'int' },
        { header: '基本满意', kind: 'int' },
        { header: '不满意', kind: 'int' },
        { header: '满意率', kind: 'rate' },
        { header: '回访率', kind: 'rate' },
      ],
      rows: [...r.offices.map((o) => ({ name: o.name, f: o.figures })), { name: '合计', f: r.overall }].map(
        ({ name, f }) => [
          name,
          f.closed,
          f.rated,
          f.satisfied,
          f.basicallySatisfied,
          f.unsatisfied,
          f.satisfactionRate,
          f.ratedRate,
        ],
      ),
    },
    countTable(
      'accountability',
      '问责情况',
      '问责措施',
      Object.entries(r.overall.accountabilityByMeasure).map(([m, n]) => [measureLabels[m] ?? m, n] as const),
    ),
    {
      key: 'criticized',
      title: '点名通报',
      columns: [
        { header: '单位', kind: 'text' },
        { header: '指标', kind: 'text' },
        { header: '实际', kind: 'rate' },
        { header: '标准', kind: 'rate' },
      ],
      rows: r.criticized.flatMap((c) =>
        c.reasons.map((x) => [c.name, figureLabels[x.figure], x.value, x.threshold]),
      ),
    },
    {
      key: 'ledger',
      title: '问题台账（逾期未办结）',
      columns: [
        { header: '案件编号', kind: 'text' },
        { header: '承办单位', kind: 'text' },
        { header: '类别', kind: 'text' },
        { header: '被投诉对象', kind: 'text' },
        { header: '状态', kind: 'text' },
        { header: '办理期限', kind: 'text' },
        { header: '逾期工作日', kind: 'int' },
        { header: '督办级别', kind: 'text' },
      ],
      rows: r.ledger.map((l) => [
        formatTrackingCode(l.caseId),
        l.officeName,
        l.categoryName,
        l.subject,
        statusLabels[l.status] ?? l.status,
        shanghaiDay(l.deadline),
        l.workingDaysOverdue,
        escalationLabels[l.escalationLevel] ?? String(l.escalationLevel),
      ]),
    },
    {
      key: 'repeatSubjects',
      title: '重复投诉对象（本月3件及以上）',
      columns: [
        { header: '对象名称', kind: 'text' },
        { header: '件数', kind: 'int' },
        { header: '案件编号', kind: 'text' },
      ],
      rows: r.repeatSubjects.map((s) => [s.name, s.count, s.caseIds.map(formatTrackingCode).join('、')]),
    },
    {
      key: 'hotCategories',
      title: '热点诉求',
      columns: [
        { header: '类别', kind: 'text' },
        { header: '件数', kind: 'int' },
        { header: '占比', kind: 'rate' },
      ],
      rows: r.hotCategories.map((c) => [c.name, c.count, c.share]),
    },
  ];
}
