/**
 * The roster of enabled admins (管理员名册), kept beside the accounts so that "never remove the last
 * admin" holds under races without transactions. Removing an admin is one conditional write on the
 * roster (it must keep another member) made *before* the account change, so two admins demoting each
 * other at once cannot both pass; adding an admin writes the account first and the roster after.
 * The roster is therefore never larger than the set of real admins, and never empty once seeded.
 */
export interface AdminRoster {
  /** Creates the roster from these usernames unless it exists; returns its current members. */
  ensure(seed: () => Promise<string[]>): Promise<string[]>;
  /**
   * Takes the admin off the roster unless that would empty it; false when refused (they are the
   * last one). An admin not on the roster is "removed" as long as the roster has any member.
   */
  remove(username: string): Promise<boolean>;
  /** Puts the admin on the roster (idempotent). */
  add(username: string): Promise<void>;
}
