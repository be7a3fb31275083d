import { deadlinePolicy, handlingDeadline } from '../../../functions/domain/lifecycle/context.js';
import { routeCase } from '../../../functions/domain/lifecycle/routing.js';
import { normalizePhone } from '../../../functions/domain/phone.js';
import {
  findArea,
  findCategory,
  findOffice,
  subjectKinds,
} from '../../../functions/domain/reference/catalog.js';
import type { CitizenDeps } from '../../../functions/http/deps.js';
import { Panel } from '../../components/index.js';
import { formatDate } from '../../format.js';
import { localName } from '../../i18n/lang.js';
import type { Answers } from './answers.js';
import { StagedPhotos, stagedIds } from './evidence-step.js';
import type { StepView } from './steps.js';

/** What the review step tells the reader before they submit. */
export interface ReviewFacts {
  office: { id: string; name: string; nameEn: string } | undefined;
  coHandling: { name: string; nameEn: string } | undefined;
  deadline: string;
  days: number;
  repeat: { count: number; receivedAt: string[] };
}

/**
 * Which office will handle it and by when — the workflow's own routing and deadline rules applied now —
 * and the open cases already filed about the same subject in the same category (count and dates only).
 */
export async function reviewFacts(deps: CitizenDeps, a: Answers): Promise<ReviewFacts> {
  const [catalog, calendar] = await Promise.all([deps.catalog.get(), deps.calendar.get()]);
  const category = a.category ?? '';
  const ctx = { now: deps.clock.now(), calendar, catalog };
  const { officeId, coHandling } = routeCase(catalog, a.area ?? '', category);
  const urgent = findCategory(catalog, category)?.urgentByDefault ?? false;
  const { due } = handlingDeadline(ctx, category, urgent);
  const policy = deadlinePolicy(ctx, category);
  const repeat = await deps.subjectCases.openCasesForSubject(
    { kind: a['subject.kind'] ?? '', name: a['subject.name'] ?? '' },
    category,
  );
  return {
    office: findOffice(catalog, officeId),
    coHandling,
    deadline: due,
    days: urgent ? policy.urgentHandlingDays : policy.handlingDays,
    repeat,
  };
}

/** The review step: the answers with change buttons, the office and deadline, the repeat note. */
export function ReviewStep({ v }: { v: StepView }) {
  const m = v.t.public.report.review;
  const a = v.answers;
  const facts = v.review;
  const category = findCategory(v.catalog, a.category ?? '');
  const area = findArea(v.catalog, a.area ?? '');
  const kind = subjectKinds.find((k) => k.code === a['subject.kind']);
  const change = (step: string, what: string) => (
    <button type="submit" name="_action" value={`goto:${step}`} class="button button--link">
      {v.t.common.buttons.change}
      <span class="sr-only"> {what}</span>
    </button>
  );
  const contact =
    a.anonymous === 'yes'
      ? m.anonymousYes
      : [a['reporter.name'], phoneShown(a['reporter.phone']), a['reporter.email']]
          .filter((x) => x?.trim())
          .join(' · ') || m.notGiven;
  const rows: { key: string; value: string; step: string }[] = [
    { key: m.category, value: category ? localName(v.lang, category) : '', step: 'kind' },
    { key: m.area, value: area ? localName(v.lang, area) : '', step: 'where' },
    {
      key: m.subject,
      value: `${kind ? localName(v.lang, kind) : ''}${v.t.common.colon}${a['subject.name'] ?? ''}`,
      step: 'where',
    },
    { key: m.description, value: a.description ?? '', step: 'what' },
    { key: m.occurredOn, value: a.occurredOn ? formatDate(v.lang, a.occurredOn) : m.notGiven, step: 'what' },
    {
      key: m.grade,
      value: a.grade ? v.t.public.report.what.gradeName(Number(a.grade)) : m.notGiven,
      step: 'what',
    },
    { key: m.contact, value: contact, step: 'contact' },
  ];
  return (
    <>
      {facts ? (
        <Panel variant="info">
          <p>
            <strong>
              {m.handledBy}
              {v.t.common.colon}
            </strong>
            {facts.office ? localName(v.lang, facts.office) : ''}
            {facts.coHandling ? ` ${m.coHandling(localName(v.lang, facts.coHandling))}` : ''}
          </p>
          <p>
            <strong>
              {m.deadline}
              {v.t.common.colon}
            </strong>
            {m.deadlineText(formatDate(v.lang, facts.deadline), facts.days)}
          </p>
        </Panel>
      ) : null}
      {facts && facts.repeat.count > 0 ? (
        <Panel variant="warn" title={m.repeatTitle}>
          <p>
            {m.repeat(
              facts.repeat.count,
              facts.repeat.receivedAt
                .slice(0, 5)
                .map((d) => formatDate(v.lang, d))
                .join(v.lang === 'en' ? ', ' : '、') + (facts.repeat.count > 5 ? '…' : ''),
            )}
          </p>
        </Panel>
      ) : null}
      <dl class="summary-list">
        {rows.map((r) => (
          <>
            <dt>{r.key}</dt>
            <dd class="pre-line">{r.value}</dd>
            <dd class="change">{change(r.step, r.key)}</dd>
          </>
        ))}
        <dt>{v.t.evidence.review.photos}</dt>
        <dd>
          {v.t.evidence.review.count(stagedIds(a).length)}
          {stagedIds(a).length ? <StagedPhotos v={v} removable={false} /> : null}
        </dd>
        <dd class="change">{change('evidence', v.t.evidence.review.photos)}</dd>
      </dl>
      <p>{m.confirm}</p>
    </>
  );
}

/** The phone as it will be stored (canonical), or as typed when it is not a phone number. */
const phoneShown = (typed: string | undefined) => (typed ? (normalizePhone(typed) ?? typed) : undefined);
