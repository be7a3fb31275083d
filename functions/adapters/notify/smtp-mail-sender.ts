import nodemailer from 'nodemailer';
import type { MailSender } from '../../services/notification-ports.js';

/** E-mail over SMTP with nodemailer (embedded runtime: into its own SMTP server). */
export function smtpMailSender(opts: { host: string; port: number; from: string }): MailSender {
  const transport = nodemailer.createTransport({
    host: opts.host,
    port: opts.port,
    secure: false,
    ignoreTLS: true,
  });
  return {
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
