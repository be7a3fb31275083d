import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Counts the store round trips a DynamoDB client makes, by command (GetItem, PutItem, …), with an
 * SDK middleware at the first step, so retries inside the SDK count once per call the code made.
 */
export function countStoreCalls(client: DynamoDBClient) {
  const counts = new Map<string, number>();
  let counting = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (counting) {
        const index = (args.input as { IndexName?: string }).IndexName;
        const command = context.commandName ?? 'unknown';
        const name = index ? `${command} ${index}` : command;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      return next(args);
    },
    { step: 'initialize', name: 'dubanCountStoreCalls' },
  );
  return {
    /** Calls by command name since the last reset. */
    byCommand: () => Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
    total: (exclude: (name: string) => boolean = () => false) =>
      [...counts].filter(([name]) => !exclude(name)).reduce((a, [, b]) => a + b, 0),
    reset: () => counts.clear(),
    /** Stops counting and takes the middleware off the client (another count may start after). */
    stop: () => {
      counting = false;
      client.middlewareStack.remove('dubanCountStoreCalls');
    },
  };
}
