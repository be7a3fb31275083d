import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { StorePortHandler } from './dynalite-port-handler.js';
import { startLoopbackWorker } from './loopback-worker.js';

export interface EmbeddedStore {
  /** Loopback HTTP endpoint (tests, tools, other processes; the SDK also needs it to build requests). */
  endpoint: string;
  /** SDK request handler that reaches the store over a message port instead of HTTP (this process only). */
  requestHandler: StorePortHandler;
  /** JavaScript heap used by the store's thread (benchmarks; do not call while closing). */
  heapUsed(): Promise<number>;
  close(): Promise<void>;
}

/**
 * dynalite (a DynamoDB implementation on LevelDB) on a worker thread of this process, listening on
 * loopback and on a message port. With `dataDir` the data is persisted under it; every acknowledged
 * write has reached the operating system before the reply, so it survives the process being killed.
 */
export async function startEmbeddedStore(
  opts: {
    dataDir?: string | undefined;
    port?: number;
    /** Benchmarks only: run dynalite without our startup patches, to measure what they fix. */
    unpatched?: boolean;
  } = {},
): Promise<EmbeddedStore> {
  const channel = new MessageChannel();
  // dynalite closes its LevelDB when its server closes, before the worker answers `close`.
  const worker = await startLoopbackWorker(
    new URL('./dynalite-worker.mjs', import.meta.url),
    {
      path: opts.dataDir ? join(opts.dataDir, 'dynamodb') : undefined,
      port: opts.port,
      unpatched: opts.unpatched === true,
      storePort: channel.port2,
    },
    [channel.port2],
  );
  const requestHandler = new StorePortHandler(channel.port1);
  return {
    endpoint: worker.endpoint,
    requestHandler,
    heapUsed: async () => ((await worker.ask('heap')) as { heapUsed: number }).heapUsed,
    async close() {
      await requestHandler.close(); // requests already sent over the port are answered first
      await worker.close();
      channel.port1.close();
    },
  };
}
