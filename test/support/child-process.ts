import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The node flags `npm start` uses (e.g. the heap cap), so benchmarks measure what users run. */
export function startScriptNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(1).filter((w) => w.startsWith('--max-'));
}

/**
 * Starts a TypeScript entry in its own node process (the process whose memory we measure), with the
 * same node flags as `npm start` (and for `functions/local/main.ts`, the same start script), and waits
 * for a stdout line containing `readyText`.
 */
export async function startChild(entry: string, env: Record<string, string>, readyText: string) {
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const flags = [...startScriptNodeFlags(), ...profile];
  // `npm start`'s entry runs the way `npm start` runs it (bundled by start.mjs); others through tsx.
  const args =
    entry === 'functions/local/main.ts' ? ['functions/local/start.mjs'] : ['--import', 'tsx', entry];
  const child: ChildProcess = spawn(process.execPath, [...flags, ...args], {
    cwd: repoRoot,
    // SMTP on a free port unless a test asks for one: parallel runs share the machine.
    env: { ...process.env, SMTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start: ${out.slice(-500)}`)), 90_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${out.slice(-500)}`)));
  });
  child.stdout?.resume();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    pid: child.pid as number,
    output: () => out,
    kill: (signal: NodeJS.Signals) => child.kill(signal),
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      child.kill('SIGKILL');
    },
  };
}

/** Resident memory of a process from /proc (MB): current and peak (VmHWM). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Runs `worker` on `concurrency` loops until `seconds` pass; returns latencies (ms) and failures. */
export async function load(concurrency: number, seconds: number, worker: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const i = n++;
        const t = performance.now();
        const ok = await worker(i).catch((e: Error) => {
          if (failureSamples.length < 3) failureSamples.push(`${e.name}: ${e.message}`);
          return false;
        });
        latencies.push(performance.now() - t);
        if (!ok) failures++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    throughput: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    failureSamples,
  };
}
