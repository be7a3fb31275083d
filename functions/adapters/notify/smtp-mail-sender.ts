import nodemailer from 'nodemailer';
import type { MailSender } from '../../services/notification-ports.js';

/**
 * E-mail over SMTP with nodemailer (embedded runtime: into its own SMTP server). Pooled: mails reuse
 * open connections instead of a connect and greeting each (under an escalation burst that handshake
 * was a large share of the main thread). `close()` ends the pool.
 */
export function smtpMailSender(opts: {
  host: string;
  port: number;
  from: string;
}): MailSender & { close(): void } {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host: opts.host,
    port: opts.port,
    secure: false,
    ignoreTLS: true,
  });
  return {
    close: () => transport.close(),
    async send(mail) {
      await transport.sendMail({
        from: opts.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.dedupeKey}@duban.local>`,
        headers: { 'X-Duban-Delivery': mail.dedupeKey, 'Auto-Submitted': 'auto-generated' },
      });
    },
  };
}
