/**
 * The complaint mailbox (举报邮箱) over real SMTP: nodemailer → the embedded SMTP server → a case in
 * the dispatcher's triage queue and an automatic reply; each kind of bad mail; duplicate Message-ID.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../functions/services/ports.js';
import { asStaff, json, login, postJson, testRuntime } from '../support/runtime.js';

const logs: string[] = [];
const logger: Logger = {
  info: (msg, data) => logs.push(JSON.stringify({ msg, ...data })),
  warn: (msg, data) => logs.push(JSON.stringify({ msg, ...data })),
  error: (msg, data) => logs.push(JSON.stringify({ msg, ...data })),
};

let rt: Awaited<ReturnType<typeof testRuntime>>;
let transport: Transporter;
let dispatcher: string;

beforeAll(async () => {
  rt = await testRuntime({
    logger,
    channels: { deliveryPaused: true, maxMailBytes: 64 * 1024, mailsPerSenderPerHour: 2 },
  });
  transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: rt.channels.smtp.port,
    secure: false,
    ignoreTLS: true,
  });
  dispatcher = await login(rt.app, 'dispatcher');
}, 60_000);
afterAll(async () => {
  transport.close();
  await rt.close();
});

const complaint = (from: string, messageId: string, extra: Record<string, unknown> = {}) => ({
  from: `张家长 <${from}>`,
  to: 'jubao@duban.example.cn',
  subject: '龙水镇第一小学作业过多',
  text: '三年级每天书面作业超过两个小时，孩子经常写到晚上十点。',
  messageId,
  ...extra,
});

async function triageQueue(): Promise<{ trackingCode: string; channel: string }[]> {
  return (await json(asStaff(rt.app, dispatcher, '/api/v1/cases?status=submitted'))).items;
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 250,
    (e: { responseCode?: number }) => e.responseCode ?? -1,
  );

describe('complaint mailbox over SMTP', () => {
  it('files an e-mail as a case awaiting triage and replies with the tracking and access codes', async () => {
    // Act
    await transport.sendMail(complaint('parent.one@example.cn', '<m-1@example.cn>'));
    await rt.runner?.settle();
    await rt.channels.delivery.drain();

    // Assert: in the triage queue, not routed.
    const queue = await triageQueue();
    const filed = queue.filter((c) => c.channel === 'email');
    expect(filed).toHaveLength(1);
    const code = filed[0]?.trackingCode as string;
    const staffView = await json(asStaff(rt.app, dispatcher, `/api/v1/cases/${code}`));
    expect(staffView).toMatchObject({ status: 'submitted', channel: 'email' });
    expect(JSON.stringify(staffView)).not.toContain('parent.one@example.cn');

    // The reply carries both codes, and they open the public view.
    const replies = (await rt.channels.devMailbox.list()).filter((m) => m.to === 'parent.one@example.cn');
    expect(replies).toHaveLength(1);
    const accessCode = replies[0]?.text.match(/密码 (\S+?)。/)?.[1];
    expect(replies[0]?.text).toContain(code);
    const tracked = await postJson(rt.app, '/api/v1/track', { trackingCode: code, accessCode });
    expect(tracked.status).toBe(200);
  });

  it('a dispatcher classifies the e-mailed case, which is then routed as usual', async () => {
    // Arrange
    await transport.sendMail(complaint('parent.two@example.cn', '<m-2@example.cn>'));
    const code = (await triageQueue()).find((c) => c.channel === 'email')?.trackingCode as string;
    const current = await json(asStaff(rt.app, dispatcher, `/api/v1/cases/${code}`));

    // Act
    const res = await asStaff(rt.app, dispatcher, `/api/v1/cases/${code}/actions`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'classify',
        expectedVersion: current.version,
        category: 'HOMEWORK_OVERLOAD',
        area: 'LONGSHUI',
        subject: { kind: 'school', name: '龙水镇第一小学' },
      }),
    });
    await rt.runner?.settle();

    // Assert
    expect(res.status).toBe(200);
    const routed = await json(asStaff(rt.app, dispatcher, `/api/v1/cases/${code}`));
    expect(routed).toMatchObject({
      status: 'assigned',
      officeId: 'OFFICE_LONGSHUI',
      category: 'HOMEWORK_OVERLOAD',
    });
  });

  it('never files the same Message-ID twice', async () => {
    // Arrange
    const before = (await triageQueue()).length;
    const mail = complaint('parent.three@example.cn', '<same-id@example.cn>');

    // Act
    const first = await refusal(transport.sendMail(mail));
    const second = await refusal(transport.sendMail(mail));

    // Assert
    expect([first, second]).toEqual([250, 250]);
    expect(await triageQueue()).toHaveLength(before + 1);
    expect(logs.some((l) => l.includes('"mail duplicate"'))).toBe(true);
  });

  it('refuses each kind of bad mail with a logged reason, keeps running, and logs no personal data', async () => {
    // Arrange
    const before = (await triageQueue()).length;
    const sender = 'bad.sender@example.cn';

    // Act
    const malformed = await refusal(
      transport.sendMail({
        envelope: { from: sender, to: 'jubao@duban.example.cn' },
        raw: 'this is not a mail message at all\x00\x01',
      }),
    );
    const oversized = await refusal(
      transport.sendMail(complaint(sender, '<big@example.cn>', { text: '作业'.repeat(40_000) })),
    );
    const noText = await refusal(
      transport.sendMail(complaint(sender, '<empty@example.cn>', { subject: '', text: '' })),
    );
    const loop = await refusal(
      transport.sendMail(
        complaint(sender, '<loop@example.cn>', { headers: { 'Auto-Submitted': 'auto-replied' } }),
      ),
    );
    const flood = [];
    for (let i = 0; i < 3; i++) {
      flood.push(await refusal(transport.sendMail(complaint('flood@example.cn', `<flood-${i}@example.cn>`))));
    }
    const stillUp = await refusal(
      transport.sendMail(complaint('parent.four@example.cn', '<after@example.cn>')),
    );

    // Assert
    expect(malformed).toBe(550);
    expect(oversized).toBe(552);
    expect(noText).toBe(550);
    expect(loop).toBe(250); // accepted and dropped: no bounce back to an auto-responder
    expect(flood).toEqual([250, 250, 450]);
    expect(stillUp).toBe(250);
    expect(await triageQueue()).toHaveLength(before + 3); // two flood mails and the last one
    const reasons = logs.filter((l) => l.includes('"mail refused"')).map((l) => JSON.parse(l).reason);
    expect(reasons).toEqual(expect.arrayContaining(['malformed', 'oversized', 'no_text', 'loop', 'flood']));
    const all = logs.join('\n');
    for (const secret of ['bad.sender', 'flood@', 'parent.', '张家长', '作业过多'])
      expect(all).not.toContain(secret);
  });
});
