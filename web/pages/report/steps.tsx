import type { Child } from 'hono/jsx';
import { type Catalog, subjectKinds } from '../../../functions/domain/reference/catalog.js';
import { Radios, Select, TextArea, TextInput } from '../../components/index.js';
import type { FormErrors } from '../../forms.js';
import { type Lang, localName } from '../../i18n/lang.js';
import type { PublicMessages as Messages } from '../../i18n/public-messages.js';
import type { Answers } from './answers.js';
import { evidenceStep } from './evidence-step.js';
import type { ReviewFacts } from './review.js';
import { ReviewStep } from './review.js';

/** What a step needs to render. */
export interface StepView {
  lang: Lang;
  t: Messages;
  answers: Answers;
  errors: FormErrors;
  catalog: Catalog;
  /** Office, deadline and repeat note (review step only). */
  review?: ReviewFacts | undefined;
  /** Names of the steps before review, for its "change" buttons. */
  steps: readonly ReportStep[];
}

/**
 * One screen of the report form. `fields` are the answers it owns (checked when the reader continues);
 * every other answer travels in hidden fields. The evidence step slots in after `what`.
 */
export interface ReportStep {
  id: string;
  title: (t: Messages) => string;
  heading: (t: Messages) => string;
  fields: readonly string[];
  /** The step's form sends files (`multipart/form-data`). */
  multipart?: boolean;
  render: (v: StepView) => Child;
}

const ep = (v: StepView) => v.t.common.errorPrefix;

export const kindStep: ReportStep = {
  id: 'kind',
  title: (t) => t.public.report.steps.kind,
  heading: (t) => t.public.report.kind.heading,
  fields: ['category'],
  render: (v) => (
    <Radios
      name="category"
      label={v.t.public.report.kind.label}
      hint={v.t.public.report.kind.hint}
      value={v.answers.category}
      error={v.errors.byField.category}
      errorPrefix={ep(v)}
      options={v.catalog.categories.map((c) => ({
        value: c.code,
        label: localName(v.lang, c),
        hint: v.lang === 'en' ? c.basis.ruleEn : c.basis.rule,
      }))}
    />
  ),
};

export const whereStep: ReportStep = {
  id: 'where',
  title: (t) => t.public.report.steps.where,
  heading: (t) => t.public.report.where.heading,
  fields: ['area', 'subject.kind', 'subject.name'],
  render: (v) => {
    const m = v.t.public.report.where;
    const known = v.catalog.knownSubjects ?? [];
    const areaName = (code: string) => {
      const a = v.catalog.areas.find((x) => x.code === code);
      return a ? localName(v.lang, a) : code;
    };
    return (
      <>
        <Select
          name="area"
          label={m.area}
          hint={m.areaHint}
          placeholder={m.choose}
          value={v.answers.area}
          error={v.errors.byField.area}
          errorPrefix={ep(v)}
          options={v.catalog.areas.map((a) => ({ value: a.code, label: localName(v.lang, a) }))}
        />
        <Radios
          name="subject.kind"
          label={m.subjectKind}
          value={v.answers['subject.kind']}
          error={v.errors.byField['subject.kind']}
          errorPrefix={ep(v)}
          options={subjectKinds.map((k) => ({ value: k.code, label: localName(v.lang, k) }))}
        />
        <TextInput
          name="subject.name"
          label={m.subjectName}
          hint={m.subjectNameHint}
          value={v.answers['subject.name']}
          error={v.errors.byField['subject.name']}
          errorPrefix={ep(v)}
          list="known-subjects"
          maxlength={100}
          autocomplete="off"
        />
        <datalist id="known-subjects" aria-label={m.knownSubjects}>
          {known.map((k) => (
            <option value={k.name}>{areaName(k.area)}</option>
          ))}
        </datalist>
      </>
    );
  },
};

export const whatStep: ReportStep = {
  id: 'what',
  title: (t) => t.public.report.steps.what,
  heading: (t) => t.public.report.what.heading,
  fields: ['description', 'occurredOn', 'grade'],
  render: (v) => {
    const m = v.t.public.report.what;
    return (
      <>
        <TextArea
          name="description"
          label={m.description}
          hint={m.descriptionHint}
          value={v.answers.description}
          error={v.errors.byField.description}
          errorPrefix={ep(v)}
          maxlength={5000}
          rows={8}
        />
        <TextInput
          name="occurredOn"
          type="date"
          label={m.occurredOn}
          optional={v.t.common.optional}
          hint={m.occurredOnHint}
          value={v.answers.occurredOn}
          error={v.errors.byField.occurredOn}
          errorPrefix={ep(v)}
          short
        />
        <Select
          name="grade"
          label={m.grade}
          optional={v.t.common.optional}
          hint={m.gradeHint}
          placeholder={m.gradeNone}
          value={v.answers.grade}
          error={v.errors.byField.grade}
          errorPrefix={ep(v)}
          options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((g) => ({ value: String(g), label: m.gradeName(g) }))}
        />
      </>
    );
  },
};

export const contactStep: ReportStep = {
  id: 'contact',
  title: (t) => t.public.report.steps.contact,
  heading: (t) => t.public.report.contact.heading,
  fields: ['anonymous', 'reporter.name', 'reporter.phone', 'reporter.email'],
  render: (v) => <ContactFields v={v} />,
};

/** Contact or anonymous: the citizen's step and the operator's intake share it. */
export function ContactFields({ v, anonymousLabel }: { v: StepView; anonymousLabel?: string }) {
  const m = v.t.public.report.contact;
  return (
    <>
      <Radios
        name="anonymous"
        label={anonymousLabel ?? m.anonymous}
        value={v.answers.anonymous}
        error={v.errors.byField.anonymous}
        errorPrefix={ep(v)}
        options={[
          { value: 'no', label: m.named, hint: m.namedHint },
          { value: 'yes', label: m.anon, hint: m.anonHint },
        ]}
      />
      <TextInput
        name="reporter.name"
        label={m.name}
        optional={v.t.common.optional}
        value={v.answers['reporter.name']}
        error={v.errors.byField['reporter.name']}
        errorPrefix={ep(v)}
        autocomplete="name"
        maxlength={50}
      />
      <TextInput
        name="reporter.phone"
        type="tel"
        label={m.phone}
        hint={m.phoneHint}
        value={v.answers['reporter.phone']}
        error={v.errors.byField['reporter.phone']}
        errorPrefix={ep(v)}
        autocomplete="tel"
        inputmode="tel"
        maxlength={40}
      />
      <TextInput
        name="reporter.email"
        type="email"
        label={m.email}
        optional={v.t.common.optional}
        hint={m.emailHint}
        value={v.answers['reporter.email']}
        error={v.errors.byField['reporter.email']}
        errorPrefix={ep(v)}
        autocomplete="email"
        maxlength={254}
        spellcheck={false}
      />
    </>
  );
}

export const reviewStep: ReportStep = {
  id: 'review',
  title: (t) => t.public.report.steps.review,
  heading: (t) => t.public.report.review.heading,
  fields: [],
  render: (v) => <ReviewStep v={v} />,
};

/** The steps in order: photos (optional) after `what`, `review` last. */
export const reportSteps: ReportStep[] = [
  kindStep,
  whereStep,
  whatStep,
  evidenceStep,
  contactStep,
  reviewStep,
];

/** Fields answered by choosing from a list. */
export const choiceFields = ['category', 'area', 'subject.kind', 'grade', 'anonymous'];

/** Labels of every field for error messages, in the reader's language. */
export function fieldLabels(t: Messages): Record<string, string> {
  const r = t.public.report;
  return {
    category: r.kind.label,
    area: r.where.area,
    'subject.kind': r.where.subjectKind,
    'subject.name': r.where.subjectName,
    description: r.what.description,
    occurredOn: r.what.occurredOn,
    grade: r.what.grade,
    anonymous: r.contact.anonymous,
    'reporter.name': r.contact.name,
    'reporter.phone': r.contact.phone,
    'reporter.email': r.contact.email,
    evidence: t.evidence.step.field,
  };
}
