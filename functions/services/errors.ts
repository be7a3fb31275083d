/**
 * Errors the services raise; the HTTP layer maps each to a status and the uniform JSON error body
 * `{ error: { code, message, fields? } }`. Messages never contain reporter data.
 */

/**
 * Stable codes of field problems, so pages (and other clients) show the message in the reader's language.
 * `limit` carries the bound of too_short / too_long / out_of_range.
 */
export const fieldProblemCodes = [
  'required',
  'too_short',
  'too_long',
  'out_of_range',
  'invalid_format',
  'invalid_type',
  'unknown_value',
  'unknown_field',
  'in_future',
  'contact_required',
  'duplicate',
  'invalid',
  // Evidence files (photos, PDF notices): see functions/services/evidence.ts.
  'evidence_type',
  'evidence_too_large',
  'evidence_unreadable',
  'evidence_empty',
  'evidence_expired',
  'evidence_too_many',
  /** This deployment takes photos straight to storage, not through a form post (AWS: Lambda's 6 MB limit). */
  'evidence_unavailable',
] as const;
export type FieldProblemCode = (typeof fieldProblemCodes)[number];

export interface FieldProblem {
  path: string;
  message: string;
  code: FieldProblemCode;
  limit?: number;
}

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    readonly fields?: FieldProblem[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 400 naming each bad field; a problem without a code gets `invalid`. */
export const validationError = (fields: (Omit<FieldProblem, 'code'> & { code?: FieldProblemCode })[]) =>
  new AppError(
    400,
    'VALIDATION_FAILED',
    'The request has invalid fields.',
    fields.map((f) => ({ ...f, code: f.code ?? 'invalid' })),
  );

export const notFound = (what = 'case') => new AppError(404, 'NOT_FOUND', `No such ${what}.`);

export const versionConflict = () =>
  new AppError(409, 'VERSION_CONFLICT', 'The case was changed by someone else; reload it and try again.');

/** The store kept refusing (throttling) after retries: the caller should retry later; nothing was lost. */
export class StoreUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super(503, 'STORE_UNAVAILABLE', 'The service is busy; nothing was saved. Please retry shortly.');
    this.cause = cause;
  }
}

/** Admission control refused new work (intake flood): retry later; nothing was saved. */
export const overloaded = (retryAfterSeconds: number) =>
  new AppError(
    503,
    'OVERLOADED',
    'The service is busy; nothing was saved. Please retry shortly.',
    undefined,
    {
      retryAfterSeconds,
    },
  );

/** A conditional write lost (e.g. expected version no longer current). */
export class ConditionFailedError extends Error {
  constructor(message = 'condition failed') {
    super(message);
    this.name = 'ConditionFailedError';
  }
}
