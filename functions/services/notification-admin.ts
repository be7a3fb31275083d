import type { DeadLetters, StaffProfiles } from './notification-ports.js';

/** What the notification routes need: staff profiles, the dead letters and their retry. */
export interface NotificationAdminDeps {
  profiles: StaffProfiles;
  deadLetters: DeadLetters;
  retryDeadLetter(id: string): Promise<boolean>;
}

/** The development mailbox as the page reads it (embedded runtime only). */
export interface DevMailboxReader {
  list(opts?: { limit?: number }): Promise<
    {
      id: string;
      channel: 'email' | 'sms';
      at: string;
      to: string;
      from?: string | undefined;
      subject?: string | undefined;
      text: string;
    }[]
  >;
}
