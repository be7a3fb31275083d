import { join } from 'node:path';
import { startLoopbackWorker } from './loopback-worker.js';

export interface EmbeddedStore {
  endpoint: string;
  /** JavaScript heap used by the store's thread (benchmarks; do not call while closing). */
  heapUsed(): Promise<number>;
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
  // dynalite closes its LevelDB when its server closes, before the worker answers `close`.
  const worker = await startLoopbackWorker(new URL('./dynalite-worker.mjs', import.meta.url), {
    path: opts.dataDir ? join(opts.dataDir, 'dynamodb') : undefined,
    port: opts.port,
    unpatched: opts.unpatched === true,
  });
  return {
    ...worker,
    heapUsed: async () => ((await worker.ask('heap')) as { heapUsed: number }).heapUsed,
  };
}
