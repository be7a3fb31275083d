import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface EmbeddedObjectServer {
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

export const LOCAL_EVIDENCE_BUCKET = 'duban-evidence';

/**
 * s3rver (an S3-compatible server on the file system) in this process, on loopback, holding the
 * evidence bucket: under `DATA_DIR/s3` (directory mode 0700), or a temporary directory removed on
 * close (tests). It does not check signatures or POST policies; S3 on AWS does.
 */
export async function startObjectServer(
  opts: { dataDir?: string | undefined } = {},
): Promise<EmbeddedObjectServer> {
  const directory = opts.dataDir ? join(opts.dataDir, 's3') : mkdtempSync(join(tmpdir(), 'duban-s3-'));
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    allowMismatchedSignatures: true,
    vhostBuckets: false,
    configureBuckets: [{ name: LOCAL_EVIDENCE_BUCKET }],
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket: LOCAL_EVIDENCE_BUCKET,
    async close() {
      server.httpServer?.closeAllConnections();
      await server.close();
      if (!opts.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}
