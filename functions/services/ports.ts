/**
 * The dependencies services use, as interfaces. Adapters (DynamoDB, Step Functions, crypto, clock)
 * implement them; tests and the embedded runtime swap implementations at the edge.
 */

import type { WorkingCalendar } from '../domain/calendar/working-days.js';
import type { CaseRecord, ReporterContact, SealedReporter } from '../domain/case.js';
import type { CaseStatus } from '../domain/case-status.js';
import type { PendingNotification } from '../domain/lifecycle/notifications.js';
import type { Catalog } from '../domain/reference/catalog.js';

export interface Clock {
  /** Domain time (may run faster than real time in the embedded runtime, see CLOCK_SPEED). */
  now(): Date;
  /** Real seconds to wait for a span of domain milliseconds. */
  realSecondsFor(domainMillis: number): number;
}

/**
 * An IDEM#<key> item: how intake recorded an Idempotency-Key before the claim moved onto the case item
 * (see IdempotencyClaim). Only read now, so a channel's permanent key (a mail's Message-ID, a 12345
 * order number) recorded that way still never files twice.
 */
export interface IdempotencyRecord {
  key: string;
  caseId: string;
  requestHash: string;
  /** The access code, encrypted, so a retry can hand it out again. */
  sealedAccessCode: string;
  createdAt: string;
  /** Kept for good (no TTL): keys that must never file twice (a mail's Message-ID, a 12345 order). */
  permanent?: boolean | undefined;
}

/**
 * Written on a case filed with an Idempotency-Key, in the same conditional put that creates the case
 * (whose id is derived from the key), so one write both files and de-duplicates.
 */
export interface IdempotencyClaim {
  /** Keyed hash of the Idempotency-Key: which key filed the case (the key itself is not stored). */
  tag: string;
  /** Digest of what a retry must repeat (the request body) to count as the same request. */
  requestHash: string;
}

export interface CaseStore {
  /** The IDEM item of a key recorded before claims moved onto the case (see IdempotencyRecord). */
  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Writes a new case unless its id is taken; returns false when it was. Notifications it causes
   * (the citizen's receipt) and the idempotency claim it is filed under are stored on the item in
   * the same write.
   */
  createCase(
    record: CaseRecord,
    pending?: readonly PendingNotification[],
    claim?: IdempotencyClaim,
  ): Promise<boolean>;
  getCase(id: string): Promise<CaseRecord | undefined>;
  /** The case with the idempotency claim it was filed under, if any (a retried intake reads it back). */
  getClaimedCase(id: string): Promise<{ record: CaseRecord; claim?: IdempotencyClaim } | undefined>;
  /**
   * Only the case's access-code hash (a projection of one attribute): the citizen's code is checked
   * against it before the whole case is read and decoded, so a wrong code costs what an unknown one does.
   */
  getAccessCodeHash(id: string): Promise<string | undefined>;
  loadReference<T>(name: string): Promise<T | undefined>;
  /** Writes reference data only if absent (seeding); returns false when it already existed. */
  seedReference<T>(name: string, value: T): Promise<boolean>;
  /** Replaces reference data (admin change). */
  saveReference<T>(name: string, value: T): Promise<void>;
  /**
   * Replaces reference data only if it is still what the caller read: `version` compares the stored
   * value's own version (the catalog), `revision` the item's count of checked writes (unversioned data
   * such as the calendar; 0 = never written by one, the new value gets revision + 1). Returns false when
   * someone replaced it first: one conditional write, no lost update.
   */
  replaceReference<T>(
    name: string,
    value: T,
    expected: { version: number } | { revision: number },
  ): Promise<boolean>;
  /** Reference data with its revision (0 when no checked write has happened yet). */
  loadReferenceRevision<T>(name: string): Promise<{ value: T; revision: number } | undefined>;
}

export interface WorkflowStarter {
  /**
   * Starts the case's workflow; idempotent: the execution name is derived from the case id and the
   * cycle (1 from intake, 2 after a reopen), so a retry is a no-op.
   */
  startCaseWorkflow(caseId: string, cycle?: number, start?: WorkflowStart): Promise<void>;
}

/**
 * What intake hands the new execution besides the case id: the case as stored (a route hint, see
 * `routeHint`), so the Route task need not read it back. Executions started without it read the case.
 */
export interface WorkflowStart {
  route?: CaseRecord | undefined;
}

/** Execution name for a case's workflow cycle. */
export const executionName = (caseId: string, cycle = 1) => `${caseId}-${cycle}`;

export interface Secrets {
  randomBytes(n: number): Uint8Array;
  hashAccessCode(code: string): Promise<string>;
  verifyAccessCode(code: string, hash: string): Promise<boolean>;
  /** Stable digest of a request body, to tell same-key retries from key reuse. */
  digest(text: string): string;
}

export interface ReporterVault {
  seal(caseId: string, reporter: ReporterContact): Promise<SealedReporter>;
  open(caseId: string, sealed: SealedReporter): Promise<ReporterContact>;
  sealSecret(caseId: string, secret: string): Promise<string>;
  openSecret(caseId: string, sealed: string): Promise<string>;
}

export interface CatalogSource {
  get(): Promise<Catalog>;
  /** Drops the cached catalog (after an admin change). */
  invalidate(): void;
}

export interface CalendarSource {
  get(): Promise<WorkingCalendar>;
  /** Drops the cached calendar (after an admin change). */
  invalidate(): void;
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/**
 * One key-addressed case list (案件队列): a single index partition, optionally narrowed by a sort-key
 * range. Every staff list and queue is one of these, so a page is read with one key condition and the
 * cursor is one store position, whatever the number of offices.
 */
export type CaseQueue =
  /** An office's open cases (办理中), by deadline; a range picks overdue or due-soon ones. */
  | { kind: 'office_open'; officeId: string; deadlineFrom?: string; deadlineBefore?: string }
  /** An office's closed, rejected and merged cases, most recently finished first. */
  | { kind: 'office_finished'; officeId: string }
  | { kind: 'office_status'; officeId: string; status: CaseStatus; month?: string; oldestFirst?: boolean }
  | { kind: 'status'; status: CaseStatus; month?: string; oldestFirst?: boolean }
  | { kind: 'category'; category: string; month?: string }
  | { kind: 'office_month'; officeId: string; month: string }
  | { kind: 'month'; month: string }
  | { kind: 'entered_by'; username: string; month?: string }
  /** Dispatcher triage: extension requests pending (延期待审批), or routed by no rule (待分派). */
  | { kind: 'triage'; queue: 'extension' | 'unrouted' }
  /** Open cases at 催办/督办/问责, highest level first; `level` narrows to one rung. */
  | { kind: 'escalated'; level?: number }
  | { kind: 'subject'; subjectKey: string }
  | { kind: 'phone'; phoneKey: string };

export interface CasePage {
  items: CaseRecord[];
  /** Absent when there is nothing more. */
  cursor?: string | undefined;
}

export interface CaseQueries {
  /**
   * A page of the queue. With `accept` (a scope check done in memory, e.g. an inspector searching a
   * subject across offices), reading continues until the page is full or the partition ends, so a
   * page is never short while more exists. A cursor from another queue is a 400 (`cursor`).
   */
  list(
    q: CaseQueue,
    page: { limit: number; cursor?: string | undefined; accept?: (r: CaseRecord) => boolean },
  ): Promise<CasePage>;
  /**
   * Number of cases in the queue (Select COUNT over its key range; cost: reads every item in the
   * range, 1 MB per request). `minEscalation` counts only cases at that level or above.
   */
  count(q: CaseQueue, opts?: { minEscalation?: number }): Promise<number>;
}

/** Keyed hashes for lookups by personal data (never the data itself in the table or a URL). */
export interface LookupKeys {
  phone(phone: string): Promise<string>;
  /**
   * A deterministic byte source keyed by the runtime's secret (HMAC-SHA256 in counter mode over
   * `purpose` and `input`): the same input always gives the same bytes, which nobody without the key
   * can compute. Intake derives a keyed case's id and access code from its Idempotency-Key with it.
   */
  derive(purpose: string, input: string): Promise<(n: number) => Uint8Array>;
}

/**
 * Admission control for intake: a flood is refused (503 + Retry-After) before the process runs out of
 * memory or the workflow backlog grows past what it can catch up on. Nothing is stored when refused.
 */
export interface Admission {
  check(): { admitted: true } | { admitted: false; reason: 'backlog' | 'memory'; retryAfterSeconds: number };
}

/** Open cases about one school, institution or teacher in one category (repeat-subject note). */
export interface SubjectCases {
  /**
   * Count and received times (newest first) of open cases with this subject and category — never
   * their text. Reads the subject's partition of the bySubject index (bounded by `maxRead`).
   */
  openCasesForSubject(
    subject: { kind: string; name: string },
    category: string,
  ): Promise<{ count: number; receivedAt: string[] }>;
}
