import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from '../../services/notification-ports.js';

/** Mainland mobile numbers (11 digits from 1) in E.164; anything else is passed as written. */
export function e164(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  return /^1\d{10}$/.test(digits) ? `+86${digits}` : digits;
}

/** SMS through SNS (transactional); the text carries no more than the notification itself. */
export function snsSmsSender(client: SNSClient, senderId?: string): SmsSender {
  return {
    async send(sms) {
      await client.send(
        new PublishCommand({
          PhoneNumber: e164(sms.to),
          Message: sms.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId } } : {}),
          },
        }),
      );
    },
  };
}
