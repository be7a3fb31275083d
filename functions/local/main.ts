/**
 * `npm start`: the whole system on one machine. Configuration from the environment:
 *   PORT (3000), DATA_DIR (.data), CLOCK_SPEED (1; 86400 = one domain day per real second),
 *   DEMO_PASSWORD (duban-demo), INTAKE_RATE_LIMIT (10/min/IP), TRACK_RATE_LIMIT (30), TRUST_PROXY,
 *   TRUST_PROXY_HOPS, MAX_CONNECTIONS,
 *   HOTLINE_NUMBER and MAILBOX_ADDRESS (shown on the public pages; MAILBOX_ADDRESS is also the
 *   complaint address the SMTP server files), SMTP_PORT (2525), MAIL_FROM (noreply@duban.example.cn),
 *   MAILBOX_MAX_BYTES (25 MB), MAILBOX_SENDER_LIMIT (5 a sender an hour), OPEN311_RATE_LIMIT (60/min/key),
 *   INTAKE_MAX_BACKLOG (10000 workflow executions waiting) and INTAKE_MAX_HEAP (0.85 of the heap limit):
 *   past either, intake answers 503 with Retry-After instead of running out of memory.
 */
import './node-version.js';
import { resolve } from 'node:path';
import { jsonLogger } from '../http/logger.js';
import { publicContact } from '../http/public-contact.js';
import { startRuntime } from './runtime.js';

// Everything this process writes under DATA_DIR (store, keys, evidence files) is for its owner only.
process.umask(0o077);
const logger = jsonLogger();
const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const clockSpeed = Number(process.env.CLOCK_SPEED ?? 1);

const optionalNumber = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
const runtime = await startRuntime({
  port,
  dataDir,
  clockSpeed,
  logger,
  hostname: process.env.HOST ?? '127.0.0.1',
  demoPassword: process.env.DEMO_PASSWORD,
  intakeRateLimit: optionalNumber(process.env.INTAKE_RATE_LIMIT),
  trackRateLimit: optionalNumber(process.env.TRACK_RATE_LIMIT),
  // TRUST_PROXY=1: one trusted proxy in front; TRUST_PROXY_HOPS=n for a chain of n.
  trustProxy: optionalNumber(process.env.TRUST_PROXY_HOPS) ?? process.env.TRUST_PROXY === '1',
  publicContact: publicContact(process.env),
  maxIntakeBacklog: optionalNumber(process.env.INTAKE_MAX_BACKLOG),
  maxHeapFraction: optionalNumber(process.env.INTAKE_MAX_HEAP),
  noticeSchedule: true,
  serverLimits: { maxConnections: optionalNumber(process.env.MAX_CONNECTIONS) },
  open311RateLimit: optionalNumber(process.env.OPEN311_RATE_LIMIT),
  channels: {
    smtpPort: Number(process.env.SMTP_PORT ?? 2525),
    mailboxAddress: process.env.MAILBOX_ADDRESS || undefined,
    mailFrom: process.env.MAIL_FROM || undefined,
    maxMailBytes: optionalNumber(process.env.MAILBOX_MAX_BYTES),
    mailsPerSenderPerHour: optionalNumber(process.env.MAILBOX_SENDER_LIMIT),
  },
});
logger.info('duban started', {
  url: runtime.url,
  dataDir,
  clockSpeed,
  smtpPort: runtime.channels.smtp.port,
  mailbox: runtime.channels.mailboxAddress,
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  await runtime.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
