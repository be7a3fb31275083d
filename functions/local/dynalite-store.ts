import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';

export interface EmbeddedStore {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * dynalite (a DynamoDB implementation on LevelDB) listening on loopback. With `dataDir` the data is
 * persisted under it; every acknowledged write has reached the operating system before the reply,
 * so it survives the process being killed.
 */
export async function startEmbeddedStore(
  opts: { dataDir?: string | undefined; port?: number } = {},
): Promise<EmbeddedStore> {
  const server = dynalite({
    path: opts.dataDir ? join(opts.dataDir, 'dynamodb') : undefined,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // dynalite closes its LevelDB when the server closes.
      }),
  };
}
