/** Staff roles (工作人员角色). */
export const roles = ['operator', 'dispatcher', 'inspector', 'leader', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * An authenticated staff member, as every service sees it, whether the token came from the local
 * key pair or from Cognito. `officeId` is set for inspectors (bound to one office).
 */
export interface Principal {
  readonly username: string;
  readonly role: Role;
  readonly officeId?: string | undefined;
}
