import { describe, expect, it } from 'vitest';
import { lazyVault, lazyWorkflow, loadOnce } from '../../functions/adapters/lazy.js';
import type { ReporterVault } from '../../functions/services/ports.js';

describe('adapters loaded on first use (citizen function)', () => {
  it('loads once for concurrent and later calls', async () => {
    // Arrange
    let loads = 0;
    const get = loadOnce(async () => ++loads);
    // Act
    const values = await Promise.all([get(), get(), get()]);
    const later = await get();
    // Assert
    expect(values).toEqual([1, 1, 1]);
    expect(later).toBe(1);
    expect(loads).toBe(1);
  });

  it('forgets a failed load, so the next call tries again', async () => {
    // Arrange
    let attempt = 0;
    const get = loadOnce(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('module not reachable');
      return 'loaded';
    });
    // Act
    const first = await get().catch((e: Error) => e.message);
    const second = await get();
    // Assert
    expect(first).toBe('module not reachable');
    expect(second).toBe('loaded');
  });

  it('builds nothing until a method is called, then forwards every call with its arguments', async () => {
    // Arrange
    const calls: string[] = [];
    let built = 0;
    const vault = lazyVault(async () => {
      built += 1;
      return {
        seal: async (caseId, reporter) => ({ caseId, sealed: reporter.name }) as never,
        open: async (caseId) => ({ name: `open ${caseId}` }) as never,
        sealSecret: async (caseId, secret) => `${caseId}:${secret}`,
        openSecret: async (caseId, sealed) => `${caseId}/${sealed}`,
      } satisfies ReporterVault;
    });
    const workflow = lazyWorkflow(async () => ({
      startCaseWorkflow: async (caseId, cycle) => {
        calls.push(`${caseId}-${cycle}`);
      },
    }));
    const before = built;
    // Act
    const secret = await vault.sealSecret('C1', 's3cret');
    const opened = await vault.openSecret('C1', 'x');
    await workflow.startCaseWorkflow('C1', 2);
    // Assert
    expect(before).toBe(0);
    expect(built).toBe(1);
    expect([secret, opened]).toEqual(['C1:s3cret', 'C1/x']);
    expect(calls).toEqual(['C1-2']);
  });
});
