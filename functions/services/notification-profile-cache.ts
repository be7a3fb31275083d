/**
 * Staff notification profiles as the deliverer reads them: `forRecipient` (one index query per office
 * or role) is remembered for `ttlMs` of real time, so a pass over many cases of one office — or the
 * passes an intake burst causes — asks the store once. Staleness is bounded by the TTL: a change made
 * through this same object (the embedded runtime's settings page) drops the cache at once; one made
 * by another process (on AWS the HTTP function, not the notify function) is seen within `ttlMs`, so a
 * staff member who turns a kind off may get at most that long's worth of e-mail of that kind.
 */
import type { Recipient } from '../domain/lifecycle/notifications.js';
import { recipientKey } from '../domain/lifecycle/notifications.js';
import type { StaffProfile, StaffProfiles } from './notification-ports.js';

/** Default lifetime of a cached recipient group. */
export const PROFILE_CACHE_TTL_MS = 5_000;

export function cachedStaffProfiles(
  profiles: StaffProfiles,
  opts: { ttlMs?: number; now?: () => number } = {},
): StaffProfiles {
  const ttl = opts.ttlMs ?? PROFILE_CACHE_TTL_MS;
  const now = opts.now ?? (() => performance.now());
  const groups = new Map<string, { until: number; staff: Promise<StaffProfile[]> }>();
  return {
    get: (username) => profiles.get(username),
    async save(profile) {
      await profiles.save(profile);
      // The profile may have left another group too: drop them all (a handful of entries).
      groups.clear();
    },
    forRecipient(to: Recipient) {
      const key = recipientKey(to);
      const hit = groups.get(key);
      if (hit && hit.until > now()) return hit.staff;
      const staff = profiles.forRecipient(to);
      groups.set(key, { until: now() + ttl, staff });
      // A failed read is not remembered: the next delivery asks again.
      staff.catch(() => {
        if (groups.get(key)?.staff === staff) groups.delete(key);
      });
      return staff;
    },
  };
}
