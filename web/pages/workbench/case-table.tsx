/**
 * The case list used by every queue and search page: dense, with overdue / due-soon rows marked. On a
 * phone each row becomes a small card whose cells carry their column name (`data-label`).
 */

import { caseStatuses } from '../../../functions/domain/case-status.js';
import type { caseSummary } from '../../../functions/services/case-lists.js';
import { Badge } from '../../components/index.js';
import type { Lang, Messages } from '../../i18n/index.js';
import { shanghaiTime } from './format.js';

export type Row = ReturnType<typeof caseSummary>;

export function CaseTable(p: {
  rows: Row[];
  caption: string;
  t: Messages;
  lang: Lang;
  now: string;
  dueSoonEnd: string;
  names: { category: (c: string) => string; office: (o: string | null) => string };
}) {
  const m = p.t.workbench;
  if (p.rows.length === 0) return <p class="wb-empty">{m.home.empty}</p>;
  const open = (r: Row) => r.status === 'assigned' || r.status === 'in_progress';
  return (
    <div class="table-wrap">
      <table class="wb-table">
        <caption class="sr-only">{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.cols.code}</th>
            <th scope="col">{m.cols.subject}</th>
            <th scope="col">{m.cols.category}</th>
            <th scope="col">{m.cols.office}</th>
            <th scope="col">{m.cols.status}</th>
            <th scope="col">{m.cols.received}</th>
            <th scope="col">{m.cols.deadline}</th>
            <th scope="col">{m.cols.level}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => {
            const overdue = open(r) && r.deadline !== null && r.deadline < p.now;
            const dueSoon = open(r) && !overdue && r.deadline !== null && r.deadline <= p.dueSoonEnd;
            const status = caseStatuses[r.status as keyof typeof caseStatuses];
            return (
              <tr class={overdue ? 'wb-row--overdue' : dueSoon ? 'wb-row--soon' : undefined}>
                <td data-label={m.cols.code}>
                  <a href={`/staff/cases/${r.trackingCode}`} class="wb-code">
                    {r.trackingCode}
                  </a>
                </td>
                <td data-label={m.cols.subject}>{r.subject.name}</td>
                <td data-label={m.cols.category}>{p.names.category(r.category)}</td>
                <td data-label={m.cols.office}>{p.names.office(r.officeId)}</td>
                <td data-label={m.cols.status}>
                  {status ? (p.lang === 'en' ? status.nameEn : status.name) : r.status}
                  {r.urgent ? (
                    <>
                      {' '}
                      <Badge tone="warn">{m.marks.urgent}</Badge>
                    </>
                  ) : null}
                  {r.extensionRequested ? (
                    <>
                      {' '}
                      <Badge>{m.marks.extension}</Badge>
                    </>
                  ) : null}
                </td>
                <td data-label={m.cols.received}>{shanghaiTime(r.receivedAt)}</td>
                <td data-label={m.cols.deadline}>
                  {r.deadline ? shanghaiTime(r.deadline) : '—'}
                  {overdue ? (
                    <>
                      {' '}
                      <Badge tone="error">{m.marks.overdue}</Badge>
                    </>
                  ) : null}
                  {dueSoon ? (
                    <>
                      {' '}
                      <Badge tone="warn">{m.marks.dueSoon}</Badge>
                    </>
                  ) : null}
                </td>
                <td data-label={m.cols.level}>
                  {r.escalationLevel > 0 ? (
                    <Badge tone={r.escalationLevel >= 2 ? 'error' : 'warn'}>
                      {m.levels[r.escalationLevel]}
                    </Badge>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
