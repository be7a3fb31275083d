/**
 * Durability of the embedded runtime (`DATA_DIR`): acknowledged complaints survive a clean restart and
 * a SIGKILL of the whole process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { type ChildRuntime, startChildRuntime } from '../support/child-runtime.js';
import { json, postJson, validComplaint } from '../support/runtime.js';

interface Receipt {
  trackingCode: string;
  accessCode: string;
}

const dirs: string[] = [];
const children: ChildRuntime[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.kill('SIGKILL');
    await c.exited;
  }
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'duban-persist-'));
  dirs.push(dir);
  return dir;
}

/** Only the two codes: the track endpoint rejects the receipt's other fields. */
const codes = ({ trackingCode, accessCode }: Receipt) => ({ trackingCode, accessCode });

const fetchJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('persistence under DATA_DIR', () => {
  it('complaints filed before a clean restart are tracked after it', async () => {
    // Arrange
    const dataDir = await tempDir();
    const first = await startRuntime({
      dataDir,
      logger: silentLogger,
      intakeRateLimit: 0,
      trackRateLimit: 0,
    });
    const receipts: Receipt[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const res = await postJson(first.app, '/api/v1/complaints', validComplaint());
        expect(res.status).toBe(201);
        receipts.push(await json(res));
      }
    } finally {
      await first.close();
    }
    // Act
    const second = await startRuntime({
      dataDir,
      logger: silentLogger,
      intakeRateLimit: 0,
      trackRateLimit: 0,
    });
    try {
      const statuses = await Promise.all(
        receipts.map(async (r) => (await postJson(second.app, '/api/v1/track', codes(r))).status),
      );
      // Assert
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await second.close();
    }
  });

  it('every complaint acknowledged with 201 survives SIGKILL of the process', {
    timeout: 30_000,
  }, async () => {
    // Arrange
    const dataDir = await tempDir();
    const env = { INTAKE_RATE_LIMIT: '0', TRACK_RATE_LIMIT: '0' };
    const first = await startChildRuntime({ dataDir, env });
    children.push(first);
    const results = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const res = await fetchJson(`${first.url}/api/v1/complaints`, validComplaint());
        return { status: res.status, body: (await res.json()) as Receipt };
      }),
    );
    const receipts = results.filter((r) => r.status === 201).map((r) => r.body);
    // Act
    first.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const second = await startChildRuntime({ dataDir, env });
    children.push(second);
    const tracked = await Promise.all(
      receipts.map(async (r) => (await fetchJson(`${second.url}/api/v1/track`, codes(r))).status),
    );
    // Assert
    expect(receipts).toHaveLength(40);
    expect(tracked.filter((s) => s !== 200)).toEqual([]);
  });
});
