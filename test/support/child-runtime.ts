/**
 * Runs `functions/local/main.ts` (the `npm start` entry point) as a child process, so a test can kill
 * it with SIGKILL and start it again on the same data directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildRuntime {
  url: string;
  pid: number;
  kill(signal?: NodeJS.Signals): void;
  /** Resolves with the exit code (null when ended by a signal). */
  exited: Promise<number | null>;
}

/** A port that was free a moment ago (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts the runtime in a child process and resolves once it logged `duban started`. */
export async function startChildRuntime(opts: {
  dataDir: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}): Promise<ChildRuntime> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: opts.dataDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });

  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runtime did not start within ${opts.startTimeoutMs ?? 20_000} ms: ${stderr}`));
    }, opts.startTimeoutMs ?? 20_000);
    const onData = (d: string) => {
      buffered += d;
      if (buffered.includes('duban started')) {
        clearTimeout(timer);
        resolve();
      }
      buffered = buffered.slice(-200);
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited (${code}) before it started: ${stderr}`));
    });
  });
  // Keep draining output so the child never blocks on a full pipe.
  child.stdout?.resume();

  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    kill: (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited,
  };
}
