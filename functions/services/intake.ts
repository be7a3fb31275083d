import {
  type CaseEvent,
  type CaseRecord,
  type NewComplaint,
  newCaseRecord,
  UNCLASSIFIED,
} from '../domain/case.js';
import type { EvidenceRef } from '../domain/evidence/evidence.js';
import {
  type Notification,
  pendingNotifications,
  receiptNotification,
} from '../domain/lifecycle/notifications.js';
import { routeHint } from '../domain/lifecycle/route-hint.js';
import { type Catalog, findArea, findCategory } from '../domain/reference/catalog.js';
import { formatTrackingCode, newAccessCode, newCaseId } from '../domain/tracking-code.js';
import { AppError, type FieldProblem, overloaded, validationError } from './errors.js';
import { attachStaged, type EvidenceDeps, releaseStaged } from './evidence.js';
import type {
  Admission,
  CaseStore,
  CatalogSource,
  Clock,
  IdempotencyClaim,
  Logger,
  LookupKeys,
  ReporterVault,
  Secrets,
  WorkflowStarter,
} from './ports.js';

export interface IntakeDeps {
  store: CaseStore;
  workflow: WorkflowStarter;
  clock: Clock;
  secrets: Secrets;
  vault: ReporterVault;
  catalog: CatalogSource;
  logger?: Logger;
  /** Lookup hash of the reporter's phone (staff search), and the ids derived from an Idempotency-Key. */
  lookupKeys: LookupKeys;
  /** Refuses intake under a flood (embedded runtime); absent = always admitted. */
  admission?: Admission | undefined;
  /** Wakes notification delivery after a case that notifies its reporter; optional. */
  notify?: (() => void) | undefined;
  /** Needed only for complaints that carry staged photos. */
  evidence?: EvidenceDeps;
}

export interface IntakeReceipt {
  trackingCode: string;
  accessCode: string;
  status: CaseRecord['status'];
  receivedAt: string;
}

/**
 * Intake (受理): store the complaint as one case item and start its workflow.
 *
 * Without transactions, an `Idempotency-Key` makes retries safe with one write: the key fixes the case
 * id and access code (derived with the runtime's secret), the case item is put with
 * `attribute_not_exists` and carries the key's claim (a keyed tag and the request's digest), and the
 * workflow start is idempotent on the case id. A retry after a crash before or after the write files
 * or finds the same case; the same key with another body is refused (422). The new execution gets the
 * case as stored, so its Route task does not read it back.
 */
export async function submitComplaint(
  deps: IntakeDeps,
  complaint: NewComplaint,
  opts: IntakeOptions = {},
): Promise<IntakeReceipt> {
  const admitted = deps.admission?.check();
  if (admitted && !admitted.admitted) throw overloaded(admitted.retryAfterSeconds);
  const catalog = await deps.catalog.get();
  // A case for triage (mailbox, unmapped 12345 order) may come without category and area: 待分类.
  const triage = opts.startWorkflow === false;
  const category =
    triage && complaint.category === UNCLASSIFIED ? unclassified : findCategory(catalog, complaint.category);
  const problems = complaintProblems(
    catalog,
    {
      ...complaint,
      category: triage && complaint.category === UNCLASSIFIED ? undefined : complaint.category,
      area: triage && complaint.area === UNCLASSIFIED ? undefined : complaint.area,
    },
    deps.clock.now(),
  );
  if (problems.length > 0 || !category) throw validationError(problems);

  const now = deps.clock.now();
  const key = opts.idempotencyKey;
  // With a key the case id, the access code and (on a retry) the receipt time come from the key, so
  // a retry writes exactly the item an earlier attempt may have written, and one conditional put
  // both files and de-duplicates (ARCHITECTURE §3, folded: README design notes).
  const requestHash = key
    ? deps.secrets.digest(canonicalJson(opts.fingerprint ?? { complaint, enteredBy: opts.enteredBy ?? null }))
    : undefined;
  const legacy = key && opts.permanentKey ? await legacyClaim(deps, key, requestHash as string) : undefined;
  if (legacy) return legacy;
  for (let attempt = 0; ; attempt++) {
    const ids = key ? await keyedIds(deps, key, attempt) : { ...freshIds(deps), tag: undefined };
    const filed = await fileCase(deps, complaint, category, opts, {
      ...ids,
      receivedAt: now,
      claim: ids.tag && requestHash ? { tag: ids.tag, requestHash } : undefined,
    });
    if (filed !== COLLISION) return filed;
    // Without a key a taken id is a (very rare) collision: the caller retries with a new id. With a
    // key the derived id belongs to another key's case: take the key's next derived id.
    if (!key) throw new IdCollision();
    if (attempt >= 4) throw new AppError(503, 'STORE_UNAVAILABLE', 'Please retry later.');
  }
}

const COLLISION = Symbol('id taken by another case');

/** Stores the case (or finds the one an earlier attempt with the same key stored) and starts its workflow. */
async function fileCase(
  deps: IntakeDeps,
  complaint: NewComplaint,
  category: { urgentByDefault: boolean },
  opts: IntakeOptions,
  ids: {
    caseId: string;
    accessCode: string;
    receivedAt: Date;
    claim?: IdempotencyClaim | undefined;
  },
): Promise<IntakeReceipt | typeof COLLISION> {
  const { caseId, accessCode, receivedAt } = ids;
  const phone = complaint.anonymous ? undefined : complaint.reporter?.phone;
  const reporterPhoneKey = phone ? await deps.lookupKeys.phone(phone) : undefined;
  const uploads = complaint.evidence ?? [];
  if (uploads.length > 0 && !deps.evidence) {
    throw validationError([{ path: 'evidence', message: 'evidence files are not accepted here' }]);
  }
  const evidence =
    uploads.length > 0 && deps.evidence
      ? await attachStaged(deps.evidence, {
          caseId,
          uploadIds: uploads,
          addedBy: opts.enteredBy ?? 'citizen',
          uploader: opts.enteredBy ? 'staff' : 'citizen',
          at: receivedAt.toISOString(),
          path: 'evidence',
        })
      : await opts.evidence?.(caseId, receivedAt.toISOString());
  const fresh = newCaseRecord({
    id: caseId,
    complaint,
    sealedReporter:
      complaint.anonymous || !complaint.reporter
        ? undefined
        : await deps.vault.seal(caseId, complaint.reporter),
    accessCodeHash: await deps.secrets.hashAccessCode(accessCode),
    receivedAt,
    enteredBy: opts.enteredBy,
    urgentByDefault: category.urgentByDefault,
    evidence,
  });
  const noted = opts.events?.length
    ? {
        ...fresh,
        events: [...fresh.events, ...opts.events.map((e): CaseEvent => ({ ...e, at: fresh.receivedAt }))],
      }
    : fresh;
  const record: CaseRecord = reporterPhoneKey ? { ...noted, reporterPhoneKey } : noted;

  // The receipt (and, for a channel that asks, its own reply) is stored with the case in one write.
  const notices = opts.notifications
    ? opts.notifications(record, accessCode)
    : Promise.resolve(receiptNotification(record));
  const pending = pendingNotifications(caseId, record.version, record.receivedAt, await notices);
  let stored = record;
  let replayed = false;
  if (!(await deps.store.createCase(record, pending, ids.claim))) {
    const existing = ids.claim ? await deps.store.getClaimedCase(caseId) : undefined;
    if (!existing || existing.claim?.tag !== ids.claim?.tag) return COLLISION;
    if (existing.claim?.requestHash !== ids.claim?.requestHash)
      throw keyReused(opts.permanentKey ? existing.record.id : undefined);
    // The same request filed earlier (its answer was lost, or it stopped before the workflow
    // started): finish that case and give the same answer.
    stored = existing.record;
    replayed = true;
  }
  opts.onClaim?.({ replayed, caseId });
  if (pending.length > 0 && !replayed) deps.notify?.();
  if (opts.startWorkflow === false) return receiptOf(caseId, accessCode, stored);
  if (deps.evidence && uploads.length > 0) await releaseStaged(deps.evidence, uploads);
  try {
    await deps.workflow.startCaseWorkflow(caseId, 1, { route: routeHint(stored) });
  } catch (e) {
    // The case is stored. With a key the client retries and the retry finishes the start; without
    // one a retry would file a duplicate, so acknowledge: the recovery pass (resume every open case
    // without a running execution) starts it, and dispatchers see it in the `submitted` queue.
    if (ids.claim) {
      throw new AppError(
        503,
        'WORKFLOW_UNAVAILABLE',
        'Please retry with the same Idempotency-Key; nothing will be filed twice.',
      );
    }
    deps.logger?.error('workflow start failed; case left for recovery', { caseId, error: (e as Error).name });
  }
  return receiptOf(caseId, accessCode, stored);
}

function receiptOf(caseId: string, accessCode: string, stored: CaseRecord): IntakeReceipt {
  return {
    trackingCode: formatTrackingCode(caseId),
    accessCode,
    status: stored.status,
    receivedAt: stored.receivedAt,
  };
}

/**
 * What the schema cannot check because it depends on reference data and the clock: the category and
 * area exist, the date is not in the future. Pages call it for each step, intake before storing.
 */
export function complaintProblems(
  catalog: Catalog,
  complaint: Partial<Pick<NewComplaint, 'category' | 'area' | 'occurredOn'>>,
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (complaint.category !== undefined && !findCategory(catalog, complaint.category)) {
    problems.push({
      path: 'category',
      code: 'unknown_value',
      message: `Unknown category "${complaint.category}".`,
    });
  }
  if (complaint.area !== undefined && !findArea(catalog, complaint.area))
    problems.push({ path: 'area', code: 'unknown_value', message: `Unknown area "${complaint.area}".` });
  if (complaint.occurredOn && complaint.occurredOn > shanghaiToday(now)) {
    problems.push({ path: 'occurredOn', code: 'in_future', message: 'must not be in the future' });
  }
  return problems;
}

export interface IntakeOptions {
  idempotencyKey?: string | undefined;
  enteredBy?: string | undefined;
  /** False: the case waits in the dispatcher's triage queue (submitted) until classified (mailbox). */
  startWorkflow?: boolean | undefined;
  /** What a retry must repeat to count as the same request (default: the complaint and who entered it). */
  fingerprint?: unknown;
  /** The idempotency record never expires (Message-ID, 12345 order number). */
  permanentKey?: boolean | undefined;
  /** Told whether the key was new or a replay of an earlier filing (channels report duplicates). */
  onClaim?: ((claim: { replayed: boolean; caseId: string }) => void) | undefined;
  /**
   * Files that came with the complaint itself (mail attachments): stored under the case id the claim
   * fixed, idempotently, before the case write that references them.
   */
  evidence?: ((caseId: string, at: string) => Promise<EvidenceRef[]>) | undefined;
  /** Further history entries written with the new case (e.g. attachments not kept), stamped `receivedAt`. */
  events?: readonly { type: string; actor: string; [detail: string]: unknown }[] | undefined;
  /** Notifications stored with the new case; default: the citizen's receipt. */
  notifications?: ((record: CaseRecord, accessCode: string) => Promise<Notification[]>) | undefined;
}

/** Retries intake on the rare id collision (31^10 ids), so callers never see it. */
export async function submitComplaintWithRetry(
  deps: IntakeDeps,
  complaint: NewComplaint,
  opts: IntakeOptions = {},
): Promise<IntakeReceipt> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await submitComplaint(deps, complaint, opts);
    } catch (e) {
      if (!(e instanceof IdCollision) || attempt >= 4) throw e;
    }
  }
}

class IdCollision extends Error {}

/** Stand-in category of a case filed for triage: no defaults beyond the ordinary ones. */
const unclassified = { code: UNCLASSIFIED, urgentByDefault: false } as const;

function freshIds(deps: IntakeDeps) {
  return { caseId: newCaseId(deps.secrets.randomBytes), accessCode: newAccessCode(deps.secrets.randomBytes) };
}

/**
 * The case id, access code and claim tag a key stands for: derived with the runtime's secret, so
 * every attempt with the key names the same case and hands out the same access code, and nobody
 * without the secret can compute either from the key. `attempt` > 0 only after the derived id turned
 * out to belong to another key's case (about one in 10^14).
 */
async function keyedIds(deps: IntakeDeps, key: string, attempt: number) {
  const [id, access, tag] = await Promise.all([
    deps.lookupKeys.derive('duban-intake-case', `${attempt}\0${key}`),
    deps.lookupKeys.derive('duban-intake-access', key),
    deps.lookupKeys.derive('duban-intake-tag', key),
  ]);
  return {
    caseId: newCaseId(id),
    accessCode: newAccessCode(access),
    tag: Buffer.from(tag(18)).toString('base64url'),
  };
}

/**
 * A key already used for a different request. For a channel's permanent key (a 12345 order number) the
 * error carries the case it filed, so the import summary can link it; a web or API client gets none.
 */
function keyReused(caseId?: string) {
  return new AppError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for a different complaint. Use a new key for a new complaint.',
    undefined,
    caseId ? { trackingCode: formatTrackingCode(caseId) } : undefined,
  );
}

/**
 * A permanent key (mail Message-ID, 12345 order number) recorded as an IDEM item before claims moved
 * onto the case: answer from that record, so such a key still never files twice. Costs a read only
 * for channel intake; web and API keys never had permanent records.
 */
async function legacyClaim(
  deps: IntakeDeps,
  key: string,
  requestHash: string,
): Promise<IntakeReceipt | undefined> {
  const existing = await deps.store.findIdempotencyRecord(key);
  if (!existing) return undefined;
  if (existing.requestHash !== requestHash) throw keyReused(existing.caseId);
  const stored = await deps.store.getCase(existing.caseId);
  return {
    trackingCode: formatTrackingCode(existing.caseId),
    accessCode: await deps.vault.openSecret(existing.caseId, existing.sealedAccessCode),
    status: stored?.status ?? 'submitted',
    receivedAt: stored?.receivedAt ?? existing.createdAt,
  };
}

/** Today's civil date in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** JSON with sorted keys, so the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
