/** The raw store on its own: dynalite persisted to a folder, the Duban table created, endpoint printed. */
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { ensureTable } from '../../functions/adapters/dynamo/create-table.js';
import { startEmbeddedStore } from '../../functions/local/dynalite-store.js';

const store = await startEmbeddedStore({ dataDir: process.env.DATA_DIR });
await ensureTable(createDynamoClient({ endpoint: store.endpoint, region: 'local' }), 'duban');
console.log(`dynalite ready ${store.endpoint}`);
process.on('SIGTERM', () => void store.close().then(() => process.exit(0)));
