import { once } from 'node:events';
import { type TransferListItem, Worker } from 'node:worker_threads';

export interface LoopbackWorker {
  endpoint: string;
  /** Posts `message` and resolves with the worker's next message (e.g. a benchmark's heap query). */
  ask(message: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Starts a server script on a worker thread of this process. The script posts `{ port }` once it
 * listens on loopback, and answers the message `close` once its server (and whatever it holds open)
 * is closed; a failure to start rejects. `transferList` moves e.g. a `MessagePort` in `workerData` to it.
 */
export async function startLoopbackWorker(
  script: URL,
  workerData: unknown,
  transferList: TransferListItem[] = [],
): Promise<LoopbackWorker> {
  const worker = new Worker(script, { workerData, transferList });
  const [ready] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'error').then(([e]) => {
      throw e;
    }),
  ])) as [{ port: number }];
  return {
    endpoint: `http://127.0.0.1:${ready.port}`,
    async ask(message) {
      worker.postMessage(message);
      const [reply] = await once(worker, 'message');
      return reply;
    },
    async close() {
      worker.postMessage('close');
      await once(worker, 'message');
      await worker.terminate();
    },
  };
}
