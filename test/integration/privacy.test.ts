/**
 * Reporter privacy end to end: encrypted at rest under a real DATA_DIR, masked for staff, revealed only
 * to a dispatcher with the reason recorded — and never in a log line or a data file in the clear.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../../functions/http/logger.js';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

const PHONE = '13987654321';
const NAME = '赵秘密';
const EMAIL = 'zhao.secret@example.cn';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('reporter privacy', () => {
  let dataDir: string;
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const logs: string[] = [];
  let code = '';
  let dispatcher = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duban-privacy-'));
    rt = await testRuntime({ dataDir, logger: jsonLogger((l) => logs.push(l)) });
    const reporter = { name: NAME, phone: PHONE, email: EMAIL };
    code = (await json(postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), reporter })))
      .trackingCode;
    await rt.runner?.settle();
    dispatcher = await login(rt.app, 'dispatcher');
  });
  afterAll(async () => {
    await rt.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows staff masked values only', async () => {
    const view = await json(asStaff(rt.app, dispatcher, `/api/v1/cases/${code}`));
    expect(view.reporter).toEqual({ name: '赵**', phone: '139****4321', email: 'z***@example.cn' });
    const list = await json(asStaff(rt.app, dispatcher, '/api/v1/cases'));
    expect(JSON.stringify(list)).not.toContain('139');
  });

  it('reveals to a dispatcher with a reason, and records who, when and why', async () => {
    // Act
    const res = await asStaff(rt.app, dispatcher, `/api/v1/cases/${code}/reveal`, {
      method: 'POST',
      body: JSON.stringify({ reason: '需回访举报人核实情况' }),
    });
    const view = await json(asStaff(rt.app, dispatcher, `/api/v1/cases/${code}`));
    // Assert
    expect(res.status).toBe(200);
    expect((await json(res)).reporter).toEqual({ name: NAME, phone: PHONE, email: EMAIL });
    expect(view.events.at(-1)).toEqual(
      expect.objectContaining({
        type: 'reporter_revealed',
        actor: 'dispatcher',
        reason: '需回访举报人核实情况',
      }),
    );
  });

  it('has nothing to reveal for an anonymous complaint, and requires a reason', async () => {
    const anon = (
      await json(postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), anonymous: true }))
    ).trackingCode;
    const reveal = (c: string, body: unknown) =>
      asStaff(rt.app, dispatcher, `/api/v1/cases/${c}/reveal`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    expect((await reveal(anon, { reason: '核实身份' })).status).toBe(409);
    expect((await reveal(code, {})).status).toBe(400);
  });

  it('keeps the reporter out of every data file and every log line', async () => {
    // Flush the store to disk by closing it, then read every byte under DATA_DIR.
    await rt.close();
    const needles = [PHONE, NAME, EMAIL].map((s) => Buffer.from(s, 'utf8'));
    const files = await filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const bytes = await readFile(f);
      for (const n of needles) expect(bytes.includes(n), `${n.toString()} found in ${f}`).toBe(false);
    }
    const allLogs = logs.join('\n');
    expect(allLogs.length).toBeGreaterThan(0);
    for (const s of [PHONE, NAME, EMAIL]) expect(allLogs).not.toContain(s);
    rt = await testRuntime({ dataDir }); // reopen so afterAll's close has something to close
  });
});
