/**
 * The development mailbox (embedded runtime only): what the system "sent" — e-mail that reached the
 * embedded SMTP server for any address but the complaint mailbox, and SMS from the local sink. Kept
 * in memory only (the newest 500), so no recipient address is ever written to disk.
 */
import type { SmsSender } from '../services/notification-ports.js';
import type { Clock } from '../services/ports.js';

export interface DevMessage {
  id: string;
  channel: 'email' | 'sms';
  at: string;
  to: string;
  from?: string | undefined;
  subject?: string | undefined;
  text: string;
  dedupeKey?: string | undefined;
}

export interface DevMailbox {
  record(message: DevMessage): Promise<void>;
  /** Newest first. */
  list(opts?: { limit?: number }): Promise<DevMessage[]>;
}

const KEEP = 500;

export function createDevMailbox(): DevMailbox {
  const messages: DevMessage[] = [];
  return {
    async record(m) {
      messages.push(m);
      if (messages.length > KEEP) messages.splice(0, messages.length - KEEP);
    },
    async list(opts = {}) {
      return messages.slice(-(opts.limit ?? 100)).reverse();
    },
  };
}

/** The local SMS "gateway": messages land in the development mailbox. */
export function devSmsSink(mailbox: DevMailbox, clock: Clock, newId: () => string): SmsSender {
  return {
    async send(sms) {
      await mailbox.record({
        id: newId(),
        channel: 'sms',
        at: clock.now().toISOString(),
        to: sms.to,
        text: sms.text,
        dedupeKey: sms.dedupeKey,
      });
    },
  };
}
