import { StoreUnavailableError } from '../../services/errors.js';

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

export function isRetryable(e: unknown): boolean {
  return e instanceof Error && RETRYABLE.has(e.name);
}

/**
 * Runs a store call, retrying throttling and transient server errors with jittered exponential backoff.
 * When retries run out the caller gets StoreUnavailableError (a 503): the write did not happen and the
 * client is told to retry, so nothing is silently lost.
 */
export async function withStoreRetry<T>(
  call: () => Promise<T>,
  opts: { attempts?: number; baseDelayMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 4;
  const base = opts.baseDelayMs ?? 25;
  const sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!isRetryable(e)) throw e;
      if (attempt >= attempts) throw new StoreUnavailableError(e);
      await sleep(Math.random() * base * 2 ** (attempt - 1));
    }
  }
}
