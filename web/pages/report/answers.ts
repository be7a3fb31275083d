import type { Channel } from '../../../functions/domain/case.js';
import type { Catalog } from '../../../functions/domain/reference/catalog.js';
import { zodFields } from '../../../functions/http/errors.js';
import { ComplaintSchema } from '../../../functions/http/schemas/complaint.js';
import type { FieldProblem } from '../../../functions/services/errors.js';
import { complaintProblems } from '../../../functions/services/intake.js';

/** The report form's answers by field name (`subject.name`, `reporter.phone`, …), as typed. */
export type Answers = Record<string, string>;

/** Field names of the complaint form; a step owns some of them. */
export const complaintFields = [
  'category',
  'area',
  'subject.kind',
  'subject.name',
  'description',
  'occurredOn',
  'grade',
  'anonymous',
  'reporter.name',
  'reporter.phone',
  'reporter.email',
] as const;

const blank = (s: string | undefined) => s === undefined || s.trim() === '';
const opt = (s: string | undefined) => (blank(s) ? undefined : s);

/** The answers as the JSON API's complaint body, so the same zod schema judges both. */
export function toComplaint(a: Answers, channel: Channel): unknown {
  const anonymous = a.anonymous === 'yes' ? true : a.anonymous === 'no' ? false : undefined;
  const reporter = {
    name: opt(a['reporter.name']),
    phone: opt(a['reporter.phone']),
    email: opt(a['reporter.email']),
  };
  const hasReporter = Object.values(reporter).some((v) => v !== undefined);
  // Staged photo upload ids, space-separated (the photo step stages files; submit attaches them).
  const evidence = (a.evidence ?? '').split(/\s+/).filter((s) => s !== '');
  return {
    channel,
    category: a.category ?? '',
    area: a.area ?? '',
    subject: { kind: a['subject.kind'] ?? '', name: a['subject.name'] ?? '' },
    description: a.description ?? '',
    occurredOn: opt(a.occurredOn),
    grade: blank(a.grade) ? undefined : /^\d{1,2}$/.test(a.grade ?? '') ? Number(a.grade) : a.grade,
    anonymous,
    reporter: anonymous === false && hasReporter ? reporter : undefined,
    evidence: evidence.length ? evidence : undefined,
  };
}

/** The form field that shows a problem found at an API path. */
export function fieldForPath(path: string): string {
  if (path === 'reporter') return 'reporter.phone';
  if (path === 'evidence' || path.startsWith('evidence.')) return 'evidence';
  return path;
}

/**
 * Problems with the given fields, by the JSON API's own rules: the zod schema, then the checks that need
 * reference data and the clock (`complaintProblems`, as intake runs them). A blank field is `required`.
 */
export function problemsFor(
  answers: Answers,
  fields: readonly string[],
  channel: Channel,
  catalog: Catalog,
  now: Date,
): FieldProblem[] {
  const parsed = ComplaintSchema.safeParse(toComplaint(answers, channel));
  const problems = parsed.success ? [] : zodFields(parsed.error);
  if (parsed.success) problems.push(...complaintProblems(catalog, parsed.data, now));
  else {
    const known = toComplaint(answers, channel) as { category: string; area: string; occurredOn?: string };
    const partial = {
      category: blank(known.category) ? undefined : known.category,
      area: blank(known.area) ? undefined : known.area,
      occurredOn:
        known.occurredOn && /^\d{4}-\d{2}-\d{2}$/.test(known.occurredOn) ? known.occurredOn : undefined,
    };
    problems.push(...complaintProblems(catalog, partial, now));
  }
  const wanted = new Set(fields);
  return problems
    .filter((p) => wanted.has(fieldForPath(p.path)))
    .map((p) =>
      blank(answers[fieldForPath(p.path)]) && p.code !== 'contact_required' ? { ...p, code: 'required' } : p,
    );
}
