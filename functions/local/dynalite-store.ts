import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface EmbeddedStore {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * dynalite (a DynamoDB implementation on LevelDB) on a worker thread of this process, listening on
 * loopback. With `dataDir` the data is persisted under it; every acknowledged write has reached the
 * operating system before the reply, so it survives the process being killed.
 */
export async function startEmbeddedStore(
  opts: {
    dataDir?: string | undefined;
    port?: number;
    /** Benchmarks only: run dynalite without our startup patches, to measure what they fix. */
    unpatched?: boolean;
  } = {},
): Promise<EmbeddedStore> {
  const worker = new Worker(new URL('./dynalite-worker.mjs', import.meta.url), {
    workerData: {
      path: opts.dataDir ? join(opts.dataDir, 'dynamodb') : undefined,
      port: opts.port,
      unpatched: opts.unpatched === true,
    },
  });
  const [ready] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'error').then(([e]) => {
      throw e;
    }),
  ])) as [{ port: number }];
  return {
    endpoint: `http://127.0.0.1:${ready.port}`,
    async close() {
      worker.postMessage('close');
      await once(worker, 'message'); // dynalite closes its LevelDB when its server closes
      await worker.terminate();
    },
  };
}
