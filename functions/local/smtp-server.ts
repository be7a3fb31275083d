/**
 * The embedded SMTP server (`npm start`): receives mail for the complaint mailbox (举报邮箱) and, in
 * the embedded runtime only, every message the system itself sends (the development mailbox). A thin
 * shell: it buffers a message up to the size limit and hands the raw bytes to `onMessage`; parsing
 * and the decisions live in the mailbox service, the same code the AWS function runs.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../services/ports.js';

export interface SmtpEnvelope {
  from: string;
  to: string[];
  /** Address of the connecting client (flood control keys on the sender, not this). */
  remoteAddress: string;
}

/** What the handler decided: accepted, or refused with an SMTP reply code and a short reason. */
export type SmtpOutcome = { accepted: true } | { accepted: false; code: number; reason: string };

export interface EmbeddedSmtp {
  port: number;
  close(): Promise<void>;
}

export async function startSmtpServer(opts: {
  port: number;
  host?: string;
  maxBytes: number;
  logger: Logger;
  onMessage: (raw: Buffer, envelope: SmtpEnvelope) => Promise<SmtpOutcome>;
}): Promise<EmbeddedSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    logger: false,
    banner: 'Duban mailbox',
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (c: Buffer) => {
        bytes += c.length;
        if (bytes <= opts.maxBytes) chunks.push(c);
      });
      stream.on('error', () => callback(smtpError(451, 'read error')));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          opts.logger.warn('mail refused', { reason: 'oversized', bytes });
          callback(smtpError(552, 'message exceeds fixed maximum message size'));
          return;
        }
        const envelope: SmtpEnvelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          remoteAddress: session.remoteAddress,
        };
        opts
          .onMessage(Buffer.concat(chunks), envelope)
          .then((outcome) => callback(outcome.accepted ? null : smtpError(outcome.code, outcome.reason)))
          .catch((e: unknown) => {
            // Never crash the server: a failing handler is a temporary refusal; the sender retries.
            opts.logger.error('mail handling failed', { error: (e as Error)?.name ?? 'Error' });
            callback(smtpError(451, 'temporary failure, try again later'));
          });
      });
    },
  });
  server.on('error', (e) => opts.logger.error('smtp server error', { error: e.name }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo)
    .port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}
