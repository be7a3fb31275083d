import type { Notification, PendingNotification } from '../domain/lifecycle/notifications.js';

/** A notification as a staff member reads it in their outbox (通知). */
export interface OutboxMessage extends Notification {
  readonly id?: string | undefined;
  readonly at: string;
  readonly recipient: string;
}

/** The staff outbox: delivered notifications per office or role, newest first. */
export interface Outbox {
  /** Writes each notification under its recipient; idempotent (the key derives from the notification id). */
  post(notifications: readonly PendingNotification[]): Promise<void>;
  list(
    recipient: string,
    opts?: { limit?: number; cursor?: string | undefined },
  ): Promise<{ items: OutboxMessage[]; cursor?: string | undefined }>;
}
