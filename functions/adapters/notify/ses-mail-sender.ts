import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { MailSender } from '../../services/notification-ports.js';

/** E-mail through SES v2; the de-duplication key becomes a header receiving systems can use. */
export function sesMailSender(client: SESv2Client, from: string): MailSender {
  return {
    async send(mail) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [mail.to] },
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
              Headers: [{ Name: 'X-Duban-Delivery', Value: mail.dedupeKey }],
            },
          },
        }),
      );
    },
  };
}
