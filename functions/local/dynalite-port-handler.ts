import type { MessagePort } from 'node:worker_threads';
import type {
  HeaderBag,
  HttpHandlerOptions,
  HttpRequest,
  HttpResponse,
  QueryParameterBag,
  RequestHandler,
  RequestHandlerOutput,
} from '@smithy/types';

/** One request to the store worker (see dynalite-port-server.mjs). */
interface PortRequest {
  id: number;
  method: string;
  url: string;
  headers: HeaderBag;
  body: string | Uint8Array | undefined;
}

/** The worker's reply: a response, a network-style failure code (the store is closing), or `closed`. */
type PortReply =
  | { id: number; status: number; headers: HeaderBag; body: Uint8Array }
  | { id: number; code: string; status?: undefined }
  | { closed: true; id?: undefined };

interface Pending {
  resolve(out: RequestHandlerOutput<HttpResponse>): void;
  reject(error: Error): void;
}

/**
 * The SDK request handler of the embedded store: each request goes to the store's worker thread as
 * one message on a `MessagePort` and dynalite's own request listener answers it there — the same
 * commands, serialization and store behaviour as over loopback HTTP, without a socket, HTTP parsing
 * or the Node HTTP client on the main thread (the runtime makes ~11 store calls per complaint).
 *
 * Failures look like the network failures they replace, so the SDK's retry treats them the same:
 * a closed port or store is `ECONNREFUSED` (new request) or `ECONNRESET` (request in flight), an
 * abort signal gives `AbortError`, `requestTimeout` gives `TimeoutError`. A request given up on the
 * main thread still runs to its end in the store (as an HTTP request would); its reply is dropped.
 */
export class StorePortHandler implements RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;
  private portClosed = false;
  private onClosed: (() => void) | undefined;

  constructor(
    private readonly port: MessagePort,
    private readonly config: { requestTimeout?: number } = {},
  ) {
    port.on('message', (reply: PortReply) => this.settle(reply));
    // The worker ended (or the port was closed): nothing more will answer.
    port.on('close', () => {
      this.portClosed = true;
      this.fail('ECONNRESET', 'The store closed with the request in flight');
      this.onClosed?.();
    });
  }

  handle(
    request: HttpRequest,
    { abortSignal, requestTimeout }: HttpHandlerOptions = {},
  ): Promise<RequestHandlerOutput<HttpResponse>> {
    if (abortSignal?.aborted) return Promise.reject(abortError());
    if (this.closed) return Promise.reject(networkError('ECONNREFUSED', 'The store is closed'));
    const id = this.nextId++;
    const timeoutMs = requestTimeout ?? this.config.requestTimeout ?? 0;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => done(() => reject(abortError()));
      const done = (settle: () => void) => {
        if (!this.pending.delete(id)) return;
        if (timer) clearTimeout(timer);
        if (abortSignal && 'removeEventListener' in abortSignal)
          abortSignal.removeEventListener('abort', onAbort);
        settle();
      };
      this.pending.set(id, {
        resolve: (out) => done(() => resolve(out)),
        reject: (error) => done(() => reject(error)),
      });
      if (timeoutMs > 0) {
        timer = setTimeout(() => done(() => reject(timeoutError(timeoutMs))), timeoutMs);
      }
      if (abortSignal && 'addEventListener' in abortSignal) abortSignal.addEventListener('abort', onAbort);
      else if (abortSignal) abortSignal.onabort = onAbort;
      const message: PortRequest = {
        id,
        method: request.method,
        url: urlOf(request.path, request.query),
        headers: request.headers,
        body: request.body,
      };
      try {
        this.port.postMessage(message);
      } catch (error) {
        done(() => reject(error as Error)); // e.g. a body that cannot be cloned (a stream)
      }
    });
  }

  /**
   * Refuses new requests, lets the worker answer those already sent (the close request travels on the
   * same port, after them), then fails whatever is left (none unless the worker is gone).
   */
  async close(): Promise<void> {
    if (!this.closed && !this.portClosed) {
      this.closed = true;
      const closed = new Promise<void>((resolve) => {
        this.onClosed = resolve;
      });
      this.port.postMessage({ close: true });
      await closed;
    }
    this.fail('ECONNRESET', 'The store closed with the request in flight');
  }

  /** The port belongs to the store, which closes it; a destroyed client only stops using it. */
  destroy(): void {}

  updateHttpClientConfig(key: 'requestTimeout', value: number): void {
    this.config[key] = value;
  }

  httpHandlerConfigs(): { requestTimeout?: number } {
    return this.config;
  }

  private settle(reply: PortReply): void {
    if (reply.id === undefined) {
      this.onClosed?.();
      return;
    }
    const pending = this.pending.get(reply.id);
    if (!pending) return; // aborted or timed out meanwhile
    if (reply.status === undefined) {
      pending.reject(networkError(reply.code, 'The store refused the request'));
      return;
    }
    pending.resolve({ response: { statusCode: reply.status, headers: reply.headers, body: reply.body } });
  }

  private fail(code: string, message: string): void {
    this.closed = true;
    for (const pending of [...this.pending.values()]) pending.reject(networkError(code, message));
  }
}

function urlOf(path: string, query: QueryParameterBag | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === null) params.append(name, '');
    else for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function networkError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function abortError(): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError' });
}

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`The store did not answer within ${ms} ms`), { name: 'TimeoutError' });
}
