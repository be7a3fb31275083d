import type { CaseRepository } from '../adapters/dynamo/case-repository.js';
import type { subjectKinds } from '../domain/reference/catalog.js';
import type { EvidenceDeps } from '../services/evidence.js';
import type { HostedLoginDeps } from '../services/hosted-login.js';
import type { OverviewQueries } from '../services/leader-overview.js';
import type { DevMailboxReader, NotificationAdminDeps } from '../services/notification-admin.js';
import type { Open311Deps } from '../services/open311.js';
import type { Outbox } from '../services/outbox-port.js';
import type {
  Admission,
  CalendarSource,
  CaseQueries,
  CatalogSource,
  Clock,
  Logger,
  LookupKeys,
  ReporterVault,
  Secrets,
  SubjectCases,
  WorkflowStarter,
} from '../services/ports.js';
import type { RateLimiter } from '../services/rate-limiter.js';
import type { NoticeStore, ReportCaseSource } from '../services/reports/ports.js';
import type { IdentityDeps } from '../services/staff-accounts.js';
import type { WorkOrderHttpDeps } from './work-orders-api.js';

/** Everything the app needs, injected: AWS adapters on Lambda, embedded ones locally, fakes in tests. */
export interface AppDeps {
  store: CaseRepository;
  outbox: Outbox;
  workflow: WorkflowStarter;
  calendar: CalendarSource;
  clock: Clock;
  secrets: Secrets;
  vault: ReporterVault;
  catalog: CatalogSource;
  logger: Logger;
  subjectKinds: typeof subjectKinds;
  identity: IdentityDeps;
  /** Staff lists and queue counts: key conditions on the table's indexes. */
  queries: CaseQueries;
  /** Keyed lookup hashes (reporter phone) for staff search. */
  lookupKeys: LookupKeys;
  /** Index reads behind the leader overview. */
  overview: OverviewQueries;
  /** Staff sign-in through the Cognito managed login (AWS); absent on the embedded runtime. */
  hostedLogin?: HostedLoginDeps | undefined;
  /** Per-client-IP limits on the public endpoints (limit 0 = off). */
  limits: { intake: RateLimiter; tracking: RateLimiter };
  /**
   * Take the client IP from X-Forwarded-For (only behind trusted proxies): `true` or a number of
   * trusted hops (TRUST_PROXY_HOPS; the entry that many places from the right is the client).
   */
  trustProxy: boolean | number;
  /** Open cases about the same subject and category (the report form's repeat note). */
  subjectCases: SubjectCases;
  /** The hotline number and mailbox address shown to citizens (HOTLINE_NUMBER, MAILBOX_ADDRESS). */
  publicContact?: { hotline: string; mailbox: string };
  /** Monthly notice (月度督查通报): the month's cases from its index partitions, published snapshots. */
  reportCases: ReportCaseSource;
  notices: NoticeStore;
  /** Intake admission control (embedded runtime: workflow backlog and heap); absent = always admitted. */
  admission?: Admission | undefined;
  /** Wakes notification delivery after a change that stored notifications (embedded runtime). */
  notify?: (() => void) | undefined;
  /** Staff notification profiles and the dead-letter list (admin). */
  notifications?: NotificationAdminDeps | undefined;
  /** Open311 apps (keys) and the per-key rate limit. */
  open311?: Open311Deps['open311'] | undefined;
  /** 12345 work-order exchange: the type/region mapping and the reply queries. */
  workOrders?: WorkOrderHttpDeps | undefined;
  /** Embedded runtime only: what the system sent (development mailbox page). */
  devMailbox?: DevMailboxReader | undefined;
  /** Evidence files: object storage, links to read them, how uploads arrive. */
  evidence: EvidenceDeps;
}

/**
 * What the citizen part of the app needs (public API, evidence uploads, Open311, citizen pages and the
 * page stack): the citizen Lambda builds only these, so it imports no staff-only adapter. Staff tokens
 * are still verified (a signed-in staff member may use the public pages).
 */
export type CitizenDeps = Pick<
  AppDeps,
  | 'store'
  | 'outbox'
  | 'workflow'
  | 'calendar'
  | 'clock'
  | 'secrets'
  | 'vault'
  | 'catalog'
  | 'logger'
  | 'subjectKinds'
  | 'limits'
  | 'trustProxy'
  | 'subjectCases'
  | 'publicContact'
  | 'admission'
  | 'notify'
  | 'open311'
  | 'evidence'
  | 'lookupKeys'
> & { identity: Pick<IdentityDeps, 'verifier' | 'sessions'> };
