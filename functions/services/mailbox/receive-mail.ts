/**
 * The complaint mailbox (举报邮箱): an e-mail to the complaint address becomes a case on channel
 * `email`, waiting in the dispatcher's triage queue (status submitted, 待分类: category and area are set
 * there, then it is routed as usual). The sender gets an automatic reply with the tracking and access
 * codes, stored with the case in the same write and delivered like any notification.
 *
 * The same function serves the embedded SMTP server and, on AWS, the function reading SES-received
 * messages from S3. Bad mail is refused or quarantined with a reason in the log — never an address,
 * a subject or a body — and one Message-ID never files twice (a permanent idempotency record).
 */
import { createHash } from 'node:crypto';
import { UNCLASSIFIED } from '../../domain/case.js';
import type { Notification } from '../../domain/lifecycle/notifications.js';
import type { IntakeDeps } from '../intake.js';
import { submitComplaintWithRetry } from '../intake.js';
import type { RateLimiter } from '../rate-limiter.js';
import { parseMail } from './parse-mail.js';

export type MailRefusal = 'oversized' | 'malformed' | 'no_text' | 'loop' | 'flood';

export type MailOutcome =
  | { result: 'created'; trackingCode: string; attachmentsDropped: number }
  | { result: 'duplicate'; trackingCode: string }
  /** Not filed. `quarantine`: keep the raw message aside for a person (AWS: quarantine/ prefix). */
  | { result: 'refused'; reason: MailRefusal; quarantine: boolean };

export interface MailboxDeps extends IntakeDeps {
  mailbox: {
    /** Our own addresses (complaint address, notification sender): mail from them is a loop. */
    ownAddresses: readonly string[];
    maxBytes: number;
    /** Complaints per sender per window (flood control). */
    perSender: RateLimiter;
  };
}

/** Longest description kept from a mail body (the web form's limit). */
const MAX_DESCRIPTION = 5000;

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/** Headers that mark a message as automatic (RFC 3834) or a loop through us. */
function isLoop(headers: Record<string, string>, from: string, own: readonly string[]): boolean {
  const auto = headers['auto-submitted'];
  if (auto && auto.trim().toLowerCase() !== 'no') return true;
  if (headers['x-duban-delivery'] || headers['x-autoreply'] || headers['x-autorespond']) return true;
  if (/\b(bulk|junk|list|auto_reply)\b/i.test(headers.precedence ?? '')) return true;
  return own.includes(from);
}

export async function receiveComplaintMail(deps: MailboxDeps, raw: Buffer): Promise<MailOutcome> {
  const log = deps.logger;
  const refuse = (
    reason: MailRefusal,
    quarantine: boolean,
    extra: Record<string, unknown> = {},
  ): MailOutcome => {
    log?.warn('mail refused', { reason, quarantine, ...extra });
    return { result: 'refused', reason, quarantine };
  };
  if (raw.length > deps.mailbox.maxBytes) return refuse('oversized', false, { bytes: raw.length });
  const parsed = await parseMail(raw);
  if (!parsed.ok) return refuse('malformed', true, { bytes: raw.length });
  const mail = parsed.mail;
  const from = mail.from ?? '';
  // Log a digest of the Message-ID only: ids can embed addresses.
  const ref = sha(mail.messageId ?? raw.toString('latin1'));
  if (isLoop(mail.headers, from, deps.mailbox.ownAddresses)) return refuse('loop', false, { ref });
  const body = mail.text.trim();
  if (body.length === 0) return refuse('no_text', true, { ref });
  const description = [mail.subject ? `【${mail.subject}】` : '', body]
    .join('\n')
    .trim()
    .slice(0, MAX_DESCRIPTION);

  // Flood control keys on the sender's address digest; a duplicate of a filed message is not counted.
  const senderKey = sha(from);
  if (!(await deps.mailbox.perSender.blocked(senderKey)).allowed) return refuse('flood', false, { ref });

  let replayed = false;
  const receipt = await submitComplaintWithRetry(
    deps,
    {
      channel: 'email',
      category: UNCLASSIFIED,
      area: UNCLASSIFIED,
      subject: { kind: 'other', name: '待分类' },
      description: description.length >= 10 ? description : `${description}（邮件）`.padEnd(10, '。'),
      anonymous: false,
      reporter: { email: from, name: mail.headers.from ? senderName(mail.headers.from) : undefined },
    },
    {
      idempotencyKey: `mail:${sha(mail.messageId ?? raw.toString('latin1'))}`,
      permanentKey: true,
      enteredBy: 'mailbox',
      startWorkflow: false,
      onClaim: (c) => {
        replayed = c.replayed;
      },
      notifications: async (record, accessCode): Promise<Notification[]> => [
        {
          kind: 'mailbox_reply',
          to: { citizen: true },
          caseId: record.id,
          message: '举报邮件已受理',
          messageEn: 'Complaint e-mail received',
          params: {
            sealedAddress: await deps.vault.sealSecret(record.id, from),
            sealedAccessCode: await deps.vault.sealSecret(record.id, accessCode),
          },
        },
      ],
    },
  );
  if (replayed) {
    log?.info('mail duplicate', { ref, trackingCode: receipt.trackingCode });
    return { result: 'duplicate', trackingCode: receipt.trackingCode };
  }
  await deps.mailbox.perSender.hit(senderKey);
  const attachmentsDropped = mail.attachments.length;
  // Attachments are not kept yet: evidence storage is another channel's work (README).
  log?.info('mail filed', { ref, trackingCode: receipt.trackingCode, attachmentsDropped });
  return { result: 'created', trackingCode: receipt.trackingCode, attachmentsDropped };
}

/** Display name from a From header value (mailparser's JSON), if any. */
function senderName(fromHeader: string): string | undefined {
  try {
    const v = JSON.parse(fromHeader) as { value?: { name?: string }[] };
    const name = v.value?.[0]?.name?.trim();
    return name ? name.slice(0, 100) : undefined;
  } catch {
    return undefined;
  }
}

/** SMTP reply for an outcome: filed and duplicates 250; loops accepted and dropped (no bounce storm). */
export function smtpReply(
  outcome: MailOutcome,
): { accepted: true } | { accepted: false; code: number; reason: string } {
  if (outcome.result !== 'refused' || outcome.reason === 'loop') return { accepted: true };
  switch (outcome.reason) {
    case 'oversized':
      return { accepted: false, code: 552, reason: 'message too large' };
    case 'flood':
      return { accepted: false, code: 450, reason: 'too many messages from this sender; try later' };
    case 'no_text':
      return { accepted: false, code: 550, reason: 'message has no text' };
    default:
      return { accepted: false, code: 550, reason: 'malformed message' };
  }
}
