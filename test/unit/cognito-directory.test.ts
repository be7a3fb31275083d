import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cognitoStaffDirectory } from '../../functions/adapters/identity/cognito-directory.js';

const cognito = mockClient(CognitoIdentityProviderClient);
const directory = () => cognitoStaffDirectory(new CognitoIdentityProviderClient({}), 'pool-1');
const at = new Date('2026-03-02T02:00:00Z');

beforeEach(() => {
  cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'inspector' }] });
  cognito.on(AdminGetUserCommand).resolves({
    Username: 'li',
    Enabled: true,
    UserAttributes: [{ Name: 'custom:officeId', Value: 'OFFICE_CITY' }],
    UserCreateDate: at,
    UserLastModifiedDate: at,
  });
});
afterEach(() => cognito.reset());

describe('staff accounts in Cognito (AWS)', () => {
  it('creates a user with a permanent password, its office attribute and its role group', async () => {
    // Act
    const created = await directory().create({
      username: 'li',
      role: 'inspector',
      officeId: 'OFFICE_CITY',
      password: 'a-long-password-1',
    });
    // Assert
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input).toEqual(
      expect.objectContaining({
        Username: 'li',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'custom:officeId', Value: 'OFFICE_CITY' }],
      }),
    );
    expect(cognito.commandCalls(AdminSetUserPasswordCommand)[0]?.args[0].input.Permanent).toBe(true);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input.GroupName).toBe('inspector');
    expect(created).toEqual({
      username: 'li',
      role: 'inspector',
      officeId: 'OFFICE_CITY',
      displayName: null,
      disabled: false,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    });
  });

  it('maps a taken username to 409 and an unknown one to 404', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(Object.assign(new Error('exists'), { name: 'UsernameExistsException' }));
    cognito
      .on(AdminDisableUserCommand)
      .rejects(Object.assign(new Error('nope'), { name: 'UserNotFoundException' }));
    await expect(
      directory().create({ username: 'li', role: 'leader', password: 'a-long-password-1' }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(directory().setDisabled('ghost', true)).rejects.toMatchObject({ status: 404 });
  });

  it('lists users with their role from the groups', async () => {
    cognito.on(ListUsersCommand).resolves({
      Users: [
        { Username: 'li', Enabled: false, Attributes: [], UserCreateDate: at, UserLastModifiedDate: at },
      ],
    });
    expect(await directory().list()).toEqual([
      expect.objectContaining({ username: 'li', role: 'inspector', disabled: true }),
    ]);
  });

  it('changes role by group, office and name by attribute, and signs the user out everywhere', async () => {
    // Act: inspector of OFFICE_CITY becomes a leader named 李主任.
    await directory().update('li', { role: 'leader', officeId: null, displayName: '李主任' });
    // Assert
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)[0]?.args[0].input.UserAttributes).toEqual([
      { Name: 'name', Value: '李主任' },
    ]);
    expect(
      cognito.commandCalls(AdminDeleteUserAttributesCommand)[0]?.args[0].input.UserAttributeNames,
    ).toEqual(['custom:officeId']);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input.GroupName).toBe('leader');
    expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand)[0]?.args[0].input.GroupName).toBe(
      'inspector',
    );
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(1);
  });

  it('a display-name change alone keeps groups and sessions', async () => {
    // Act
    await directory().update('li', { role: 'inspector', displayName: '李督导' });
    // Assert
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(0);
  });

  it('signs a disabled or reset user out (refresh tokens revoked)', async () => {
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito.on(AdminSetUserPasswordCommand).resolves({});
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});
    await directory().setDisabled('li', true);
    await directory().resetPassword('li', 'another-password-1');
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(2);
  });
});
