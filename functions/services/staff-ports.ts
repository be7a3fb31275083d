/**
 * Ports of staff identity: accounts (the table on the embedded runtime), password hashing, and staff
 * tokens (signed locally, issued by Cognito on AWS). Adapters in `functions/adapters/` implement them.
 */
import type { Principal, Role } from '../domain/staff.js';

export interface StaffAccount {
  username: string;
  role: Role;
  officeId?: string | undefined;
  /** Name shown to colleagues (e.g. 张科长); optional. */
  displayName?: string | undefined;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface StaffRepository {
  get(username: string): Promise<StaffAccount | undefined>;
  /** Creates the account unless the username is taken; returns false when it was. */
  create(account: StaffAccount): Promise<boolean>;
  save(account: StaffAccount): Promise<void>;
  list(): Promise<StaffAccount[]>;
}

/** Slow, salted password hashes for local accounts. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** A stored hash no password matches: checked for unknown users so they take as long as known ones. */
  readonly unmatchable: string;
}

/** A verified token: who it names, and what the session check needs (version `sv`, issued-at). */
export interface VerifiedPrincipal extends Principal {
  readonly sessionVersion?: number | undefined;
  readonly issuedAt: number;
}

export interface TokenVerifier {
  /** The principal the token names; throws on any invalid token (also one without `exp` or `iat`). */
  verify(token: string): Promise<VerifiedPrincipal>;
}

export interface TokenIssuer {
  /** `sessionVersion` is the account's current session version (see services/sessions.ts). */
  sign(principal: Principal, sessionVersion?: number): Promise<string>;
  readonly ttlSeconds: number;
}
