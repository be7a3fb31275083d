/**
 * Protocol limits: staff routes authenticate before validating, answers are not cached, field-error
 * lists are capped, the CSRF check compares the scheme, the embedded server drops slow and surplus
 * connections, and DATA_DIR is private to its user.
 */
import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIndexAttributes } from '../../functions/adapters/dynamo/case-item.js';
import { MAX_FIELD_PROBLEMS } from '../../functions/http/errors.js';
import { json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

describe('protocol', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-protocol-'));
  beforeAll(async () => {
    // A folder others may read, as `mkdir` under the usual umask 022 makes it: the runtime closes it.
    chmodSync(dataDir, 0o755);
    rt = await testRuntime({
      dataDir,
      port: 0,
      serverLimits: { headersTimeoutMs: 300, requestTimeoutMs: 600, maxConnections: 3 },
    });
  });
  afterAll(() => rt.close());

  it('answers an anonymous admin PUT with 401, not the field list', async () => {
    const res = await rt.app.request('/api/v1/admin/catalog', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"nonsense":true}',
    });
    expect(res.status).toBe(401);
    expect((await json(res)).error.fields).toBeUndefined();
  });

  it('checks a JSON body for prototype keys without using up the body a file route reads (no 500)', async () => {
    // Act: the prototype-key check reads JSON bodies first; the upload route then reads the raw stream
    const upload = await postJson(rt.app, '/api/v1/evidence/files', {});
    const proto = await postJson(rt.app, '/api/v1/track', '{"__proto__":{"x":1},"trackingCode":"A"}');
    // Assert
    expect(upload.status).toBeGreaterThanOrEqual(400);
    expect(upload.status).toBeLessThan(500);
    expect(proto.status).toBe(400);
  });

  it('caps the list of field problems', async () => {
    const body = {
      ...validComplaint(),
      ...Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 1])),
    };
    const res = await postJson(rt.app, '/api/v1/complaints', body);
    const err = (await json(res)).error;
    expect(res.status).toBe(400);
    expect(err.fields).toHaveLength(MAX_FIELD_PROBLEMS);
    expect(err.moreFields).toBe(5000 - MAX_FIELD_PROBLEMS);
  });

  it('marks answers with tokens and access codes Cache-Control: no-store', async () => {
    const filed = await postJson(rt.app, '/api/v1/complaints', validComplaint());
    const loggedIn = await postJson(rt.app, '/api/v1/auth/login', {
      username: 'leader',
      password: 'duban-demo',
    });
    expect(filed.headers.get('cache-control')).toBe('no-store');
    expect(loggedIn.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a cookie-authenticated write from the same host over another scheme', async () => {
    const token = await login(rt.app, 'dispatcher');
    const send = (origin: string) =>
      rt.app.request('https://duban.example/api/v1/auth/logout', {
        method: 'POST',
        headers: { cookie: `duban_session=${token}`, origin, host: 'duban.example' },
      });
    expect((await send('http://duban.example')).status).toBe(403);
    expect((await send('https://duban.example')).status).toBe(204);
  });

  it('closes a connection that never finishes its headers', async () => {
    const { port } = new URL(rt.url as string);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); // and never the blank line
    const answer = await closed(socket);
    expect(answer).toMatch(/^HTTP\/1.1 408/);
  });

  it('drops connections beyond the limit at once', async () => {
    const { port } = new URL(rt.url as string);
    const open = await Promise.all(Array.from({ length: 3 }, () => connected(Number(port))));
    const extra = connect(Number(port), '127.0.0.1');
    const answer = await closed(extra);
    for (const s of open) s.destroy();
    expect(answer).toBe('');
  });

  it('bounds index keys built from user text (100 × U+FDFA grows to 3,015 bytes under NFKC)', async () => {
    // Act
    const res = await postJson(rt.app, '/api/v1/complaints', {
      ...validComplaint(),
      subject: { kind: 'school', name: '\uFDFA'.repeat(100) },
    });
    const stored = await rt.store.getCase((await json(res)).trackingCode.replace('-', ''));
    // Assert
    expect(res.status).toBe(201);
    const attrs = caseIndexAttributes(stored as NonNullable<typeof stored>);
    for (const [name, value] of Object.entries(attrs)) {
      expect(Buffer.byteLength(value), name).toBeLessThanOrEqual(name.endsWith('sk') ? 1024 : 2048);
    }
  });

  it('strips control characters and bidi overrides from names and text', async () => {
    const res = await postJson(rt.app, '/api/v1/complaints', {
      ...validComplaint(),
      subject: { kind: 'school', name: '\u202E学小一第\u0007镇水龙' },
      description: '三年级每天作业\u0000超过两个小时\u2066，孩子写到很晚。\n第二行',
    });
    const stored = await rt.store.getCase((await json(res)).trackingCode.replace('-', ''));
    expect(res.status).toBe(201);
    expect(stored?.subject.name).toBe('学小一第镇水龙');
    expect(stored?.description).toBe('三年级每天作业超过两个小时，孩子写到很晚。\n第二行');
  });

  it('keeps DATA_DIR and its keys private to the user', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    for (const f of ['reporter-data.key', 'token-signing.jwk.json', 'cursor.key'])
      expect(statSync(join(dataDir, 'keys', f)).mode & 0o777).toBe(0o600);
  });
});

function connected(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
  });
}

/** Everything the server sent until it closed the connection. */
function closed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (d) => {
      data += d.toString();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
  });
}
