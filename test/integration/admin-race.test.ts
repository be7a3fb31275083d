/**
 * Issue 11: two admins demoting or disabling each other at the same time must not leave zero admins.
 * The last-admin check used to be read-then-write, so parallel requests could all pass it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../functions/services/errors.js';
import { staffAdmin } from '../../functions/services/staff-accounts.js';
import { asStaff, login, testRuntime } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

async function twoAdmins(rt: Rt) {
  const admin = await login(rt.app, 'admin');
  const made = await asStaff(rt.app, admin, '/api/v1/admin/accounts', {
    method: 'POST',
    body: JSON.stringify({ username: 'admin2', role: 'admin', password: 'admin2-password' }),
  });
  if (made.status !== 201) throw new Error(`admin2 not created: ${made.status}`);
  return { admin, admin2: await login(rt.app, 'admin2', 'admin2-password') };
}

async function enabledAdmins(rt: Rt) {
  const accounts = await rt.deps.identity.directory.list();
  return accounts.filter((a) => a.role === 'admin' && !a.disabled).map((a) => a.username);
}

describe('the last admin under races', () => {
  let rt: Rt;
  beforeEach(async () => {
    rt = await testRuntime({ workflow: { startCaseWorkflow: async () => {} } });
  });
  afterEach(() => rt.close());

  it('two admins demoting or disabling each other at once, round after round: exactly one wins, one admin remains', async () => {
    // Arrange
    const { admin, admin2 } = await twoAdmins(rt);
    const tokens: Record<string, string> = { admin, admin2 };
    const change = async (by: string, who: string, how: 'demote' | 'disable'): Promise<Response> =>
      how === 'demote'
        ? asStaff(rt.app, tokens[by] as string, `/api/v1/admin/accounts/${who}`, {
            method: 'PATCH',
            body: JSON.stringify({ role: 'leader' }),
          })
        : asStaff(rt.app, tokens[by] as string, `/api/v1/admin/accounts/${who}/${how}`, { method: 'POST' });
    const outcomes: { winners: number; statuses: number[]; admins: number }[] = [];
    // Act: each round both admins act on the other in the same instant; the survivor restores the other.
    for (let round = 0; round < 8; round++) {
      const how = round % 2 ? 'disable' : 'demote';
      const statuses = await Promise.all([
        change('admin', 'admin2', how).then((r) => r.status),
        change('admin2', 'admin', how).then((r) => r.status),
      ]);
      const admins = await enabledAdmins(rt);
      outcomes.push({ winners: statuses.filter((s) => s === 200).length, statuses, admins: admins.length });
      const [survivor] = admins;
      const loser = survivor === 'admin' ? 'admin2' : 'admin';
      await asStaff(rt.app, tokens[survivor as string] as string, `/api/v1/admin/accounts/${loser}/enable`, {
        method: 'POST',
      });
      await asStaff(rt.app, tokens[survivor as string] as string, `/api/v1/admin/accounts/${loser}`, {
        method: 'PATCH',
        body: JSON.stringify({ role: 'admin' }),
      });
      tokens[loser] = await login(rt.app, loser, loser === 'admin' ? 'duban-demo' : 'admin2-password');
    }
    // Assert
    for (const o of outcomes) {
      expect(o.winners).toBe(1);
      // The loser is refused as the last admin, or (if the winner's change landed first) as signed out.
      expect([401, 409]).toContain(o.statuses.find((s) => s !== 200));
      expect(o.admins).toBe(1);
    }
  });

  it('a refused account write puts the admin back on the roster (compensation)', async () => {
    // Arrange: the account service over the runtime's table, with a directory whose update fails once.
    await twoAdmins(rt);
    const { directory, sessions, adminRoster } = rt.deps.identity;
    let failNext = true;
    const flaky = {
      ...directory,
      update: (...args: Parameters<typeof directory.update>) => {
        if (!failNext) return directory.update(...args);
        failNext = false;
        return Promise.reject(new Error('directory down'));
      },
    };
    const admin = staffAdmin({
      directory: flaky,
      sessions,
      roster: adminRoster,
      clock: rt.clock,
      offices: async () => [],
    });
    // Act
    const failed = await admin.update('admin2', { role: 'leader' }).catch((e: Error) => e.message);
    const members = await adminRoster.ensure(async () => []);
    await admin.update('admin2', { role: 'leader' });
    const last = await admin.update('admin', { role: 'leader' }).catch((e: AppError) => e.code);
    // Assert
    expect(failed).toBe('directory down');
    expect(members.sort()).toEqual(['admin', 'admin2']);
    expect(last).toBe('LAST_ADMIN');
    expect(await enabledAdmins(rt)).toEqual(['admin']);
  });
});
