/**
 * The deliverer's short-lived cache of staff profiles per recipient: one store query per office or
 * role within the TTL, a fresh one after it, none remembered when the read failed, and a save through
 * the cache drops it at once.
 */
import { describe, expect, it } from 'vitest';
import type { StaffProfile, StaffProfiles } from '../../functions/services/notification-ports.js';
import { cachedStaffProfiles } from '../../functions/services/notification-profile-cache.js';

const inspector: StaffProfile = {
  username: 'inspector-a',
  group: 'office:OFFICE_LONGSHUI',
  email: 'a@duban.local',
  locale: 'zh-CN',
  emailKinds: ['assignment'],
};

/** An in-memory profile store that counts its group queries and can be made to fail. */
function memoryProfiles() {
  const saved = new Map<string, StaffProfile>([[inspector.username, inspector]]);
  const state = { queries: 0, failing: false };
  const profiles: StaffProfiles = {
    get: async (u) => saved.get(u),
    save: async (p) => {
      saved.set(p.username, p);
    },
    forRecipient: async (to) => {
      state.queries++;
      if (state.failing) throw Object.assign(new Error('store down'), { name: 'StoreUnavailable' });
      const group = 'office' in to ? `office:${to.office}` : 'role' in to ? `role:${to.role}` : 'citizen';
      return [...saved.values()].filter((p) => p.group === group);
    },
  };
  return { profiles, state };
}

const office = { office: 'OFFICE_LONGSHUI' };

describe('cached staff profiles', () => {
  it('asks the store once per recipient within the TTL and again after it', async () => {
    // Arrange
    const { profiles, state } = memoryProfiles();
    let now = 0;
    const cached = cachedStaffProfiles(profiles, { ttlMs: 5_000, now: () => now });

    // Act
    const first = await cached.forRecipient(office);
    now = 4_999;
    await cached.forRecipient(office);
    await cached.forRecipient({ role: 'leader' });
    const withinTtl = state.queries;
    now = 5_001;
    await cached.forRecipient(office);

    // Assert
    expect(first).toEqual([inspector]);
    expect(withinTtl).toBe(2); // the office once, the leaders once
    expect(state.queries).toBe(3);
  });

  it('does not remember a failed read, and a save drops what it remembered', async () => {
    // Arrange
    const { profiles, state } = memoryProfiles();
    const cached = cachedStaffProfiles(profiles, { ttlMs: 60_000, now: () => 0 });
    state.failing = true;
    await expect(cached.forRecipient(office)).rejects.toThrow('store down');
    state.failing = false;
    await cached.forRecipient(office);

    // Act
    await cached.save({ ...inspector, emailKinds: [] });
    const afterSave = await cached.forRecipient(office);

    // Assert
    expect(state.queries).toBe(3);
    expect(afterSave).toEqual([{ ...inspector, emailKinds: [] }]);
  });
});
