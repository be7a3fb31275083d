// The store worker's side of the message-port transport (see dynalite-port-handler.ts): each message
// is one HTTP request (method, url, headers, body) handed to dynalite's own request listener with the
// smallest request/response pair that listener uses, so no socket and no HTTP parsing is involved and
// dynalite's validation, errors and replies stay exactly what its HTTP server gives.
// Plain JavaScript: worker threads load it without a TypeScript loader.
import { EventEmitter } from 'node:events';

const encoder = new TextEncoder();

/**
 * Serves dynalite `server`'s request listener on `port`. A message `{ id, method, url, headers, body }`
 * gets the reply `{ id, status, headers, body }` (body bytes transferred) or `{ id, code }` when the
 * store is closing. `close()` (or the message `{ close: true }`) refuses new requests, waits for those
 * in flight, answers `{ closed: true }` and closes the port.
 */
export function servePort(port, server) {
  const [listener] = server.listeners('request');
  let inFlight = 0;
  let closing = false;
  let drained = () => {};

  port.on('message', (msg) => {
    if (msg.close) {
      // Sent after every request the client has posted: answer those, then confirm and close.
      close();
      return;
    }
    if (closing) {
      port.postMessage({ id: msg.id, code: 'ECONNREFUSED' });
      return;
    }
    inFlight += 1;
    const req = new PortRequest(msg);
    const res = new PortResponse((status, headers, body) => {
      const bytes = typeof body === 'string' ? encoder.encode(body) : Uint8Array.from(body);
      port.postMessage({ id: msg.id, status, headers, body: bytes }, [bytes.buffer]);
      inFlight -= 1;
      if (closing && inFlight === 0) drained();
    });
    listener(req, res);
    req.deliver(msg.body);
  });

  let closed;
  function close() {
    closing = true;
    closed ??= new Promise((resolve) => {
      drained = () => {
        port.postMessage({ closed: true });
        port.close();
        resolve();
      };
      if (inFlight === 0) drained();
    });
    return closed;
  }

  return { close };
}

/** What dynalite reads of an `IncomingMessage`: method, url, lower-case headers, `data`/`end` events. */
class PortRequest extends EventEmitter {
  constructor(msg) {
    super();
    this.method = msg.method;
    this.url = msg.url;
    this.headers = {};
    for (const [name, value] of Object.entries(msg.headers)) this.headers[name.toLowerCase()] = value;
  }

  deliver(body) {
    if (body !== undefined && body.length > 0) this.emit('data', Buffer.from(body));
    this.emit('end');
  }
}

/** What dynalite writes to a `ServerResponse`: status code, headers, one `end(body)`. */
class PortResponse {
  constructor(reply) {
    this.statusCode = 200;
    this.headers = {};
    this.reply = reply;
  }

  setHeader(name, value) {
    this.headers[name.toLowerCase()] = String(value);
  }

  end(body) {
    this.reply(this.statusCode, this.headers, body === undefined ? '' : body);
  }
}
