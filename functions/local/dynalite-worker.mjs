// Runs dynalite on its own thread so the store's work (LevelDB, request parsing) uses the second core
// while the main thread serves HTTP. Plain JavaScript: worker threads load it without a TS loader.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';
import { patchDynalite } from './dynalite-patches.mjs';
import { servePort } from './dynalite-port-server.mjs';

// Closes LevelDB iterators after each query; writes an item and its index entries in one batch.
if (!workerData.unpatched) patchDynalite();

const server = dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
// The runtime's own client sends its requests over this message port (no socket); everything else
// (tests, tools, other processes) uses the loopback endpoint. Both reach the same request listener.
const portServer = workerData.storePort ? servePort(workerData.storePort, server) : undefined;
server.listen(workerData.port ?? 0, '127.0.0.1', () => {
  parentPort.postMessage({ port: server.address().port });
});
parentPort.on('message', async (msg) => {
  if (msg === 'close') {
    await portServer?.close(); // requests already sent over the port finish before LevelDB closes
    server.close(() => parentPort.postMessage('closed'));
  }
  // Benchmarks: this thread's own JavaScript heap (process RSS counts it with everything else).
  if (msg === 'heap') parentPort.postMessage({ heapUsed: getHeapStatistics().used_heap_size });
});
