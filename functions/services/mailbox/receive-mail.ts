/**
 * The complaint mailbox (举报邮箱): an e-mail to the complaint address becomes a case on channel
 * `email`, waiting in the dispatcher's triage queue (status submitted, 待分类: category and area are set
 * there, then it is routed as usual). The sender gets an automatic reply with the tracking and access
 * codes, stored with the case in the same write and delivered like any notification.
 *
 * Attached photos become evidence on the new case by the web form's rules (type by content, size,
 * five at most, metadata stripped); other attachments are noted on the case (`attachment_not_kept`)
 * and not stored. The same function serves the embedded SMTP server and, on AWS, the function reading
 * SES-received messages from S3. Bad mail is refused or quarantined with a reason in the log — never an address,
 * a subject or a body — and one Message-ID never files twice (a permanent idempotency record).
 */
import { createHash } from 'node:crypto';
import { UNCLASSIFIED } from '../../domain/case.js';
import { attachmentSkips, sortMailAttachments } from '../../domain/evidence/mail-attachments.js';
import type { Notification } from '../../domain/lifecycle/notifications.js';
import { type EvidenceDeps, storeCaseFiles } from '../evidence.js';
import type { IntakeDeps } from '../intake.js';
import { submitComplaintWithRetry } from '../intake.js';
import type { RateLimiter } from '../rate-limiter.js';
import { parseMail } from './parse-mail.js';

export type MailRefusal = 'oversized' | 'malformed' | 'no_text' | 'loop' | 'flood';

export type MailOutcome =
  | { result: 'created'; trackingCode: string; attachmentsKept: number; attachmentsSkipped: number }
  | { result: 'duplicate'; trackingCode: string }
  /** Not filed. `quarantine`: keep the raw message aside for a person (AWS: quarantine/ prefix). */
  | { result: 'refused'; reason: MailRefusal; quarantine: boolean };

export interface MailboxDeps extends IntakeDeps {
  /** Attachments become evidence on the new case (the evidence bucket). */
  evidence: EvidenceDeps;
  mailbox: {
    /** Our own addresses (complaint address, notification sender): mail from them is a loop. */
    ownAddresses: readonly string[];
    maxBytes: number;
    /** Complaints per sender per window (flood control). */
    perSender: RateLimiter;
  };
}

/**
 * Largest message the mailbox takes by default: room for a photo over the 10 MB evidence limit (or six
 * photos) in base64, so such a mail is still filed for its text with the photo skipped.
 */
export const DEFAULT_MAX_MAIL_BYTES = 25 * 1024 * 1024;

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

  // Attachments: photos become evidence (web-form rules); the rest is noted on the case, not kept.
  const attachments = sortMailAttachments(mail.attachments);
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
      evidence: (caseId, at) =>
        storeCaseFiles(deps.evidence, {
          caseId,
          files: attachments.kept.map((a) => ({ name: `mail:${a.position}`, type: a.type, bytes: a.bytes })),
          addedBy: 'citizen',
          at,
        }),
      events: attachments.skipped.map((a) => ({
        type: 'attachment_not_kept',
        actor: 'mailbox',
        skipped: a.reason,
        ...(a.declaredType ? { declaredType: a.declaredType } : {}),
      })),
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
  const attachmentsKept = attachments.kept.length;
  const attachmentsSkipped = attachments.skipped.length;
  const skippedBy = Object.fromEntries(
    attachmentSkips
      .map((r) => [r, attachments.skipped.filter((a) => a.reason === r).length])
      .filter(([, n]) => n),
  );
  // Counts and reasons only: never a file name, which can carry a name or an address.
  log?.info('mail filed', {
    ref,
    trackingCode: receipt.trackingCode,
    attachmentsKept,
    attachmentsSkipped,
    skippedBy,
  });
  return { result: 'created', trackingCode: receipt.trackingCode, attachmentsKept, attachmentsSkipped };
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
