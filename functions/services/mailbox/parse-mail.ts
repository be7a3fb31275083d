/**
 * One parser for the complaint mailbox (举报邮箱), used by the embedded SMTP server and by the AWS
 * function that reads SES-received messages from S3: raw RFC 5322 bytes → the parts intake needs.
 */

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ParsedMail {
  messageId?: string | undefined;
  /** Sender address (lower case); the reply goes here. */
  from?: string | undefined;
  subject?: string | undefined;
  /** Plain text body (HTML converted to text by mailparser when there is no text part). */
  text: string;
  /** Header values as strings, names lower case. */
  headers: Record<string, string>;
  attachments: ParsedAttachment[];
}

export type ParseResult = { ok: true; mail: ParsedMail } | { ok: false; reason: 'malformed' };

export async function parseMail(raw: Buffer): Promise<ParseResult> {
  // A message must at least separate a header block from its body and carry a From header.
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  if (!/\r?\n\r?\n/.test(head) && raw.length > 0 && !/^[\x21-\x39\x3b-\x7e]+:/m.test(head)) {
    return { ok: false, reason: 'malformed' };
  }
  try {
    // Loaded with the first mail, not at every start.
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
    const headers: Record<string, string> = {};
    for (const [name, value] of parsed.headers) {
      headers[name.toLowerCase()] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    const fromValue = parsed.from?.value?.[0]?.address;
    if (!fromValue || !/^[^@\s]+@[^@\s]+$/.test(fromValue)) return { ok: false, reason: 'malformed' };
    const text = (
      parsed.text ?? (typeof parsed.html === 'string' ? parsed.html.replace(/<[^>]+>/g, ' ') : '')
    )
      .replace(/\r\n/g, '\n')
      .trim();
    return {
      ok: true,
      mail: {
        messageId: parsed.messageId,
        from: fromValue.toLowerCase(),
        subject: parsed.subject?.trim(),
        text,
        headers,
        attachments: parsed.attachments.map((a) => ({
          filename: a.filename ?? 'attachment',
          contentType: a.contentType,
          content: a.content,
        })),
      },
    };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}
