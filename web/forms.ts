import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { zodFields } from '../functions/http/errors.js';
import type { FieldProblem } from '../functions/services/errors.js';
import type { FieldMessage } from './components/index.js';
import { CSRF_FIELD } from './csrf.js';
import type { PublicMessages as Messages } from './i18n/public-messages.js';

/** The text fields of a posted form (files and the CSRF token left out). */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k !== CSRF_FIELD && typeof v === 'string') out[k] = v;
  }
  return out;
}

/** Problems from a zod schema or a service, said in the reader's language, per field and as a list. */
export interface FormErrors {
  byField: Record<string, string>;
  list: FieldMessage[];
}

export const noErrors = (): FormErrors => ({ byField: {}, list: [] });

/**
 * Turns field problems (the API's `{ path, code, limit }`) into messages in the reader's language.
 * `labels` names each field as the form shows it; `fieldFor` maps an API path to the form field that
 * should carry the message (default: the path itself).
 */
export function translateProblems(
  t: Messages,
  problems: readonly FieldProblem[],
  labels: Record<string, string>,
  fieldFor: (path: string) => string = (p) => p,
  /** Fields answered by choosing (radios, selects): "select …" rather than "enter …" when missing. */
  choiceFields: readonly string[] = [],
): FormErrors {
  const choices = new Set(choiceFields);
  const errors = noErrors();
  for (const p of problems) {
    const name = fieldFor(p.path);
    if (errors.byField[name]) continue;
    const label = labels[name] ?? name;
    const message =
      (p.code === 'required' || p.code === 'unknown_value') && choices.has(name)
        ? t.common.requiredChoice(label)
        : t.common.fieldProblems[p.code](label, p.limit);
    errors.byField[name] = message;
    errors.list.push({ name, message });
  }
  return errors;
}

export const zodProblems = (error: ZodError) => zodFields(error);

/** '' → undefined, so optional fields left empty are absent, as in the JSON API. */
export const blankToUndefined = (s: string | undefined) =>
  s === undefined || s.trim() === '' ? undefined : s;
