/** The notice as a government 通报: masthead, 一 … 五, annex tables, 报/送/发 footer; prints on A4. */
import type { Figures } from '../../../functions/domain/reports/figures.js';
import type { MonthlyReport } from '../../../functions/domain/reports/monthly-report.js';
import {
  cellKind,
  channelLabels,
  escalationLabels,
  figureLabels,
  measureLabels,
  type NoticeTable,
  noticeTables,
} from '../../../functions/domain/reports/notice-tables.js';
import { formatTrackingCode } from '../../../functions/domain/tracking-code.js';
import { CsrfField } from '../../csrf.js';
import type { Messages } from '../../i18n/index.js';

export const pct = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;
const num = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));
const signed = (n: number | null, rate: boolean) =>
  n === null ? '—' : `${n > 0 ? '+' : ''}${rate ? `${(n * 100).toFixed(1)}个百分点` : num(n)}`;
/** 2026年4月2日 (Asia/Shanghai) of an ISO instant. */
export const chineseDate = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};
const monthName = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

export interface NoticeDocProps {
  t: Messages;
  report: MonthlyReport;
  issueLabel?: string | undefined;
  issuedAt: string;
  requirements: string;
  /** Draft shown to a dispatcher: the requirements are an editable form that publishes. */
  publishForm?: { csrf: string; action: string; error?: string | undefined } | undefined;
  published?: string | undefined;
}

function Overview({ r }: { r: MonthlyReport }) {
  const o = r.overall;
  const ch = Object.entries(o.receivedByChannel)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${channelLabels[c] ?? c}${n}件`)
    .join('、');
  const d = r.changes.received.change;
  return (
    <p>
      {`${monthName(r.month)}，全区共受理“双减”投诉举报${o.received}件${ch ? `（${ch}）` : ''}，较上月${
        d === null ? '持平' : d >= 0 ? `增加${d}件` : `减少${-d}件`
      }；分派${o.assigned}件；销号${o.closed}件，其中按时办结${o.closedOnTime}件、超期办结${o.closedLate}件。本月应办结${
        o.dueInMonth
      }件，按时办结率${pct(o.onTimeRate)}（上月${pct(r.previous.onTimeRate)}），办结率${pct(o.closureRate)}。月末未办结${
        o.openAtMonthEnd
      }件，其中逾期未办结${o.overdueOpen}件。本月催办${o.urged}件、督办${o.supervised}件，问责${o.accountability}件${
        Object.keys(o.accountabilityByMeasure).length
          ? `（${Object.entries(o.accountabilityByMeasure)
              .map(([m, n]) => `${measureLabels[m] ?? m}${n}件`)
              .join('、')}）`
          : ''
      }；退回${o.returned}件，批准延期${o.extensionsGranted}件，群众不满意重办${o.reopened}件。销号案件平均办理${num(
        o.meanWorkingDaysToClose,
      )}个工作日（90%在${num(o.p90WorkingDaysToClose)}个工作日内）。`}
    </p>
  );
}

const HEADLINE_RATES = new Set([
  'onTimeRate',
  'closureRate',
  'satisfactionRate',
  'ratedRate',
  'substantiatedRate',
]);

function Changes({ r }: { r: MonthlyReport }) {
  return (
    <table class="rpt-table">
      <caption>主要指标与上月比较</caption>
      <thead>
        <tr>
          <th scope="col">指标</th>
          <th scope="col">本月</th>
          <th scope="col">上月</th>
          <th scope="col">增减</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(r.changes).map(([k, c]) => {
          const rate = HEADLINE_RATES.has(k);
          const f = (v: number | null) => (rate ? pct(v) : num(v));
          return (
            <tr>
              <td class="rpt-l">{figureLabels[k as keyof typeof figureLabels]}</td>
              <td>{f(c.current)}</td>
              <td>{f(c.previous)}</td>
              <td>{signed(c.change, rate)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function OfficeTable({ r }: { r: MonthlyReport }) {
  const t = r.thresholds;
  const bad = (v: number | null, min: number) => (v !== null && v < min ? 'rpt-bad' : undefined);
  return (
    <table class="rpt-table">
      <caption>各单位办理情况（按按时办结率排名）</caption>
      <thead>
        <tr>
          {[
            '排名',
            '单位',
            '受理',
            '应办结',
            '按时办结',
            '超期办结',
            '按时办结率',
            '办结率',
            '逾期未办结',
            '催办',
            '督办',
            '问责',
            '满意率',
          ].map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {r.offices.map((o) => {
          const f: Figures = o.figures;
          return (
            <tr>
              <td>{o.rank ?? '—'}</td>
              <td class="rpt-l">{o.name}</td>
              <td>{f.received}</td>
              <td>{f.dueInMonth}</td>
              <td>{f.closedOnTime}</td>
              <td>{f.closedLate}</td>
              <td class={bad(f.onTimeRate, t.onTimeRate)}>{pct(f.onTimeRate)}</td>
              <td>{pct(f.closureRate)}</td>
              <td>{f.overdueOpen}</td>
              <td>{f.urged}</td>
              <td>{f.supervised}</td>
              <td>{f.accountability}</td>
              <td class={bad(f.satisfactionRate, t.satisfactionRate)}>{pct(f.satisfactionRate)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Ledger({ r, t }: { r: Pick<MonthlyReport, 'ledger'>; t: Messages }) {
  if (r.ledger.length === 0) return <p>{t.reports.noneLedger}</p>;
  return (
    <table class="rpt-table">
      <caption class="sr-only">{t.reports.ledger}</caption>
      <thead>
        <tr>
          {['受理编号', '承办单位', '类别', '被投诉对象', '办理期限', '逾期工作日', '督办级别'].map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {r.ledger.map((l) => (
          <tr>
            <td>
              <a href={`/staff/cases/${formatTrackingCode(l.caseId)}`}>{formatTrackingCode(l.caseId)}</a>
            </td>
            <td class="rpt-l">{l.officeName}</td>
            <td class="rpt-l">{l.categoryName}</td>
            <td class="rpt-l">{l.subject}</td>
            <td>{chineseDate(l.deadline)}</td>
            <td>{l.workingDaysOverdue}</td>
            <td>{escalationLabels[l.escalationLevel]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AnnexTable({ table }: { table: NoticeTable }) {
  const show = (v: string | number | null, r: number, c: number) => {
    if (v === null) return '—';
    if (typeof v === 'string') return v;
    const kind = cellKind(table, r, c);
    return kind === 'rate' ? pct(v) : num(v);
  };
  return (
    <table class="rpt-table">
      <caption>{table.title}</caption>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th scope="col">{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr>
            {row.map((v, c) => (
              <td class={typeof v === 'string' ? 'rpt-l' : undefined}>{show(v, r, c)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function NoticeDocument(p: NoticeDocProps) {
  const r = p.report;
  const m = p.t.reports;
  const o = r.overall;
  return (
    <article class="rpt-doc" lang="zh-CN">
      <header class="rpt-masthead">
        <h1>{m.title}</h1>
        <p class="rpt-issue">
          <span>{p.issueLabel ?? m.draftIssue}</span>
          <span>{m.issuedBy}</span>
          <span>{chineseDate(p.issuedAt)}</span>
        </p>
      </header>
      <h2>{m.s1}</h2>
      <Overview r={r} />
      <Changes r={r} />
      <h2>{m.s2}</h2>
      <OfficeTable r={r} />
      <h2>{m.s3}</h2>
      <p>
        {`本月销号案件${o.closed}件，回访${o.rated}件，回访率${pct(o.ratedRate)}；其中满意${o.satisfied}件、基本满意${
          o.basicallySatisfied
        }件、不满意${o.unsatisfied}件，满意率${pct(o.satisfactionRate)}（上月${pct(r.previous.satisfactionRate)}）。经核查，属实${
          o.substantiated
        }件、部分属实${o.partlySubstantiated}件、不属实${o.unsubstantiated}件，属实率${pct(o.substantiatedRate)}。`}
      </p>
      <h2>{m.s4}</h2>
      <h3>{m.criticized}</h3>
      {r.criticized.length ? (
        <p>
          {`按时办结率低于${pct(r.thresholds.onTimeRate)}或满意率低于${pct(r.thresholds.satisfactionRate)}的单位，予以通报批评：${r.criticized
            .map(
              (c) =>
                `${c.name}（${c.reasons.map((x) => `${figureLabels[x.figure]}${pct(x.value)}`).join('，')}）`,
            )
            .join('；')}。`}
        </p>
      ) : (
        <p>{m.noneCriticized}</p>
      )}
      <h3>{m.ledger}</h3>
      <Ledger r={r} t={p.t} />
      <h3>{m.repeats}</h3>
      {r.repeatSubjects.length ? (
        <p>{r.repeatSubjects.map((s) => `${s.name}（${s.count}件）`).join('、')}。</p>
      ) : (
        <p>{m.noneRepeats}</p>
      )}
      <h3>{m.hot}</h3>
      <p>
        {r.hotCategories.length
          ? `${r.hotCategories.map((c) => `${c.name}${c.count}件（${pct(c.share)}）`).join('、')}。`
          : '—'}
      </p>
      <h2>{m.s5}</h2>
      {p.publishForm ? (
        <form method="post" action={p.publishForm.action} class="rpt-publish">
          <CsrfField token={p.publishForm.csrf} />
          <div class={p.publishForm.error ? 'field field--error' : 'field'}>
            <label for="f-requirements">{m.requirements}</label>
            {p.publishForm.error ? (
              <p class="field-error" id="f-requirements-error">
                {p.publishForm.error}
              </p>
            ) : null}
            <textarea id="f-requirements" name="requirements" rows={5} class="input">
              {p.requirements}
            </textarea>
          </div>
          <button type="submit" class="button">
            {m.publish}
          </button>
        </form>
      ) : null}
      <p class={p.publishForm ? 'rpt-print-only' : undefined}>{p.requirements}</p>
      {p.published ? <p class="muted">{p.published}</p> : null}
      <section class="rpt-annex">
        <h2>{m.annex}</h2>
        {noticeTables(r)
          .filter((x) => x.key !== 'overview' && x.key !== 'offices' && x.key !== 'ledger')
          .map((x) => (
            <AnnexTable table={x} />
          ))}
      </section>
      <footer class="rpt-footer">
        <p>{m.footerTo}</p>
        <p>{m.footerCc}</p>
        <p>{m.footerDist}</p>
        <p>{`${m.issuedBy}　　${chineseDate(p.issuedAt)}印发`}</p>
      </footer>
    </article>
  );
}
