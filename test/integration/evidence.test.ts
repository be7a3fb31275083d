/**
 * Evidence photos through the real app and a real S3-compatible server (s3rver): upload (in the
 * request, or straight to storage with the presigned form), attach at intake, read as staff in scope
 * and as the citizen with the access code, nobody else; bad photos refused with a field code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceKeys, MAX_EVIDENCE_BYTES } from '../../functions/domain/evidence/evidence.js';
import {
  CAMERA_MAKE,
  GPS_LATITUDE_BYTES,
  makeJpeg,
  makePng,
  makeWebp,
  XMP_MARKER,
} from '../support/images.js';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

const upload = (rt: Rt, body: Uint8Array, headers: Record<string, string> = {}) =>
  rt.app.request('/api/v1/evidence/files', {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg', ...headers },
    body: Buffer.from(body),
  });

async function stage(rt: Rt, body: Uint8Array, headers: Record<string, string> = {}): Promise<string> {
  const res = await upload(rt, body, headers);
  expect(res.status).toBe(201);
  return (await json(res)).uploadId;
}

const fetchBytes = async (rt: Rt, url: string) => {
  const res = await rt.app.request(url);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  };
};

function expectClean(body: Buffer) {
  expect(body.includes(GPS_LATITUDE_BYTES)).toBe(false);
  expect(body.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
  expect(body.includes(Buffer.from(XMP_MARKER))).toBe(false);
}

describe('evidence photos', () => {
  let rt: Rt;
  const tokens: Record<string, string> = {};
  let trackingCode = '';
  let accessCode = '';
  let stagedIds: string[] = [];

  beforeAll(async () => {
    rt = await testRuntime();
    for (const u of ['dispatcher', 'inspector-a', 'inspector-b', 'operator'])
      tokens[u] = await login(rt.app, u);
    // A citizen stages three photos with GPS metadata and files a complaint with them (龙水镇 → office A).
    stagedIds = [
      await stage(rt, makeJpeg({ metadata: true })),
      await stage(rt, makePng({ metadata: true }), { 'content-type': 'image/png' }),
      await stage(rt, makeWebp({ metadata: true }), { 'content-type': 'application/octet-stream' }),
    ];
    const receipt = await json(
      postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), evidence: stagedIds }),
    );
    trackingCode = receipt.trackingCode;
    accessCode = receipt.accessCode;
    await rt.runner?.settle();
  }, 60_000);
  afterAll(() => rt.close());

  it('stages a photo by its content and strips it before storing', async () => {
    // Act
    const res = await upload(rt, makePng({ metadata: true }), { 'content-type': 'image/jpeg' });
    // Assert: declared JPEG, detected PNG; the staged object has no metadata left
    expect(res.status).toBe(201);
    const staged = await json(res);
    expect(staged).toMatchObject({ type: 'image/png' });
    expect(staged.uploadId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const stored = await rt.deps.evidence.objects.get(evidenceKeys.staged(staged.uploadId));
    expectClean(Buffer.from(stored?.body ?? []));
  });

  it('attaches staged photos at intake: small references on the case item, staged copies removed', async () => {
    const id = trackingCode.replace('-', '');
    const record = await rt.store.getCase(id);
    expect(record?.evidence).toHaveLength(3);
    expect(record?.evidence?.map((e) => e.type)).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    expect(record?.evidence?.[0]).toMatchObject({
      addedBy: 'citizen',
      key: expect.stringMatching(`^cases/${id}/`),
    });
    expect(JSON.stringify(record?.evidence).length).toBeLessThan(1000);
    for (const uploadId of stagedIds) {
      expect(await rt.deps.evidence.objects.head(evidenceKeys.staged(uploadId))).toBeUndefined();
    }
  });

  it('shows staff in scope every file through a short-lived link, without metadata', async () => {
    for (const user of ['dispatcher', 'inspector-a']) {
      const res = await asStaff(rt.app, tokens[user] as string, `/api/v1/cases/${trackingCode}/evidence`);
      expect(res.status).toBe(200);
      const { evidence } = await json(res);
      expect(evidence).toHaveLength(3);
      const file = await fetchBytes(rt, evidence[0].url);
      expect(file).toMatchObject({ status: 200, type: 'image/jpeg' });
      expectClean(file.body);
    }
  });

  it('redirects staff to a fresh link for one file (for <img src> on the case page)', async () => {
    const { evidence } = await json(
      asStaff(rt.app, tokens.dispatcher as string, `/api/v1/cases/${trackingCode}/evidence`),
    );
    const res = await asStaff(
      rt.app,
      tokens.dispatcher as string,
      `/api/v1/cases/${trackingCode}/evidence/${evidence[1].id}`,
    );
    expect(res.status).toBe(302);
    const file = await fetchBytes(rt, res.headers.get('location') ?? '');
    expect(file.type).toBe('image/png');
  });

  it('answers out-of-scope staff exactly as for a missing case', async () => {
    const { evidence } = await json(
      asStaff(rt.app, tokens.dispatcher as string, `/api/v1/cases/${trackingCode}/evidence`),
    );
    for (const path of [
      `/api/v1/cases/${trackingCode}/evidence`,
      `/api/v1/cases/${trackingCode}/evidence/${evidence[0].id}`,
    ]) {
      const denied = await asStaff(rt.app, tokens['inspector-b'] as string, path);
      const missing = await asStaff(
        rt.app,
        tokens['inspector-b'] as string,
        path.replace(trackingCode, 'ZZZZZ-ZZZZZ'),
      );
      expect(denied.status).toBe(404);
      expect(await denied.text()).toBe(await missing.text());
    }
    const operator = await asStaff(
      rt.app,
      tokens.operator as string,
      `/api/v1/cases/${trackingCode}/evidence`,
    );
    expect(operator.status).toBe(404); // operators see only cases they entered
    expect((await rt.app.request(`/api/v1/cases/${trackingCode}/evidence`)).status).toBe(401);
  });

  it('shows the citizen their photos with the access code in the body, never in a URL', async () => {
    const view = await json(postJson(rt.app, '/api/v1/track', { trackingCode, accessCode }));
    expect(view.evidence).toHaveLength(3);
    for (const e of view.evidence) expect(e.url).not.toContain(accessCode);
    const file = await fetchBytes(rt, view.evidence[2].url);
    expect(file).toMatchObject({ status: 200, type: 'image/webp' });
    expectClean(file.body);
    const wrong = await postJson(rt.app, '/api/v1/track', { trackingCode, accessCode: 'WRONGCODE2' });
    expect(wrong.status).toBe(404);
  });

  it('refuses a link that was tampered with', async () => {
    const view = await json(postJson(rt.app, '/api/v1/track', { trackingCode, accessCode }));
    const url: string = view.evidence[0].url;
    const [payload, mac] = url.slice(url.lastIndexOf('/') + 1).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        k: 'cases/OTHER/x',
      }),
    ).toString('base64url');
    expect((await rt.app.request(`/api/v1/evidence/files/${forged}.${mac}`)).status).toBe(404);
  });

  describe('bad photos', () => {
    it('refuses a page disguised as a photo by name and type', async () => {
      const res = await rt.app.request('/api/v1/evidence/files', {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="photo.jpg"' },
        body: '<!doctype html><script>alert(1)</script>',
      });
      expect(res.status).toBe(400);
      expect((await json(res)).error.fields).toEqual([
        expect.objectContaining({ path: 'file', code: 'evidence_type' }),
      ]);
    });

    it('refuses a PDF from a citizen but takes it from an inspector', async () => {
      const pdf = Buffer.from('%PDF-1.4\n% 整改通知书\n');
      expect((await upload(rt, pdf, { 'content-type': 'application/pdf' })).status).toBe(400);
      const staff = await upload(rt, pdf, {
        'content-type': 'application/pdf',
        authorization: `Bearer ${tokens['inspector-a']}`,
      });
      expect(staff.status).toBe(201);
      expect((await json(staff)).type).toBe('application/pdf');
    });

    it('refuses a file over 10 MB with 413 naming the field', async () => {
      const big = Buffer.concat([makeJpeg(), Buffer.alloc(MAX_EVIDENCE_BYTES)]);
      const res = await upload(rt, big);
      expect(res.status).toBe(413);
      expect((await json(res)).error.fields[0]).toMatchObject({ path: 'file', code: 'evidence_too_large' });
    });

    it('refuses more than 5 photos on a complaint, and an unknown or repeated upload id', async () => {
      const six = await Promise.all(new Array(6).fill(0).map(() => stage(rt, makeJpeg())));
      const tooMany = await postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), evidence: six });
      expect(tooMany.status).toBe(400);
      expect((await json(tooMany)).error.fields[0].path).toBe('evidence');
      const unknown = await postJson(rt.app, '/api/v1/complaints', {
        ...validComplaint(),
        evidence: [six[0], 'AAAAAAAAAAAAAAAAAAAAAA'],
      });
      expect(unknown.status).toBe(400);
      expect((await json(unknown)).error.fields[0]).toMatchObject({
        path: 'evidence.1',
        code: 'evidence_expired',
      });
      const repeated = await postJson(rt.app, '/api/v1/complaints', {
        ...validComplaint(),
        evidence: [six[0], six[0]],
      });
      expect(repeated.status).toBe(400);
    });
  });

  it('takes a file uploaded straight to storage with the presigned form (the AWS path)', async () => {
    // Arrange: the form
    const form = await json(postJson(rt.app, '/api/v1/evidence/uploads', {}));
    expect(form.upload.fields).toMatchObject({
      key: `staging/incoming/${form.uploadId}`,
      policy: expect.any(String),
    });
    const policy = JSON.parse(Buffer.from(form.upload.fields.policy, 'base64').toString());
    expect(policy.conditions).toContainEqual(['content-length-range', 1, MAX_EVIDENCE_BYTES]);
    // Act: the browser posts to storage, then asks the app to check the file
    const body = new FormData();
    for (const [k, v] of Object.entries(form.upload.fields)) body.append(k, v as string);
    body.append('file', new Blob([makeJpeg({ metadata: true })], { type: 'image/jpeg' }), 'IMG_0001.jpg');
    const stored = await fetch(form.upload.url, { method: 'POST', body });
    expect(stored.status).toBe(204);
    const done = await postJson(rt.app, `/api/v1/evidence/uploads/${form.uploadId}/complete`, {});
    // Assert
    expect(done.status).toBe(200);
    expect(await json(done)).toMatchObject({ uploadId: form.uploadId, type: 'image/jpeg' });
    const staged = await rt.deps.evidence.objects.get(evidenceKeys.staged(form.uploadId));
    expectClean(Buffer.from(staged?.body ?? []));
    expect(await rt.deps.evidence.objects.head(evidenceKeys.incoming(form.uploadId))).toBeUndefined();
  });

  it('lets the inspector add a PDF notice to the case; the citizen still sees only their photos', async () => {
    const pdf = await stage(rt, Buffer.from('%PDF-1.4\n% 整改通知书\n'), {
      'content-type': 'application/pdf',
      authorization: `Bearer ${tokens['inspector-a']}`,
    });
    const current = await json(
      asStaff(rt.app, tokens['inspector-a'] as string, `/api/v1/cases/${trackingCode}`),
    );
    const add = (token: string) =>
      asStaff(rt.app, token, `/api/v1/cases/${trackingCode}/evidence`, {
        method: 'POST',
        body: JSON.stringify({ uploads: [pdf], expectedVersion: current.version }),
      });
    expect((await add(tokens['inspector-b'] as string)).status).toBe(404);
    const res = await add(tokens['inspector-a'] as string);
    expect(res.status).toBe(200);
    const result = await json(res);
    expect(result.evidence.map((e: { type: string }) => e.type)).toContain('application/pdf');
    expect((await add(tokens['inspector-a'] as string)).status).toBe(409); // stale version
    const view = await json(postJson(rt.app, '/api/v1/track', { trackingCode, accessCode }));
    expect(view.evidence).toHaveLength(3);
    expect(view.timeline.map((t: { type: string }) => t.type)).not.toContain('evidence_added');
  });
});
