import type { Principal, Role } from '../domain/staff.js';
import type { AdminRoster } from './admin-roster.js';
import { AppError, validationError } from './errors.js';
import type { Clock, Logger } from './ports.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SessionStore } from './sessions.js';
import type {
  PasswordHasher,
  StaffAccount,
  StaffRepository,
  TokenIssuer,
  TokenVerifier,
} from './staff-ports.js';

export interface IdentityDeps {
  /** Local accounts (login on the embedded runtime). */
  staff: StaffRepository;
  /** Account administration: the table locally, Cognito on AWS. */
  directory: StaffDirectory;
  verifier: TokenVerifier;
  /** Present on the embedded runtime; on AWS, Cognito issues tokens and owns passwords. */
  issuer?: TokenIssuer | undefined;
  /** Hashes of local passwords; present with `issuer`. */
  passwords?: PasswordHasher | undefined;
  /**
   * Failed logins per account *and* client IP together (`account`, keyed by both, so nobody can lock an
   * account from elsewhere) and per client IP over all accounts (`ip`, password spraying).
   */
  loginFailures: { account: RateLimiter; ip: RateLimiter };
  /** Session versions and throttle generations (revocation, unlock). */
  sessions: SessionStore;
  /** The enabled admins, so the last one can never be removed, even by two admins at once. */
  adminRoster: AdminRoster;
}

const BAD_LOGIN = () => new AppError(401, 'LOGIN_FAILED', 'Unknown user or wrong password.');

function throttled(seconds: number) {
  return new AppError(429, 'TOO_MANY_ATTEMPTS', 'Too many failed logins; wait and try again.', undefined, {
    retryAfterSeconds: seconds,
  });
}

/** Key of the failure counter for one account from one source, in the account's throttle generation. */
export const loginThrottleKey = (account: string, generation: number, ip: string) =>
  `${account}#${generation}|${ip}`;

/**
 * Login: unknown user, disabled account and wrong password answer alike, after the same hashing
 * work. Failures slow down the source that makes them: 5 for one account from one address (then that
 * address waits for the window to slide, Retry-After says how long), 20 over all accounts from one
 * address. The right password from any other address is never refused; an admin unlock, a password
 * reset or an enable forgets the account's counters (new throttle generation).
 */
export async function login(
  deps: { identity: IdentityDeps; logger: Logger },
  input: { username: string; password: string; ip: string },
): Promise<{ token: string; user: Principal; expiresIn: number }> {
  const { identity } = deps;
  const { issuer, passwords } = identity;
  if (!issuer || !passwords)
    throw new AppError(404, 'LOGIN_VIA_COGNITO', 'Staff sign in through the Cognito user pool.');
  const acctKey = input.username.toLowerCase();
  const session = await identity.sessions.get(acctKey);
  const pairKey = loginThrottleKey(acctKey, session.throttleGeneration, input.ip);
  for (const gate of await Promise.all([
    identity.loginFailures.account.blocked(pairKey),
    identity.loginFailures.ip.blocked(input.ip),
  ])) {
    if (!gate.allowed) throw throttled(gate.retryAfterSeconds);
  }
  const account = await identity.staff.get(input.username);
  const ok = await passwords.verify(input.password, account?.passwordHash ?? passwords.unmatchable);
  if (!account || !ok || account.disabled) {
    await Promise.all([identity.loginFailures.account.hit(pairKey), identity.loginFailures.ip.hit(input.ip)]);
    deps.logger.warn('login failed', { ip: input.ip });
    throw BAD_LOGIN();
  }
  await identity.loginFailures.account.reset(pairKey);
  const user: Principal = { username: account.username, role: account.role, officeId: account.officeId };
  const version =
    account.username === acctKey ? session.version : (await identity.sessions.get(account.username)).version;
  return { token: await issuer.sign(user, version), user, expiresIn: issuer.ttlSeconds };
}

export interface NewAccount {
  username: string;
  role: Role;
  officeId?: string | undefined;
  displayName?: string | undefined;
  password: string;
}

/** An admin's change to an account: only the fields given change; `officeId: null` removes the office. */
export interface AccountChange {
  displayName?: string | undefined;
  role?: Role | undefined;
  officeId?: string | null | undefined;
}

function checkOffice(a: { role: Role; officeId?: string | undefined }, offices: readonly { id: string }[]) {
  if (a.role === 'inspector' && !a.officeId) {
    throw validationError([
      { path: 'officeId', code: 'required', message: 'an inspector must belong to an office' },
    ]);
  }
  if (a.officeId && !offices.some((o) => o.id === a.officeId)) {
    throw validationError([
      { path: 'officeId', code: 'unknown_value', message: `unknown office "${a.officeId}"` },
    ]);
  }
}

export interface AccountView {
  username: string;
  role: Role;
  officeId: string | null;
  displayName: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Where staff accounts live: the table on the embedded runtime, the Cognito user pool on AWS. The
 * admin API talks to whichever the runtime injects.
 */
export interface StaffDirectory {
  list(): Promise<AccountView[]>;
  /** Throws 404 for an unknown username. */
  get(username: string): Promise<AccountView>;
  /** Throws 409 USERNAME_TAKEN when the username exists. */
  create(input: NewAccount): Promise<AccountView>;
  /** Throws 404 for an unknown username. */
  setDisabled(username: string, disabled: boolean): Promise<AccountView>;
  resetPassword(username: string, password: string): Promise<AccountView>;
  /** Applies a checked change (role, office, display name); throws 404 for an unknown username. */
  update(
    username: string,
    change: Required<Pick<AccountChange, 'role'>> & AccountChange,
  ): Promise<AccountView>;
}

export const usernameTaken = () => new AppError(409, 'USERNAME_TAKEN', 'That username is taken.');
export const noSuchAccount = () => new AppError(404, 'NOT_FOUND', 'No such account.');

/** Accounts as table items (embedded runtime): scrypt hashes, checked by `login`. */
export function tableStaffDirectory(
  staff: StaffRepository,
  clock: Clock,
  passwords: PasswordHasher,
): StaffDirectory {
  const view = (a: StaffAccount): AccountView => ({
    username: a.username,
    role: a.role,
    officeId: a.officeId ?? null,
    displayName: a.displayName ?? null,
    disabled: a.disabled,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  });
  const update = async (username: string, change: (a: StaffAccount) => Promise<Partial<StaffAccount>>) => {
    const a = await staff.get(username);
    if (!a) throw noSuchAccount();
    const next = { ...a, ...(await change(a)), updatedAt: clock.now().toISOString() };
    await staff.save(next);
    return view(next);
  };
  return {
    list: async () => (await staff.list()).map(view),
    async get(username) {
      const a = await staff.get(username);
      if (!a) throw noSuchAccount();
      return view(a);
    },
    async create(input) {
      const now = clock.now().toISOString();
      const account: StaffAccount = {
        username: input.username,
        role: input.role,
        officeId: input.role === 'inspector' ? input.officeId : undefined,
        displayName: input.displayName,
        passwordHash: await passwords.hash(input.password),
        disabled: false,
        createdAt: now,
        updatedAt: now,
      };
      if (!(await staff.create(account))) throw usernameTaken();
      return view(account);
    },
    setDisabled: (username, disabled) => update(username, async () => ({ disabled })),
    resetPassword: (username, password) =>
      update(username, async () => ({ passwordHash: await passwords.hash(password) })),
    update: (username, change) =>
      update(username, async (a) => ({
        role: change.role,
        officeId: change.officeId === undefined ? a.officeId : (change.officeId ?? undefined),
        ...(change.displayName !== undefined ? { displayName: change.displayName || undefined } : {}),
      })),
  };
}

const lastAdmin = () =>
  new AppError(409, 'LAST_ADMIN', 'This is the last enabled admin; make another admin first.');

/**
 * Staff account administration (admin role; checked by the caller): validation, then the directory.
 * Every change that alters what a token may do — disable, password reset, role or office change —
 * revokes the account's sessions at once; reset, enable and unlock forget its login failures.
 * The last enabled admin can be neither disabled nor demoted: checked against the directory's list
 * and, so that two admins demoting or disabling each other at once cannot both pass, by a conditional
 * removal from the admin roster before the account changes (put back if the account write fails).
 */
export function staffAdmin(deps: {
  directory: StaffDirectory;
  sessions: SessionStore;
  clock: Clock;
  offices: () => Promise<readonly { id: string }[]>;
  roster: AdminRoster;
}) {
  const revoke = (username: string) => deps.sessions.revoke(username, deps.clock.now());
  const enabledAdmins = async () =>
    (await deps.directory.list()).filter((a) => a.role === 'admin' && !a.disabled).map((a) => a.username);
  /** Runs `write`, which takes `username` out of the enabled admins, unless they are the last one. */
  const removingAdmin = async <T>(username: string, write: () => Promise<T>): Promise<T> => {
    const target = await deps.directory.get(username);
    if (target.role !== 'admin' || target.disabled) return write();
    if ((await enabledAdmins()).every((a) => a === target.username)) throw lastAdmin();
    await deps.roster.ensure(enabledAdmins);
    if (!(await deps.roster.remove(target.username))) throw lastAdmin();
    try {
      return await write();
    } catch (e) {
      await deps.roster.add(target.username); // compensate: they are still an admin
      throw e;
    }
  };
  /** After `username` became an enabled admin (account written first, so the roster never overstates). */
  const addedAdmin = async (view: AccountView) => {
    if (view.role !== 'admin' || view.disabled) return;
    await deps.roster.ensure(enabledAdmins);
    await deps.roster.add(view.username);
  };
  return {
    list: () => deps.directory.list(),
    get: (username: string) => deps.directory.get(username),
    async create(input: NewAccount) {
      checkOffice(input, await deps.offices());
      const view = await deps.directory.create(input);
      await addedAdmin(view);
      return view;
    },
    async setDisabled(username: string, disabled: boolean) {
      const view = disabled
        ? await removingAdmin(username, () => deps.directory.setDisabled(username, true))
        : await deps.directory.setDisabled(username, false);
      if (disabled) await revoke(username);
      else {
        await deps.sessions.unlock(username);
        await addedAdmin(view);
      }
      return view;
    },
    async resetPassword(username: string, password: string) {
      const view = await deps.directory.resetPassword(username, password);
      await revoke(username);
      await deps.sessions.unlock(username);
      return view;
    },
    /**
     * Change role, office or display name. The office follows the role: an inspector must have one
     * (kept from before unless a new one is given), any other role has none. A new role or office
     * revokes the account's tokens; the last enabled admin cannot be demoted.
     */
    async update(username: string, change: AccountChange) {
      const current = await deps.directory.get(username);
      const role = change.role ?? current.role;
      const officeId =
        role === 'inspector'
          ? change.officeId === undefined
            ? (current.officeId ?? undefined)
            : (change.officeId ?? undefined)
          : undefined;
      checkOffice({ role, officeId }, await deps.offices());
      const write = () =>
        deps.directory.update(username, {
          role,
          officeId: officeId ?? null,
          ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
        });
      const view = role === 'admin' ? await write() : await removingAdmin(username, write);
      if (current.role !== 'admin') await addedAdmin(view);
      if (role !== current.role || (officeId ?? null) !== current.officeId) await revoke(username);
      return view;
    },
    async unlock(username: string) {
      const view = await deps.directory.get(username);
      await deps.sessions.unlock(username);
      return view;
    },
  };
}

/** Demo accounts of the embedded runtime (local only), created if missing. */
export const demoAccounts: readonly { username: string; role: Role; officeId?: string }[] = [
  { username: 'operator', role: 'operator' },
  { username: 'dispatcher', role: 'dispatcher' },
  { username: 'leader', role: 'leader' },
  { username: 'admin', role: 'admin' },
  { username: 'inspector-a', role: 'inspector', officeId: 'OFFICE_LONGSHUI' },
  { username: 'inspector-b', role: 'inspector', officeId: 'OFFICE_YOUTING' },
];

export async function seedDemoAccounts(
  staff: StaffRepository,
  passwords: PasswordHasher,
  password: string,
  now: Date,
) {
  const missing = [];
  for (const d of demoAccounts) if (!(await staff.get(d.username))) missing.push(d);
  const hash = missing.length ? await passwords.hash(password) : '';
  for (const d of missing) {
    await staff.create({
      ...d,
      passwordHash: hash,
      disabled: false,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  }
  return missing.length;
}
