/**
 * Merges race safely (all or nothing in their effect on the history, never a 5xx, one link per merge)
 * and a reveal does not invalidate other people's pending edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../functions/services/errors.js';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

describe('merge and reveal consistency', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let dispatcher = '';
  let inspector = '';
  beforeAll(async () => {
    rt = await testRuntime();
    dispatcher = await login(rt.app, 'dispatcher');
    inspector = await login(rt.app, 'inspector-a');
  });
  afterAll(() => rt.close());

  const file = async () => {
    const code = (await json(postJson(rt.app, '/api/v1/complaints', validComplaint())))
      .trackingCode as string;
    await rt.runner?.settle();
    return code;
  };
  const view = (code: string, token = dispatcher) => json(asStaff(rt.app, token, `/api/v1/cases/${code}`));
  const act = (code: string, body: Record<string, unknown>, token = dispatcher) =>
    asStaff(rt.app, token, `/api/v1/cases/${code}/actions`, { method: 'POST', body: JSON.stringify(body) });
  const links = async (code: string) =>
    (await view(code)).events.filter((e: { type: string }) => e.type === 'merged_in');

  it('20 parallel merges of one case: no 5xx, one merge, one link on the target', async () => {
    // Arrange
    const [source, target] = [await file(), await file()];
    const { version } = await view(source);
    // Act
    const statuses = await Promise.all(
      Array.from(
        { length: 20 },
        async () => (await act(source, { type: 'merge', into: target, expectedVersion: version })).status,
      ),
    );
    // Assert
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(statuses).toContain(200);
    expect(await links(target)).toHaveLength(1);
    const merged = (await view(source)).events.filter((e: { type: string }) => e.type === 'merged');
    expect(merged).toHaveLength(1);
  });

  it('a double-click merges once and answers both clicks alike', async () => {
    const [source, target] = [await file(), await file()];
    const { version } = await view(source);
    const first = await act(source, { type: 'merge', into: target, expectedVersion: version });
    const second = await act(source, { type: 'merge', into: target, expectedVersion: version });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await json(second)).status).toBe('merged');
    expect(await links(target)).toHaveLength(1);
  });

  it('a link lost to a store fault after the source changed is completed by the retry, once', async () => {
    // Arrange: the first link write fails as a throttled store would
    const [source, target] = [await file(), await file()];
    const { version } = await view(source);
    const append = rt.store.appendEvent;
    let failures = 1;
    rt.store.appendEvent = (...args) => {
      if (failures-- > 0) return Promise.reject(new StoreUnavailableError());
      return append(...args);
    };
    try {
      // Act
      const failed = await act(source, { type: 'merge', into: target, expectedVersion: version });
      const retried = await act(source, { type: 'merge', into: target, expectedVersion: version });
      // Assert
      expect(failed.status).toBe(503);
      expect(retried.status).toBe(200);
      expect(await links(target)).toHaveLength(1);
    } finally {
      rt.store.appendEvent = append;
    }
  });

  it("a reveal is recorded without invalidating the inspector's pending edit", async () => {
    // Arrange: the inspector loads the case
    const code = await file();
    const loaded = await view(code, inspector);
    // Act: a dispatcher reveals the reporter, then the inspector acts on the version they loaded
    const reveal = await asStaff(rt.app, dispatcher, `/api/v1/cases/${code}/reveal`, {
      method: 'POST',
      body: JSON.stringify({ reason: '核实举报人身份' }),
    });
    const note = await act(
      code,
      { type: 'note', text: '已电话联系学校', expectedVersion: loaded.version },
      inspector,
    );
    // Assert
    expect(reveal.status).toBe(200);
    expect(note.status).toBe(200);
    const types = (await view(code)).events.map((e: { type: string }) => e.type);
    expect(types.slice(-2)).toEqual(['reporter_revealed', 'note']);
  });
});
