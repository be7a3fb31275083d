/**
 * Mail attachments become evidence: nodemailer → the embedded SMTP server → the mailbox service →
 * photos stored under the new case in the S3-compatible server, stripped of metadata and readable by
 * staff through the evidence API; anything else noted on the case and not kept; a re-delivered
 * message stores nothing twice.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '../../functions/domain/evidence/evidence.js';
import type { Logger } from '../../functions/services/ports.js';
import { CAMERA_MAKE, GPS_LATITUDE_BYTES, makeJpeg, makePng, XMP_MARKER } from '../support/images.js';
import { formPost, pageGet } from '../support/pages.js';
import { asStaff, json, login, testRuntime } from '../support/runtime.js';

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
  rt = await testRuntime({ logger, channels: { deliveryPaused: true } });
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

type Attachment = { filename: string; content: Buffer; contentType: string };

const mail = (from: string, messageId: string, attachments: Attachment[]) => ({
  from: `李家长 <${from}>`,
  to: 'jubao@duban.example.cn',
  subject: '启明星培训周末违规上课',
  text: '启明星培训机构周六上午仍在给初二学生上数学课，附照片。',
  messageId,
  attachments,
});

const photo = (filename: string): Attachment => ({
  filename,
  content: makeJpeg({ metadata: true }),
  contentType: 'image/jpeg',
});

/** Sends a mail and returns the tracking code of the case it filed (the one new e-mail case). */
async function fileByMail(message: ReturnType<typeof mail>): Promise<string> {
  const before = new Set((await emailCases()).map((c) => c.trackingCode));
  await transport.sendMail(message);
  const filed = (await emailCases()).filter((c) => !before.has(c.trackingCode));
  expect(filed).toHaveLength(1);
  return filed[0]?.trackingCode as string;
}

async function emailCases(): Promise<{ trackingCode: string; channel: string }[]> {
  const { items } = await json(asStaff(rt.app, dispatcher, '/api/v1/cases?status=submitted&limit=100'));
  return items.filter((c: { channel: string }) => c.channel === 'email');
}

const evidenceOf = async (code: string) =>
  (await json(asStaff(rt.app, dispatcher, `/api/v1/cases/${code}/evidence`))).evidence as {
    id: string;
    type: string;
    url: string;
    addedBy: string;
  }[];

const notKept = async (code: string) =>
  ((await json(asStaff(rt.app, dispatcher, `/api/v1/cases/${code}`))).events as Record<string, unknown>[])
    .filter((e) => e.type === 'attachment_not_kept')
    .map((e) => ({ skipped: e.skipped, declaredType: e.declaredType }));

describe('mail attachments become evidence', () => {
  it('keeps a photo with GPS data as evidence without its metadata, readable by staff; skips the rest', async () => {
    // Arrange: a JPEG with EXIF GPS, a PNG with metadata, a web page named like a photo, a text file.
    const message = mail('li.parent@example.cn', '<att-1@example.cn>', [
      photo('周六上课-李小明.jpg'),
      { filename: 'room.png', content: makePng({ metadata: true }), contentType: 'image/png' },
      { filename: 'fake.jpg', content: Buffer.from('<html>not a photo</html>'), contentType: 'image/jpeg' },
      {
        filename: '课程表-13800138000.txt',
        content: Buffer.from('周六 9:00 数学'),
        contentType: 'text/plain',
      },
    ]);

    // Act
    const code = await fileByMail(message);

    // Assert: two photos on the case, sent by the citizen, stripped when read back through the link.
    const evidence = await evidenceOf(code);
    expect(evidence.map((e) => e.type).sort()).toEqual(['image/jpeg', 'image/png']);
    expect(evidence.every((e) => e.addedBy === 'citizen')).toBe(true);
    for (const file of evidence) {
      const res = await rt.app.request(file.url);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.includes(GPS_LATITUDE_BYTES)).toBe(false);
      expect(body.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
      expect(body.includes(Buffer.from(XMP_MARKER))).toBe(false);
    }
    // The two others are noted on the case with the reason, never their names.
    expect(await notKept(code)).toEqual([
      { skipped: 'type', declaredType: 'image/jpeg' },
      { skipped: 'type', declaredType: 'text/plain' },
    ]);
    // The case page's history says so in words (the dispatcher's page session).
    const login = await pageGet(rt.app, '/staff/login');
    const { cookies } = await formPost(rt.app, '/staff/login', login, {
      username: 'dispatcher',
      password: 'duban-demo',
    });
    const page = await pageGet(rt.app, `/staff/cases/${code}`, { cookie: cookies });
    expect(page.html).toContain('举报邮箱'); // the channel's name
    expect(page.html).toContain('邮件附件未保存');
    expect(page.html).toContain('不是照片（只收 JPEG、PNG、WebP）');
    const filed = logs.find((l) => l.includes('"mail filed"') && l.includes(code)) ?? '';
    expect(JSON.parse(filed)).toMatchObject({
      attachmentsKept: 2,
      attachmentsSkipped: 2,
      skippedBy: { type: 2 },
    });
    for (const secret of ['李小明', '13800138000', 'li.parent', 'fake.jpg', '李家长'])
      expect(logs.join('\n')).not.toContain(secret);
  });

  it('files a mail whose attachments are too many or too big for its text, keeping five photos', async () => {
    // Arrange: six photos and one file over the 10 MB evidence limit (the mail itself is within 25 MB).
    const tooBig = Buffer.concat([makeJpeg(), Buffer.alloc(MAX_EVIDENCE_BYTES)]);
    const message = mail('wang.parent@example.cn', '<att-2@example.cn>', [
      { filename: 'big.jpg', content: tooBig, contentType: 'image/jpeg' },
      ...Array.from({ length: 6 }, (_, i) => photo(`p${i}.jpg`)),
    ]);

    // Act
    const code = await fileByMail(message);

    // Assert
    expect(await evidenceOf(code)).toHaveLength(5);
    expect((await notKept(code)).map((n) => n.skipped)).toEqual(['too_large', 'too_many']);
  }, 60_000);

  it('stores nothing twice when the same Message-ID arrives again', async () => {
    // Arrange
    const message = mail('zhao.parent@example.cn', '<att-3@example.cn>', [photo('a.jpg'), photo('b.jpg')]);
    const code = await fileByMail(message);
    const first = await evidenceOf(code);

    // Act
    await transport.sendMail(message);

    // Assert: still one case, the same two files, the case unchanged.
    expect((await emailCases()).filter((c) => c.trackingCode === code)).toHaveLength(1);
    expect((await evidenceOf(code)).map((e) => e.id)).toEqual(first.map((e) => e.id));
    expect(await json(asStaff(rt.app, dispatcher, `/api/v1/cases/${code}`))).toMatchObject({ version: 1 });
    expect(logs.some((l) => l.includes('"mail duplicate"') && l.includes(code))).toBe(true);
  });
});
