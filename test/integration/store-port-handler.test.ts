/**
 * The embedded store's message-port transport (functions/local/dynalite-port-handler.ts and
 * dynalite-port-server.mjs): the runtime's DynamoDB client reaching dynalite on its worker thread
 * without HTTP. The same commands give the same results and errors as over loopback HTTP; aborts,
 * timeouts, a closing store and a vanished worker surface as the SDK's usual transport failures.
 */
import { MessageChannel } from 'node:worker_threads';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { HttpRequest } from '@smithy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { ensureTable } from '../../functions/adapters/dynamo/create-table.js';
import { tableDesign } from '../../functions/adapters/table-design.js';
import { silentLogger } from '../../functions/http/logger.js';
import { StorePortHandler } from '../../functions/local/dynalite-port-handler.js';
import { type EmbeddedStore, startEmbeddedStore } from '../../functions/local/dynalite-store.js';
import { startRuntime } from '../../functions/local/runtime.js';

const TABLE = 'duban-port-test';
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function storeWithClients(): Promise<{
  store: EmbeddedStore;
  port: DynamoDBClient;
  http: DynamoDBClient;
}> {
  const store = await startEmbeddedStore();
  let closed = false;
  cleanup.push(async () => {
    if (!closed) await store.close();
  });
  const close = store.close;
  store.close = async () => {
    closed = true;
    await close();
  };
  const port = createDynamoClient({
    endpoint: store.endpoint,
    region: 'local',
    requestHandler: store.requestHandler,
  });
  const http = createDynamoClient({ endpoint: store.endpoint, region: 'local' });
  cleanup.push(() => {
    port.destroy();
    http.destroy();
  });
  await ensureTable(port, TABLE);
  return { store, port, http };
}

const put = (pk: string, extra: Record<string, unknown> = {}) =>
  new PutItemCommand({
    TableName: TABLE,
    Item: marshall({ pk, sk: 'CASE', version: 1, note: '作业太多', ...extra }),
    ConditionExpression: 'attribute_not_exists(pk)',
  });
const get = (pk: string) =>
  new GetItemCommand({ TableName: TABLE, Key: marshall({ pk, sk: 'CASE' }), ConsistentRead: true });

/** A raw DynamoDB request as the SDK hands it to its request handler (after serialization). */
function rawGet(pk: string): HttpRequest {
  return {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      'x-amz-date': '20260101T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
    },
    body: JSON.stringify({ TableName: TABLE, Key: marshall({ pk, sk: 'CASE' }) }),
  };
}

describe('store port transport: same commands, same results', () => {
  it('round-trips PutItem, GetItem and Query, and HTTP clients see the same data', async () => {
    // Arrange
    const { port, http } = await storeWithClients();

    // Act
    await port.send(put('CASE#P1', { description: '三年级每天书面作业超过两个小时。' }));
    await port.send(put('CASE#P2'));
    const got = await port.send(get('CASE#P1'));
    const queried = await port.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': 'CASE#P2' }),
      }),
    );
    const overHttp = await http.send(get('CASE#P1'));

    // Assert
    expect(unmarshall(got.Item ?? {})).toEqual({
      pk: 'CASE#P1',
      sk: 'CASE',
      version: 1,
      note: '作业太多',
      description: '三年级每天书面作业超过两个小时。',
    });
    expect(queried.Items?.map((i) => unmarshall(i).pk)).toEqual(['CASE#P2']);
    expect(overHttp.Item).toEqual(got.Item);
    expect(got.$metadata.httpStatusCode).toBe(200);
    expect(got.$metadata.requestId).toMatch(/^[A-Z0-9]{52}$/);
  });

  it('surfaces a failed condition as ConditionalCheckFailedException, as over HTTP', async () => {
    // Arrange
    const { port, http } = await storeWithClients();
    await port.send(put('CASE#C1'));

    // Act
    const overPort = await port.send(put('CASE#C1')).catch((e: unknown) => e);
    const overHttp = await http.send(put('CASE#C1')).catch((e: unknown) => e);

    // Assert
    expect(overPort).toBeInstanceOf(ConditionalCheckFailedException);
    expect((overPort as ConditionalCheckFailedException).$metadata.httpStatusCode).toBe(400);
    expect((overPort as Error).message).toBe((overHttp as Error).message);
  });

  it('answers many concurrent requests each with its own reply', async () => {
    // Arrange
    const { port } = await storeWithClients();
    const ids = Array.from({ length: 40 }, (_, i) => `CASE#M${i}`);
    await Promise.all(ids.map((pk, i) => port.send(put(pk, { n: i }))));

    // Act
    const items = await Promise.all(ids.map((pk) => port.send(get(pk))));

    // Assert
    expect(items.map((r) => unmarshall(r.Item ?? {}).n)).toEqual(ids.map((_, i) => i));
  });

  it('gives the runtime store errors for requests dynalite rejects (unknown operation)', async () => {
    // Arrange
    const { store } = await storeWithClients();
    const request = rawGet('CASE#X');
    request.headers['x-amz-target'] = 'DynamoDB_20120810.Nope';

    // Act
    const { response } = await store.requestHandler.handle(request);

    // Assert
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(new TextDecoder().decode(response.body))).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
    });
  });
});

describe('store port transport in the embedded runtime', () => {
  it("carries the runtime's own store calls, while its loopback endpoint still serves other clients", async () => {
    // Arrange
    const rt = await startRuntime({ logger: silentLogger, workflow: { startCaseWorkflow: async () => {} } });
    cleanup.push(() => rt.close());
    const external = createDynamoClient({ endpoint: rt.storeEndpoint, region: 'local' });
    cleanup.push(() => external.destroy());
    const table = tableDesign.defaultTableName;
    const item = { pk: 'CASE#RT1', sk: 'CASE', version: 1 };

    // Act
    await rt.storeClient.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
    const seen = await external.send(
      new GetItemCommand({
        TableName: table,
        Key: marshall({ pk: 'CASE#RT1', sk: 'CASE' }),
        ConsistentRead: true,
      }),
    );

    // Assert
    expect(await rt.storeClient.config.requestHandler).toBeInstanceOf(StorePortHandler);
    expect(unmarshall(seen.Item ?? {})).toEqual(item);
  });
});

describe('store port transport: failures look like network failures', () => {
  it('rejects an aborted request with AbortError and keeps serving the next ones', async () => {
    // Arrange
    const { store, port } = await storeWithClients();
    await port.send(put('CASE#A1'));
    const before = new AbortController();
    before.abort();
    const during = new AbortController();

    // Act
    const abortedBefore = await port
      .send(get('CASE#A1'), { abortSignal: before.signal })
      .catch((e: unknown) => e);
    const inFlight = store.requestHandler.handle(rawGet('CASE#A1'), { abortSignal: during.signal });
    during.abort(); // the request is already posted to the worker; its late reply is dropped
    const abortedDuring = await inFlight.catch((e: unknown) => e);
    const after = await port.send(get('CASE#A1'));

    // Assert
    expect((abortedBefore as Error).name).toBe('AbortError');
    expect((abortedDuring as Error).name).toBe('AbortError');
    expect(unmarshall(after.Item ?? {}).pk).toBe('CASE#A1');
  });

  it('answers requests in flight when the store closes, then refuses new ones as ECONNREFUSED', async () => {
    // Arrange
    const { store, port } = await storeWithClients();
    const inFlight = Array.from({ length: 10 }, (_, i) => store.requestHandler.handle(rawGet(`CASE#F${i}`)));

    // Act
    const closing = store.close();
    const answered = await Promise.all(inFlight);
    await closing;
    const afterClose = await port.send(get('CASE#F0')).catch((e: unknown) => e);

    // Assert
    expect(answered.map((r) => r.response.statusCode)).toEqual(Array(10).fill(200));
    expect((afterClose as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('fails a request in flight with a retryable ECONNRESET when the worker end of the port goes away', async () => {
    // Arrange: a port whose far end never answers, then closes (a worker that died)
    const channel = new MessageChannel();
    const handler = new StorePortHandler(channel.port1);
    cleanup.push(() => channel.port1.close());
    channel.port2.on('message', () => channel.port2.close());

    // Act
    const error = await handler.handle(rawGet('CASE#W1')).catch((e: unknown) => e);
    const next = await handler.handle(rawGet('CASE#W2')).catch((e: unknown) => e);

    // Assert
    expect((error as { code?: string }).code).toBe('ECONNRESET');
    expect((next as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it("lets the SDK retry a vanished store as a network failure, then gives up with the transport's code", async () => {
    // Arrange: the store's end of the port closes at the first request
    const channel = new MessageChannel();
    cleanup.push(() => channel.port1.close());
    channel.port2.on('message', () => channel.port2.close());
    const client = createDynamoClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'local',
      requestHandler: new StorePortHandler(channel.port1),
    });
    cleanup.push(() => client.destroy());

    // Act
    const error = (await client.send(get('CASE#R1')).catch((e: unknown) => e)) as {
      code?: string;
      $metadata?: { attempts?: number };
    };

    // Assert: the first attempt was reset, the retries were refused
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.$metadata?.attempts).toBeGreaterThan(1);
  });

  it('times a request out with TimeoutError after requestTimeout', async () => {
    // Arrange: a port whose far end never answers
    const channel = new MessageChannel();
    const handler = new StorePortHandler(channel.port1, { requestTimeout: 20 });
    cleanup.push(() => {
      channel.port1.close();
      channel.port2.close();
    });

    // Act
    const error = await handler.handle(rawGet('CASE#T1')).catch((e: unknown) => e);

    // Assert
    expect((error as Error).name).toBe('TimeoutError');
  });
});
