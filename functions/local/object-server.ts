import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObjectStore } from '../services/object-store.js';
import { startLoopbackWorker } from './loopback-worker.js';

export interface EmbeddedObjectServer {
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

export const LOCAL_EVIDENCE_BUCKET = 'duban-evidence';

/**
 * s3rver (an S3-compatible server on the file system) on a worker thread of this process, on
 * loopback, holding the evidence bucket: under `DATA_DIR/s3` (directory mode 0700), or a temporary
 * directory removed on close (tests). It checks neither signatures nor POST policies; S3 on AWS does.
 */
export async function startObjectServer(
  opts: { dataDir?: string | undefined } = {},
): Promise<EmbeddedObjectServer> {
  const directory = opts.dataDir ? join(opts.dataDir, 's3') : mkdtempSync(join(tmpdir(), 'duban-s3-'));
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const server = await startLoopbackWorker(new URL('./object-server-worker.mjs', import.meta.url), {
    directory,
    bucket: LOCAL_EVIDENCE_BUCKET,
  });
  return {
    endpoint: server.endpoint,
    bucket: LOCAL_EVIDENCE_BUCKET,
    async close() {
      await server.close();
      if (!opts.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** An object store whose calls wait until the store is ready (the embedded server still starting). */
export function deferredObjectStore(ready: Promise<ObjectStore>): ObjectStore {
  return {
    put: async (...a) => (await ready).put(...a),
    get: async (...a) => (await ready).get(...a),
    head: async (...a) => (await ready).head(...a),
    copy: async (...a) => (await ready).copy(...a),
    delete: async (...a) => (await ready).delete(...a),
    presignPost: async (...a) => (await ready).presignPost(...a),
    presignGet: async (...a) => (await ready).presignGet(...a),
  };
}
