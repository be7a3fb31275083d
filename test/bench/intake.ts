/**
 * Intake on the embedded runtime (`npm start` in its own process): 32 clients POST complaints over
 * keep-alive HTTP, each with its own Idempotency-Key (the path real clients use); half name a
 * reporter, so encryption is on the path. Peak resident memory of the runtime is sampled from /proc.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, load, memoryOf, startChild } from '../support/child-process.js';

function post(agent: Agent, port: number, path: string, body: unknown, headers: Record<string, string>) {
  const data = JSON.stringify(body);
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

export function complaint(i: number) {
  const named = i % 2 === 0;
  return {
    channel: 'web',
    category: 'HOMEWORK_OVERLOAD',
    area: ['LONGSHUI', 'YOUTING', 'LONGGANG', 'SANQU'][i % 4],
    subject: { kind: 'school', name: `第${i % 50}小学` },
    description: `第${i}号投诉：三年级每天书面作业超过两个小时，孩子经常写到晚上十点。`,
    grade: 3,
    anonymous: !named,
    ...(named ? { reporter: { name: '王小明', phone: '13812345678' } } : {}),
  };
}

export async function benchIntake(seconds: number, concurrency = 32) {
  const dataDir = await mkdtemp(join(tmpdir(), 'duban-bench-intake-'));
  const port = await freePort();
  const child = await startChild(
    'functions/local/main.ts',
    {
      PORT: String(port),
      DATA_DIR: dataDir,
      INTAKE_RATE_LIMIT: '0',
      TRACK_RATE_LIMIT: '0',
      CLOCK_SPEED: '1',
    },
    'duban started',
  );
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let peakSampled = 0;
  const sampler = setInterval(() => {
    peakSampled = Math.max(peakSampled, memoryOf(child.pid).rssMb);
  }, 100);
  try {
    const send = (i: number) =>
      post(agent, port, '/api/v1/complaints', complaint(i), {
        'idempotency-key': `bench-${process.pid}-${i}`,
      });
    const created = async (i: number) => {
      const status = await send(i);
      if (status !== 201) throw new Error(`HTTP ${status}`);
      return true;
    };
    await load(concurrency, Math.min(2, seconds), (i) => created(1_000_000 + i)); // warm-up
    const result = await load(concurrency, seconds, created);
    return { ...result, peakMb: Math.max(peakSampled, memoryOf(child.pid).peakMb) };
  } finally {
    clearInterval(sampler);
    agent.destroy();
    await child.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
