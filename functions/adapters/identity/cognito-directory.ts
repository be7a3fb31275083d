/**
 * Staff accounts in the Cognito user pool (AWS): groups are roles, `custom:officeId` the office.
 * Admin-created users get their password set as permanent and no invitation message.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Role, roles } from '../../domain/staff.js';
import { AppError } from '../../services/errors.js';
import {
  type AccountView,
  noSuchAccount,
  type StaffDirectory,
  usernameTaken,
} from '../../services/staff-accounts.js';

const OFFICE_ATTRIBUTE = 'custom:officeId';
/** The standard `name` attribute holds the display name. */
const NAME_ATTRIBUTE = 'name';

function mapError(e: unknown): never {
  const name = (e as Error).name;
  if (name === 'UsernameExistsException') throw usernameTaken();
  if (name === 'UserNotFoundException') throw noSuchAccount();
  if (name === 'InvalidPasswordException') {
    throw new AppError(400, 'VALIDATION_FAILED', 'The password does not meet the pool policy.', [
      { path: 'password', code: 'invalid', message: 'does not meet the password policy' },
    ]);
  }
  throw e;
}

export function cognitoStaffDirectory(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): StaffDirectory {
  const roleOf = async (username: string): Promise<Role> => {
    const groups = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }),
    );
    const names = (groups.Groups ?? []).map((g) => g.GroupName ?? '');
    return (roles.find((r) => names.includes(r)) ?? 'operator') as Role;
  };
  const view = async (u: {
    username: string;
    attributes?: AttributeType[] | undefined;
    enabled?: boolean | undefined;
    created?: Date | undefined;
    modified?: Date | undefined;
  }): Promise<AccountView> => ({
    username: u.username,
    role: await roleOf(u.username),
    officeId: u.attributes?.find((a) => a.Name === OFFICE_ATTRIBUTE)?.Value ?? null,
    displayName: u.attributes?.find((a) => a.Name === NAME_ATTRIBUTE)?.Value ?? null,
    disabled: u.enabled === false,
    createdAt: u.created?.toISOString() ?? '',
    updatedAt: u.modified?.toISOString() ?? '',
  });
  const get = async (username: string) => {
    const u = await client
      .send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))
      .catch(mapError);
    return view({
      username,
      attributes: u.UserAttributes,
      enabled: u.Enabled,
      created: u.UserCreateDate,
      modified: u.UserLastModifiedDate,
    });
  };
  return {
    get,
    async list() {
      const out: AccountView[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }),
        );
        for (const u of page.Users ?? []) {
          out.push(
            await view({
              username: u.Username ?? '',
              attributes: u.Attributes,
              enabled: u.Enabled,
              created: u.UserCreateDate,
              modified: u.UserLastModifiedDate,
            }),
          );
        }
        token = page.PaginationToken;
      } while (token);
      return out;
    },
    async create(input) {
      try {
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: input.username,
            MessageAction: 'SUPPRESS',
            TemporaryPassword: input.password,
            UserAttributes: [
              ...(input.officeId ? [{ Name: OFFICE_ATTRIBUTE, Value: input.officeId }] : []),
              ...(input.displayName ? [{ Name: NAME_ATTRIBUTE, Value: input.displayName }] : []),
            ],
          }),
        );
        await client.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: userPoolId,
            Username: input.username,
            Password: input.password,
            Permanent: true,
          }),
        );
        await client.send(
          new AdminAddUserToGroupCommand({
            UserPoolId: userPoolId,
            Username: input.username,
            GroupName: input.role,
          }),
        );
      } catch (e) {
        mapError(e);
      }
      return get(input.username);
    },
    async setDisabled(username, disabled) {
      const command = disabled
        ? new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username })
        : new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username });
      await client.send(command as AdminDisableUserCommand).catch(mapError);
      // Revokes refresh tokens; ID tokens already issued are refused by the session check.
      if (disabled)
        await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
      return get(username);
    },
    async resetPassword(username, password) {
      await client
        .send(
          new AdminSetUserPasswordCommand({
            UserPoolId: userPoolId,
            Username: username,
            Password: password,
            Permanent: true,
          }),
        )
        .catch(mapError);
      await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
      return get(username);
    },
    async update(username, change) {
      const user = { UserPoolId: userPoolId, Username: username };
      try {
        const before = await get(username);
        const attributes: AttributeType[] = [];
        if (change.displayName) attributes.push({ Name: NAME_ATTRIBUTE, Value: change.displayName });
        if (change.officeId) attributes.push({ Name: OFFICE_ATTRIBUTE, Value: change.officeId });
        if (attributes.length)
          await client.send(new AdminUpdateUserAttributesCommand({ ...user, UserAttributes: attributes }));
        const remove = [
          ...(change.officeId === null && before.officeId ? [OFFICE_ATTRIBUTE] : []),
          ...(change.displayName === '' && before.displayName ? [NAME_ATTRIBUTE] : []),
        ];
        if (remove.length)
          await client.send(new AdminDeleteUserAttributesCommand({ ...user, UserAttributeNames: remove }));
        if (change.role !== before.role) {
          await client.send(new AdminAddUserToGroupCommand({ ...user, GroupName: change.role }));
          await client.send(new AdminRemoveUserFromGroupCommand({ ...user, GroupName: before.role }));
        }
        // A new role or office must not ride on tokens issued for the old one.
        const officeChanged = change.officeId !== undefined && change.officeId !== before.officeId;
        if (change.role !== before.role || officeChanged)
          await client.send(new AdminUserGlobalSignOutCommand(user));
      } catch (e) {
        mapError(e);
      }
      return get(username);
    },
  };
}
