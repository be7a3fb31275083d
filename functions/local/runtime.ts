/**
 * The embedded runtime (`npm start`): dynalite, the app and the workflow runner in one process, with
 * no AWS account. Tests start it too (in memory, on a random port) so they exercise the real stack.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/client-node';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { scaledClock } from '../adapters/clock.js';
import { appSignedLinks } from '../adapters/crypto/evidence-links.js';
import { createLookupKeys, localLookupKey } from '../adapters/crypto/lookup-keys.js';
import { createReporterVault, localKeyring } from '../adapters/crypto/reporter-vault.js';
import { createSecrets } from '../adapters/crypto/secrets.js';
import { createAdminRoster } from '../adapters/dynamo/admin-roster.js';
import { createCaseQueries } from '../adapters/dynamo/case-queries.js';
import { type CaseRepository, createCaseRepository } from '../adapters/dynamo/case-repository.js';
import { createDynamoClient } from '../adapters/dynamo/client.js';
import { ensureTable } from '../adapters/dynamo/create-table.js';
import { createCursorSealer, ephemeralCursorKey, localCursorKey } from '../adapters/dynamo/cursor.js';
import { createImportJobStore } from '../adapters/dynamo/import-job-store.js';
import { createNoticeStore } from '../adapters/dynamo/notice-repository.js';
import { createOpen311Apps } from '../adapters/dynamo/open311-apps.js';
import { createOutbox } from '../adapters/dynamo/outbox-repository.js';
import { createOverviewQueries } from '../adapters/dynamo/overview-queries.js';
import { createReportCaseSource } from '../adapters/dynamo/report-cases.js';
import { createSessionStore } from '../adapters/dynamo/session-repository.js';
import { createStaffRepository } from '../adapters/dynamo/staff-repository.js';
import { createSubjectCases } from '../adapters/dynamo/subject-cases.js';
import { backfillWakeIndex, markWakeIndexComplete } from '../adapters/dynamo/wake-backfill.js';
import { sweepWakeIndex, type WakeSweep } from '../adapters/dynamo/wake-index.js';
import { workOrderReplyQueries } from '../adapters/dynamo/work-order-queries.js';
import { scryptPasswords } from '../adapters/identity/password.js';
import { localTokens } from '../adapters/identity/tokens.js';
import { createS3Client } from '../adapters/s3/client.js';
import { createS3ObjectStore } from '../adapters/s3/object-store.js';
import { tableDesign } from '../adapters/table-design.js';
import { subjectKinds } from '../domain/reference/catalog.js';
import { createApp, type DubanApp } from '../http/app.js';
import type { AppDeps } from '../http/deps.js';
import { jsonLogger } from '../http/logger.js';
import { reportDeps } from '../http/reports-api.js';
import { createCalendarSource } from '../services/calendar-source.js';
import { createCatalogSource } from '../services/catalog-source.js';
import { receiveComplaintMail, smtpReply } from '../services/mailbox/receive-mail.js';
import { retryDeadLetter } from '../services/notification-delivery.js';
import type { Clock, Logger, WorkflowStarter } from '../services/ports.js';
import { createRateLimiter, loginFailureLimiters, publicRateLimits } from '../services/rate-limiter.js';
import { runScheduledNotice } from '../services/reports/scheduled-notice.js';
import { seedDemoAccounts, tableStaffDirectory } from '../services/staff-accounts.js';
import { backgroundImportRunner } from '../services/work-order-imports.js';
import { createMappingSource } from '../services/work-orders.js';
import { createAdmission } from './admission.js';
import { startEmbeddedStore } from './dynalite-store.js';
import {
  type LocalChannelOptions,
  type LocalChannels,
  seedDemoProfiles,
  seedOpen311DemoApp,
  startLocalChannels,
} from './local-channels.js';
import { deferredObjectStore, startObjectServer } from './object-server.js';

export const DEFAULT_DEMO_PASSWORD = 'duban-demo';
/** Workflow executions waiting or running past which intake answers 503 (INTAKE_MAX_BACKLOG). */
const DEFAULT_MAX_INTAKE_BACKLOG = 10_000;

import { type NoticeScheduler, startNoticeScheduler } from './notice-scheduler.js';
import { createLocalWorkflowRunner, type LocalWorkflowRunner, type WaitStrategy } from './workflow-runner.js';

/** Embedded HTTP server limits suited to a public service (MAX_CONNECTIONS overrides the count). */
export const DEFAULT_SERVER_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 1_000,
};

export interface RuntimeOptions {
  /** Header/request timeouts and the connection cap of the embedded server. */
  serverLimits?: Partial<typeof DEFAULT_SERVER_LIMITS>;
  /** Where data and keys live; omit for an in-memory store (tests). */
  dataDir?: string | undefined;
  /** HTTP port; 0 picks a free one. Omit `port` entirely to not listen (tests using app.request()). */
  port?: number | undefined;
  hostname?: string;
  clock?: Clock;
  clockSpeed?: number;
  logger?: Logger;
  /** Replaces the workflow runner (intake tests that only record starts). */
  workflow?: WorkflowStarter;
  /** Lifetime of staff tokens (default one hour). */
  tokenTtlSeconds?: number;
  /** Password of the seeded demo accounts (DEMO_PASSWORD). */
  demoPassword?: string;
  /** Public intake requests a minute per client IP (INTAKE_RATE_LIMIT; 0 = off). */
  intakeRateLimit?: number;
  /** Public tracking/feedback requests a minute per client IP (TRACK_RATE_LIMIT; 0 = off). */
  trackRateLimit?: number;
  /** Take the client IP from X-Forwarded-For behind this many trusted proxies (TRUST_PROXY=1 → 1 hop,
   * TRUST_PROXY_HOPS=n); `false`/0 = use the socket address. */
  trustProxy?: boolean | number;
  /** How the workflow scheduler sleeps; tests pass a function to drive time themselves. */
  workflowWait?: WaitStrategy;
  /** Workflow executions running at once, due cases per scheduler batch (tests and benches). */
  workflowConcurrency?: number;
  workflowBatchSize?: number;
  /** Intake answers 503 while the workflow backlog is at least this (INTAKE_MAX_BACKLOG, 10 000). */
  maxIntakeBacklog?: number | undefined;
  /** Intake answers 503 while the heap is past this fraction of its limit (INTAKE_MAX_HEAP, 0.85). */
  maxHeapFraction?: number | undefined;
  tableName?: string;
  /** Run the monthly notice job on the clock (`npm start`); tests leave it off and call it themselves. */
  noticeSchedule?: boolean;
  /** Hotline number and mailbox address shown on the public pages (HOTLINE_NUMBER, MAILBOX_ADDRESS). */
  publicContact?: { hotline: string; mailbox: string } | undefined;
  /** Notification delivery and the SMTP server (ports, addresses, senders). */
  channels?: LocalChannelOptions;
  /** Open311 requests a minute per api_key (OPEN311_RATE_LIMIT; 0 = off). */
  open311RateLimit?: number | undefined;
}

export interface Runtime {
  app: DubanApp;
  deps: AppDeps;
  store: CaseRepository;
  /** The in-process Step Functions runner (absent when `workflow` replaced it). */
  runner?: LocalWorkflowRunner;
  /** Base URL when listening. */
  url?: string;
  storeEndpoint: string;
  /** The runtime's one DynamoDB client (tests and benches count its calls with a middleware). */
  storeClient: DynamoDBClient;
  /** Reads the wake index (due cases at `now`, at most `limit`, and the next wake): tests and benches. */
  sweepWakeIndex(now: Date, limit: number): Promise<WakeSweep>;
  /** Notification delivery, SMTP server and development mailbox. */
  channels: LocalChannels;
  /** 12345 file imports running in the background: tests and benches wait with `drain()`. */
  importRunner: ReturnType<typeof backgroundImportRunner>;
  close(): Promise<void>;
}

export async function startRuntime(opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? jsonLogger();
  if (opts.dataDir) {
    // Store files and keys are for this user only: the directory is 0700 (new files are 0600 under the
    // umask `npm start` sets), so other local users can neither list nor read them.
    mkdirSync(join(opts.dataDir, 'keys'), { recursive: true, mode: 0o700 });
    chmodSync(opts.dataDir, 0o700);
    chmodSync(join(opts.dataDir, 'keys'), 0o700);
  }
  // The evidence bucket (s3rver) starts on its own worker thread while the rest starts; only the
  // first evidence request waits for it.
  const objectServer = startObjectServer({ dataDir: opts.dataDir });
  const embedded = await startEmbeddedStore({ dataDir: opts.dataDir });
  // The runtime's own store calls go over the store worker's message port (no socket, no HTTP client
  // on the main thread); `storeEndpoint` stays HTTP for tests and tools.
  const client = createDynamoClient({
    endpoint: embedded.endpoint,
    region: 'local',
    requestHandler: embedded.requestHandler,
  });
  const tableName = opts.tableName ?? tableDesign.defaultTableName;
  const table = await ensureTable(client, tableName, (msg, data) => logger.info(msg, data));
  const store = createCaseRepository(client, tableName);
  // A new table has every wake entry from the start (whether or not this start runs the workflow).
  if (table === 'created') await markWakeIndexComplete(store);
  const clock = opts.clock ?? scaledClock(opts.clockSpeed ?? 1);
  const catalog = createCatalogSource(store);
  const calendar = createCalendarSource(store);
  await Promise.all([catalog.get(), calendar.get()]); // seeds the demo district and calendar on first start
  const cursors = createCursorSealer(
    opts.dataDir ? localCursorKey(join(opts.dataDir, 'keys', 'cursor.key')) : ephemeralCursorKey(),
  );
  const outbox = createOutbox(client, tableName, cursors);
  const s3 = objectServer.then((server) => ({
    server,
    client: createS3Client({ endpoint: server.endpoint }),
  }));
  const secrets = createSecrets();

  const keyring = opts.dataDir
    ? localKeyring(join(opts.dataDir, 'keys', 'reporter-data.key'))
    : new RawAesKeyringNode({
        keyNamespace: 'duban-local',
        keyName: 'reporter-data',
        unencryptedMasterKey: new Uint8Array(randomBytes(32)),
        wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
      });

  const vault = createReporterVault(keyring);
  const channels = await startLocalChannels(
    { client, tableName, store, outbox, vault, catalog, clock, logger },
    opts.channels,
  );
  const notify = () => channels.delivery.kick();

  // The runner's tasks may start a new cycle (reopen) through the same starter the app uses.
  const starter: WorkflowStarter = {
    startCaseWorkflow: (id, cycle, start) => workflow.startCaseWorkflow(id, cycle, start),
  };
  const runner = opts.workflow
    ? undefined
    : createLocalWorkflowRunner({
        deps: { store, workflow: starter, notify, clock, catalog, calendar, logger },
        logger,
        wait: opts.workflowWait,
        sweep: (now, limit) => sweepWakeIndex(client, tableName, now, limit),
        maxConcurrentExecutions: opts.workflowConcurrency,
        batchSize: opts.workflowBatchSize,
        // The runner holds as many queued starts as intake admits (beyond, a start waits in the wake
        // index), so intake's backlog limit is reachable and a flood gets 503s, not a longer queue.
        maxBacklog: opts.maxIntakeBacklog ?? DEFAULT_MAX_INTAKE_BACKLOG,
      });
  const workflow: WorkflowStarter = opts.workflow ?? (runner as LocalWorkflowRunner);

  const tokens = await localTokens({
    keyFile: opts.dataDir ? join(opts.dataDir, 'keys', 'token-signing.jwk.json') : undefined,
    ttlSeconds: opts.tokenTtlSeconds,
  });
  const staff = createStaffRepository(client, tableName);
  const seeded = await seedDemoAccounts(
    staff,
    scryptPasswords,
    opts.demoPassword ?? DEFAULT_DEMO_PASSWORD,
    clock.now(),
  );
  if (seeded > 0) logger.info('demo accounts created', { accounts: seeded });
  await seedDemoProfiles(staff, channels.profiles);

  // 12345 file imports run in this process after the upload's answer; close() waits for them.
  const importRunner = backgroundImportRunner(5000, logger);
  const deps: AppDeps = {
    store,
    outbox,
    clock,
    catalog,
    calendar,
    logger,
    secrets,
    vault,
    workflow: starter,
    notify,
    notifications: {
      profiles: channels.profiles,
      deadLetters: channels.deliveryDeps.deadLetters,
      retryDeadLetter: (id) => retryDeadLetter(channels.deliveryDeps, id),
    },
    devMailbox: channels.devMailbox,
    open311: {
      apps: createOpen311Apps(client, tableName),
      perKey: createRateLimiter({ limit: opts.open311RateLimit ?? 60, windowMs: 60_000 }),
    },
    workOrders: {
      mapping: createMappingSource(store),
      replies: workOrderReplyQueries(client, tableName, cursors),
      imports: {
        jobs: createImportJobStore(client, tableName),
        runner: importRunner,
        newId: () => randomBytes(12).toString('base64url'),
      },
    },
    subjectKinds,
    identity: {
      staff,
      directory: tableStaffDirectory(staff, clock, scryptPasswords),
      verifier: tokens.verifier,
      issuer: tokens.issuer,
      passwords: scryptPasswords,
      loginFailures: loginFailureLimiters(),
      sessions: createSessionStore(client, tableName),
      adminRoster: createAdminRoster(client, tableName),
    },
    subjectCases: createSubjectCases(client, tableName),
    queries: createCaseQueries(client, tableName, cursors),
    lookupKeys: createLookupKeys(
      opts.dataDir ? localLookupKey(join(opts.dataDir, 'keys', 'lookup.key')) : randomBytes(32),
    ),
    overview: createOverviewQueries(client, tableName),
    limits: publicRateLimits(opts.intakeRateLimit, opts.trackRateLimit),
    trustProxy: opts.trustProxy ?? false,
    publicContact: opts.publicContact,
    reportCases: createReportCaseSource(client, tableName),
    notices: createNoticeStore(client, tableName),
    admission: createAdmission({
      backlog: () => runner?.backlog() ?? 0,
      maxBacklog: opts.maxIntakeBacklog ?? DEFAULT_MAX_INTAKE_BACKLOG,
      maxHeapFraction: opts.maxHeapFraction,
    }),
    evidence: {
      objects: deferredObjectStore(
        s3.then(({ server, client }) =>
          createS3ObjectStore(client, server.bucket, { postUrl: `${server.endpoint}/${server.bucket}` }),
        ),
      ),
      links: appSignedLinks(),
      secrets,
      now: () => new Date(),
      directUpload: true,
      logger,
    },
  };
  // Nothing is resumed eagerly: the runner's scheduler finds due cases in the wake index. A data folder
  // from before the wake index gets its entries once, in the background.
  let closing = false;
  const backfill = runner
    ? backfillWakeIndex(client, tableName, store, () => closing).then(
        (n) => n > 0 && logger.info('wake index backfilled', { cases: n }),
        (e: Error) => logger.error('wake index backfill failed', { error: e.name }),
      )
    : Promise.resolve();
  const app = createApp(deps);
  const noticeScheduler: NoticeScheduler | undefined = opts.noticeSchedule
    ? startNoticeScheduler({
        clock,
        logger,
        job: () => runScheduledNotice(reportDeps(deps)),
      })
    : undefined;
  await seedOpen311DemoApp(deps);
  const perSender = createRateLimiter({
    limit: opts.channels?.mailsPerSenderPerHour ?? 5,
    windowMs: 3600_000,
    now: () => clock.now().getTime(),
  });
  channels.setMailboxHandler(async (raw) =>
    smtpReply(
      await receiveComplaintMail(
        {
          ...deps,
          mailbox: {
            ownAddresses: [channels.mailboxAddress, channels.mailFrom],
            maxBytes: channels.maxMailBytes,
            perSender,
          },
        },
        raw,
      ),
    ),
  );

  const limits = {
    ...DEFAULT_SERVER_LIMITS,
    ...Object.fromEntries(Object.entries(opts.serverLimits ?? {}).filter(([, v]) => v !== undefined)),
  };
  let server: ReturnType<typeof serve> | undefined;
  let url: string | undefined;
  if (opts.port !== undefined) {
    const hostname = opts.hostname ?? '127.0.0.1';
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve(
        {
          fetch: app.fetch,
          port: opts.port,
          hostname,
          serverOptions: {
            // A slow client gets 10 s for its headers and 30 s for the whole request, checked every second.
            headersTimeout: limits.headersTimeoutMs,
            requestTimeout: limits.requestTimeoutMs,
            keepAliveTimeout: 5_000,
            connectionsCheckingInterval: 1_000,
          },
        },
        () => resolve(s),
      );
      // Beyond this many open connections new ones are dropped at once instead of queueing.
      (s as unknown as { maxConnections: number }).maxConnections = limits.maxConnections;
    });
    url = `http://${hostname}:${(server.address() as AddressInfo).port}`;
    // Links in staff e-mail (a published notice) point at this server.
    channels.deliveryDeps.staffBaseUrl = url;
  }

  return {
    app,
    deps,
    store,
    url,
    runner,
    storeEndpoint: embedded.endpoint,
    storeClient: client,
    sweepWakeIndex: (now, limit) => sweepWakeIndex(client, tableName, now, limit),
    channels,
    importRunner,
    async close() {
      noticeScheduler?.stop();
      // Prompt stop (SIGTERM): refuse new connections, drop idle keep-alive ones, give requests in
      // flight a short grace, abort the workflows (their cases stay due in the wake index).
      closing = true;
      const stopped = runner?.stop();
      await backfill;
      if (server) {
        const http = server as Server;
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        const grace = setTimeout(() => http.closeAllConnections(), 2000);
        await closed;
        clearTimeout(grace);
      }
      await stopped;
      await importRunner.drain(true);
      await channels.close();
      client.destroy();
      const objects = await s3;
      objects.client.destroy();
      await Promise.all([embedded.close(), objects.server.close()]);
    },
  };
}
