/**
 * Which attachments of a complaint e-mail (举报邮件) become evidence: the same rules as a photo a
 * citizen uploads on the web form — a JPEG, PNG or WebP photo by its content, at most 10 MB, at most
 * five per complaint, stored without its metadata (location, camera, time). Anything else is skipped
 * with a reason; the mail is still filed for its text.
 */
import { checkEvidenceFile, type EvidenceProblem, MAX_PHOTOS_PER_COMPLAINT } from './evidence.js';
import type { EvidenceType } from './file-types.js';

/** Why an attachment was not kept (stored on the case's `attachment_not_kept` event). */
export type AttachmentSkip = 'type' | 'too_large' | 'unreadable' | 'empty' | 'too_many';
export const attachmentSkips = ['type', 'too_large', 'unreadable', 'empty', 'too_many'] as const;

export interface MailAttachmentIn {
  /** The type the sender's mail program declared (informative only; the content decides). */
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface KeptAttachment {
  /** Position in the mail, so a re-delivered message keeps the same files under the same ids. */
  readonly position: number;
  readonly type: EvidenceType;
  /** The photo as stored: metadata stripped. */
  readonly bytes: Uint8Array;
}

export interface SkippedAttachment {
  readonly position: number;
  readonly reason: AttachmentSkip;
  /** The declared MIME type when it is a plain `type/subtype` token (never the file name). */
  readonly declaredType?: string | undefined;
}

const skipOf: Record<EvidenceProblem, AttachmentSkip> = {
  EVIDENCE_TYPE: 'type',
  EVIDENCE_TOO_LARGE: 'too_large',
  EVIDENCE_UNREADABLE: 'unreadable',
  EVIDENCE_EMPTY: 'empty',
};

const MIME_TOKEN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

export function sortMailAttachments(attachments: readonly MailAttachmentIn[]): {
  kept: KeptAttachment[];
  skipped: SkippedAttachment[];
} {
  const kept: KeptAttachment[] = [];
  const skipped: SkippedAttachment[] = [];
  for (const [position, a] of attachments.entries()) {
    const declared = a.contentType.trim().toLowerCase();
    const declaredType = MIME_TOKEN.test(declared) ? declared : undefined;
    const checked = checkEvidenceFile(a.content, 'citizen');
    if (!checked.ok) skipped.push({ position, reason: skipOf[checked.problem], declaredType });
    else if (kept.length >= MAX_PHOTOS_PER_COMPLAINT)
      skipped.push({ position, reason: 'too_many', declaredType });
    else kept.push({ position, type: checked.type, bytes: checked.bytes });
  }
  return { kept, skipped };
}
