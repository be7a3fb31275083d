import type { Logger } from '../services/ports.js';

/**
 * Structured JSON logs, one line per entry. Callers pass ids and codes only: never a request body,
 * a reporter field or an access code.
 */
export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger {
  const log = (level: string) => (msg: string, data?: Record<string, unknown>) =>
    write(JSON.stringify({ level, time: new Date().toISOString(), msg, ...data }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
