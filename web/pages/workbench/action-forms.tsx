/**
 * The action forms of the case page: one form per action the reader may take now, each with its
 * fields, posting to /staff/cases/:code/act (JavaScript off works: POST → 303, or the page again with
 * the errors next to the fields and everything typed kept).
 */

import { accountabilityMeasures, findings } from '../../../functions/domain/case.js';
import type { ActionType } from '../../../functions/domain/lifecycle/actions.js';
import type { Catalog } from '../../../functions/domain/reference/catalog.js';
import type { ReplyTemplate } from '../../../functions/domain/reference/reply-templates.js';
import { Button, ErrorSummary, Radios, Select, TextArea, TextInput } from '../../components/index.js';
import { CsrfField } from '../../csrf.js';
import type { FormErrors } from '../../forms.js';
import { type Lang, localName, type Messages } from '../../i18n/index.js';
import type { Row } from './case-table.js';

/** Form fields of each action and how each is read: text, a number, or a yes/no. */
export const ACTION_FIELDS: Record<ActionType, [string, 'text' | 'number' | 'bool'][]> = {
  start: [],
  note: [['text', 'text']],
  return: [['reason', 'text']],
  request_extension: [
    ['days', 'number'],
    ['reason', 'text'],
  ],
  submit_report: [
    ['finding', 'text'],
    ['actions', 'text'],
    ['reply', 'text'],
  ],
  reject: [['reason', 'text']],
  merge: [['into', 'text']],
  reassign: [
    ['officeId', 'text'],
    ['reason', 'text'],
  ],
  decide_return: [
    ['decision', 'text'],
    ['officeId', 'text'],
    ['reason', 'text'],
  ],
  decide_extension: [
    ['approve', 'bool'],
    ['newDeadline', 'text'],
    ['reason', 'text'],
  ],
  approve: [['note', 'text']],
  send_back: [['reason', 'text']],
  record_accountability: [
    ['measure', 'text'],
    ['targetUnit', 'text'],
    ['note', 'text'],
  ],
  reclassify: [
    ['category', 'text'],
    ['urgent', 'bool'],
    ['reason', 'text'],
  ],
  instruct: [['text', 'text']],
  classify: [
    ['category', 'text'],
    ['area', 'text'],
  ],
};

/** A posted form's values without the action prefix of their names (`note.text` → `text`). */
export function formValues(type: string, form: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    if (k.startsWith(`${type}.`)) out[k.slice(type.length + 1)] = v;
    else if (!k.includes('.')) out[k] = v;
  }
  return out;
}

/** The action as the JSON API takes it, from a form's values (blank fields absent). */
export function actionFromForm(type: ActionType, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { type, expectedVersion: Number(values.expectedVersion) };
  for (const [name, kind] of ACTION_FIELDS[type]) {
    const raw = values[name]?.trim();
    if (raw === undefined || raw === '') continue;
    out[name] = kind === 'number' ? Number(raw) : kind === 'bool' ? raw === 'true' : raw;
  }
  return out;
}

/** Labels of the fields, for error messages. */
export function fieldLabels(t: Messages): Record<string, string> {
  const f = t.workbench.fields;
  return {
    text: f.text,
    reason: f.reason,
    days: f.days,
    finding: f.finding,
    actions: f.actionsTaken,
    reply: f.reply,
    into: f.into,
    officeId: f.officeId,
    decision: f.decision,
    approve: f.approveExt,
    newDeadline: f.newDeadline,
    note: f.note,
    measure: f.measure,
    targetUnit: f.targetUnit,
    category: f.category,
    urgent: f.urgent,
    type: t.workbench.case.actions,
  };
}

export interface FormState {
  /** The form that was posted, its values and problems. */
  type?: string | undefined;
  values?: Record<string, string> | undefined;
  errors?: FormErrors | undefined;
}

interface FormProps {
  type: ActionType;
  code: string;
  version: number;
  seenEvents: number;
  t: Messages;
  lang: Lang;
  catalog: Catalog;
  csrf: string;
  state: FormState;
  templates: ReplyTemplate[];
  subjectName: string;
  mergeCandidates: Row[];
  category: string;
  urgent: boolean;
}

export function ActionForm(p: FormProps) {
  const m = p.t.workbench;
  const f = m.fields;
  const mine = p.state.type === p.type;
  /** Field names carry the action, so ids stay unique across the forms on one page. */
  const n = (name: string) => `${p.type}.${name}`;
  const v = (name: string) => (mine ? p.state.values?.[name] : undefined);
  const err = (name: string) => (mine ? p.state.errors?.byField[n(name)] : undefined);
  /** Name, kept value, error and error prefix of one field of this form. */
  const bind = (name: string) => ({
    name: n(name),
    value: v(name),
    error: err(name),
    errorPrefix: p.t.common.errorPrefix,
  });
  const id = `act-${p.type}`;
  const offices = p.catalog.offices.map((o) => ({ value: o.id, label: localName(p.lang, o) }));
  const reason = (required = true) => (
    <TextArea
      {...bind('reason')}
      label={f.reason}
      optional={required ? undefined : p.t.common.optional}
      rows={2}
      maxlength={1000}
    />
  );
  const fields = (() => {
    switch (p.type) {
      case 'start':
        return null;
      case 'note':
        return <TextArea {...bind('text')} label={f.text} rows={3} maxlength={2000} />;
      case 'instruct':
        return <TextArea {...bind('text')} label={f.instruction} rows={3} maxlength={2000} />;
      case 'return':
      case 'reject':
      case 'send_back':
        return reason();
      case 'request_extension':
        return (
          <>
            <TextInput {...bind('days')} label={f.days} inputmode="numeric" short />
            {reason()}
          </>
        );
      case 'submit_report': {
        return (
          <>
            <Radios
              {...bind('finding')}
              label={f.finding}
              options={findings.map((x) => ({ value: x, label: m.findings[x] }))}
            />
            <TextArea {...bind('actions')} label={f.actionsTaken} rows={3} maxlength={4000} />
            {p.templates.length ? (
              <div class="wb-template">
                <Select
                  {...bind('template')}
                  label={f.template}
                  placeholder=""
                  options={p.templates.map((x) => ({
                    value: x.id,
                    label: p.lang === 'en' ? x.titleEn : x.title,
                  }))}
                />
                <Button variant="secondary" name={n('useTemplate')} value="1" formnovalidate>
                  {f.useTemplate}
                </Button>
              </div>
            ) : null}
            <TextArea {...bind('reply')} label={f.reply} rows={5} maxlength={2000} />
          </>
        );
      }
      case 'merge':
        return (
          <>
            {p.mergeCandidates.length ? (
              <Radios
                {...bind('candidate')}
                label={f.candidates}
                options={p.mergeCandidates.map((r) => ({
                  value: r.trackingCode,
                  label: `${r.trackingCode} · ${r.subject.name} · ${r.receivedAt.slice(0, 10)}`,
                }))}
              />
            ) : null}
            <TextInput {...bind('into')} label={f.into} short spellcheck={false} />
            {mine && p.state.values?.askConfirm ? (
              <div class="choice">
                <input type="checkbox" id={`${id}-confirm`} name={n('confirmOther')} value="1" />
                <label for={`${id}-confirm`}>{f.confirmOther}</label>
              </div>
            ) : null}
          </>
        );
      case 'reassign':
        return (
          <>
            <Select {...bind('officeId')} label={f.officeId} placeholder="" options={offices} />
            {reason(false)}
          </>
        );
      case 'decide_return':
        return (
          <>
            <Radios
              {...bind('decision')}
              label={f.decision}
              options={[
                { value: 'reassign', label: f.reassignTo },
                { value: 'send_back', label: f.sendBackTo },
              ]}
            />
            <Select {...bind('officeId')} label={f.officeId} placeholder="" options={offices} />
            {reason(false)}
          </>
        );
      case 'decide_extension':
        return (
          <>
            <Radios
              {...bind('approve')}
              label={f.approveExt}
              options={[
                { value: 'true', label: f.yes },
                { value: 'false', label: f.no },
              ]}
            />
            <TextInput {...bind('newDeadline')} type="date" label={f.newDeadline} short />
            {reason(false)}
          </>
        );
      case 'approve':
        return <TextArea {...bind('note')} label={f.note} rows={2} maxlength={1000} />;
      case 'record_accountability':
        return (
          <>
            <Select
              {...bind('measure')}
              label={f.measure}
              placeholder=""
              options={accountabilityMeasures.map((x) => ({ value: x, label: m.measures[x] }))}
            />
            <TextInput {...bind('targetUnit')} label={f.targetUnit} />
            <TextArea {...bind('note')} label={f.note} rows={2} maxlength={2000} />
          </>
        );
      case 'classify':
        return (
          <>
            <Select
              {...bind('category')}
              label={f.category}
              placeholder=""
              options={p.catalog.categories.map((x) => ({ value: x.code, label: localName(p.lang, x) }))}
            />
            <Select
              {...bind('area')}
              label={f.area}
              placeholder=""
              options={p.catalog.areas.map((x) => ({ value: x.code, label: localName(p.lang, x) }))}
            />
          </>
        );
      case 'reclassify':
        return (
          <>
            <Select
              {...bind('category')}
              label={f.category}
              value={v('category') ?? p.category}
              options={p.catalog.categories.map((x) => ({ value: x.code, label: localName(p.lang, x) }))}
            />
            <Radios
              {...bind('urgent')}
              label={f.urgent}
              value={v('urgent') ?? String(p.urgent)}
              options={[
                { value: 'false', label: f.urgentNo },
                { value: 'true', label: f.urgentYes },
              ]}
            />
            {reason()}
          </>
        );
    }
  })();
  return (
    <details class="wb-action" id={id} open={mine || p.type === 'start' ? true : undefined}>
      <summary>{m.actions[p.type]}</summary>
      <form method="post" action={`/staff/cases/${p.code}/act#${id}`} novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="type" value={p.type} />
        <input type="hidden" name="expectedVersion" value={String(p.version)} />
        <input type="hidden" name="seenEvents" value={String(p.seenEvents)} />
        {mine && p.state.errors?.list.length ? (
          <ErrorSummary title={p.t.common.errorSummaryTitle} errors={p.state.errors.list} />
        ) : null}
        {fields}
        <Button>{m.actions[p.type]}</Button>
      </form>
    </details>
  );
}
