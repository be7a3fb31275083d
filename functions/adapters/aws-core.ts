/**
 * The adapters every Lambda shares, built from its environment: DynamoDB table, outbox, reference
 * data (catalog, calendar), the real clock and JSON logs. Each entry point adds what only it needs.
 */
import { jsonLogger } from '../http/logger.js';
import { createCalendarSource } from '../services/calendar-source.js';
import { createCatalogSource } from '../services/catalog-source.js';
import { systemClock } from './clock.js';
import { createCaseRepository } from './dynamo/case-repository.js';
import { createDynamoClient } from './dynamo/client.js';
import { createOutbox } from './dynamo/outbox-repository.js';

export function awsCoreDeps(env: NodeJS.ProcessEnv = process.env) {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  const client = createDynamoClient();
  const store = createCaseRepository(client, tableName);
  return {
    client,
    tableName,
    store,
    outbox: createOutbox(client, tableName),
    catalog: createCatalogSource(store),
    calendar: createCalendarSource(store),
    clock: systemClock,
    logger: jsonLogger(),
  };
}
