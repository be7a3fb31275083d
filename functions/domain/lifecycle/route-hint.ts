import type { CaseRecord, SealedReporter } from '../case.js';

/** Stands for a sealed reporter field in a route hint: the field exists, its ciphertext stays home. */
export const HINT_SEALED = 'sealed';
const CONTACT_FIELDS = ['name', 'phone', 'email'] as const;

/**
 * What the workflow's Route task needs of a new case, carried in the execution input so Route routes
 * without reading the case back (one store round trip less per complaint). It is the case exactly as
 * intake stored it at version 1, minus what routing never reads and an execution history should not
 * hold: the reporter's ciphertexts (only which fields exist, so the citizen still gets the status
 * notice), the phone lookup hash, the access-code hash, the description, the subject's name (a teacher
 * may be named) and the evidence keys.
 *
 * Route's write stays one conditional update on `version`: attributes left out here are absent on
 * both sides of the change, so the update never touches them; if the case moved on meanwhile the
 * condition fails and Route reads the case as before.
 */
export function routeHint(record: CaseRecord): CaseRecord {
  const {
    reporter,
    reporterPhoneKey: _phone,
    accessCodeHash: _hash,
    description: _text,
    evidence: _files,
    ...rest
  } = record;
  const marked: SealedReporter | undefined = reporter
    ? Object.fromEntries(CONTACT_FIELDS.flatMap((k) => (reporter[k] ? [[k, HINT_SEALED]] : [])))
    : undefined;
  return {
    ...rest,
    subject: { kind: record.subject.kind, name: '' },
    description: '',
    accessCodeHash: '',
    ...(marked ? { reporter: marked } : {}),
  };
}
