/**
 * Admin account changes beyond create/disable/reset: display name, role and office (the office follows
 * the role), on the embedded runtime's table directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asStaff, json, login, testRuntime } from '../support/runtime.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let admin: string;

const call = (path: string, method: string, body?: unknown) =>
  asStaff(rt.app, admin, path, { method, ...(body ? { body: JSON.stringify(body) } : {}) });

beforeAll(async () => {
  rt = await testRuntime();
  admin = await login(rt.app, 'admin');
  const created = await call('/api/v1/admin/accounts', 'POST', {
    username: 'zhang',
    role: 'inspector',
    officeId: 'OFFICE_CITY',
    displayName: '张督导',
    password: 'first-password-1',
  });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await rt?.close();
});

describe('admin: change an account', () => {
  it('keeps the display name given at creation and changes it later', async () => {
    // Act
    const renamed = await json(call('/api/v1/admin/accounts/zhang', 'PATCH', { displayName: '张科长' }));
    const list = await json(call('/api/v1/admin/accounts', 'GET'));
    // Assert
    expect(renamed).toMatchObject({ username: 'zhang', displayName: '张科长', officeId: 'OFFICE_CITY' });
    expect(list.items.find((a: { username: string }) => a.username === 'zhang').displayName).toBe('张科长');
  });

  it('moves an inspector to another office; the new office scopes the next login', async () => {
    // Act
    const moved = await json(call('/api/v1/admin/accounts/zhang', 'PATCH', { officeId: 'OFFICE_SANQU' }));
    const me = await json(asStaff(rt.app, await login(rt.app, 'zhang', 'first-password-1'), '/api/v1/me'));
    // Assert
    expect(moved).toMatchObject({ role: 'inspector', officeId: 'OFFICE_SANQU' });
    expect(me).toEqual({ username: 'zhang', role: 'inspector', officeId: 'OFFICE_SANQU' });
  });

  it('a new role other than inspector drops the office; back to inspector needs one', async () => {
    // Act
    const leader = await json(call('/api/v1/admin/accounts/zhang', 'PATCH', { role: 'leader' }));
    const noOffice = await call('/api/v1/admin/accounts/zhang', 'PATCH', { role: 'inspector' });
    const back = await json(
      call('/api/v1/admin/accounts/zhang', 'PATCH', { role: 'inspector', officeId: 'OFFICE_YOUTING' }),
    );
    // Assert
    expect(leader).toMatchObject({ role: 'leader', officeId: null });
    expect(noOffice.status).toBe(400);
    expect((await json(noOffice)).error.fields).toEqual([
      expect.objectContaining({ path: 'officeId', message: 'an inspector must belong to an office' }),
    ]);
    expect(back).toMatchObject({ role: 'inspector', officeId: 'OFFICE_YOUTING' });
  });

  it('names bad fields, refuses unknown offices and accounts, and is for admins only', async () => {
    // Act
    const empty = await call('/api/v1/admin/accounts/zhang', 'PATCH', {});
    const badRole = await call('/api/v1/admin/accounts/zhang', 'PATCH', { role: 'boss' });
    const badOffice = await call('/api/v1/admin/accounts/zhang', 'PATCH', { officeId: 'OFFICE_MOON' });
    const unknown = await call('/api/v1/admin/accounts/nobody', 'PATCH', { displayName: 'x' });
    const asLeader = await asStaff(rt.app, await login(rt.app, 'leader'), '/api/v1/admin/accounts/zhang', {
      method: 'PATCH',
      body: JSON.stringify({ displayName: 'x' }),
    });
    // Assert
    expect(empty.status).toBe(400);
    expect((await json(badRole)).error.fields[0].path).toBe('role');
    expect((await json(badOffice)).error.fields[0]).toMatchObject({ path: 'officeId' });
    expect(unknown.status).toBe(404);
    expect(asLeader.status).toBe(403);
  });
});
