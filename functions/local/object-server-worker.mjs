// Runs s3rver (the evidence bucket) on its own thread, like dynalite: loading it and moving file
// bytes stay off the main thread. Plain JavaScript: worker threads load it without a TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import S3rver from 's3rver';

const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: workerData.directory,
  // s3rver does not implement Signature V4 checks; S3 on AWS does.
  allowMismatchedSignatures: true,
  vhostBuckets: false,
  configureBuckets: [{ name: workerData.bucket }],
});
const address = await server.run();
parentPort.postMessage({ port: address.port });
parentPort.on('message', async (msg) => {
  if (msg !== 'close') return;
  server.httpServer?.closeAllConnections();
  await server.close();
  parentPort.postMessage('closed');
});
