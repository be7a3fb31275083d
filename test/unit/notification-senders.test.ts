import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { sesMailSender } from '../../functions/adapters/notify/ses-mail-sender.js';
import { e164, snsSmsSender } from '../../functions/adapters/notify/sns-sms-sender.js';

const ses = mockClient(SESv2Client);
const sns = mockClient(SNSClient);
afterEach(() => {
  ses.reset();
  sns.reset();
});

describe('SES v2 and SNS notification adapters', () => {
  it('sends e-mail through SES v2 with the de-duplication key as a header', async () => {
    // Arrange
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const sender = sesMailSender(new SESv2Client({ region: 'cn-north-1' }), 'noreply@duban.example');

    // Act
    await sender.send({ to: 'a@example.cn', subject: '督办通知', text: '正文', dedupeKey: 'C1.2.0.email.a' });

    // Assert
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      FromEmailAddress: 'noreply@duban.example',
      Destination: { ToAddresses: ['a@example.cn'] },
      Content: {
        Simple: {
          Subject: { Data: '督办通知', Charset: 'UTF-8' },
          Body: { Text: { Data: '正文', Charset: 'UTF-8' } },
          Headers: [{ Name: 'X-Duban-Delivery', Value: 'C1.2.0.email.a' }],
        },
      },
    });
  });

  it('surfaces an SES failure so the delivery service retries', async () => {
    // Arrange
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('throttled'), { name: 'TooManyRequestsException' }));
    const sender = sesMailSender(new SESv2Client({ region: 'cn-north-1' }), 'noreply@duban.example');

    // Act
    const attempt = sender.send({ to: 'a@example.cn', subject: 's', text: 't', dedupeKey: 'k' });

    // Assert
    await expect(attempt).rejects.toMatchObject({ name: 'TooManyRequestsException' });
  });

  it('sends a transactional SMS through SNS to the E.164 number', async () => {
    // Arrange
    sns.on(PublishCommand).resolves({ MessageId: 's-1' });
    const sender = snsSmsSender(new SNSClient({ region: 'cn-north-1' }), 'DUBAN');

    // Act
    await sender.send({
      to: '138 1234 5678',
      text: '【督办】您的投诉已受理',
      dedupeKey: 'C1.1.0.sms.citizen',
    });

    // Assert
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.PhoneNumber).toBe('+8613812345678');
    expect(input?.Message).toBe('【督办】您的投诉已受理');
    expect(input?.MessageAttributes?.['AWS.SNS.SMS.SMSType']?.StringValue).toBe('Transactional');
    expect(e164('+85291234567')).toBe('+85291234567');
  });
});
