/**
 * The local workflow runner's scheduling: executions wait for a slot before they enter any state (so
 * queue time is not task time), stop() drops the backlog at once and a new runner resumes it from the
 * wake index, and due cases are woken in bounded batches.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRepository } from '../../functions/adapters/dynamo/case-repository.js';
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import {
  createLocalWorkflowRunner,
  type LocalWorkflowRunner,
} from '../../functions/local/workflow-runner.js';
import { submitComplaintWithRetry } from '../../functions/services/intake.js';
import type { WorkflowStarter } from '../../functions/services/ports.js';
import { drivenClock } from '../support/driven-clock.js';
import { sampleComplaint } from '../support/fixtures.js';
import { T0 } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof startRuntime>>;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A runtime whose own runner is replaced by a recorder, so the test builds the runners it studies. */
async function storeOnly() {
  const time = drivenClock(T0);
  const starts: string[] = [];
  const recorder: WorkflowStarter = { startCaseWorkflow: async (id) => void starts.push(id) };
  const rt = await startRuntime({ clock: time.clock, logger: silentLogger, workflow: recorder });
  cleanup.push(() => rt.close());
  const file = async (n: number) => {
    for (let i = 0; i < n; i++) await submitComplaintWithRetry(rt.deps, sampleComplaint());
    return [...starts];
  };
  return { rt, time, file };
}

/** A store whose case reads wait until the test opens the latch. */
function latchedStore(store: CaseRepository) {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  const reads: string[] = [];
  const latched: CaseRepository = {
    ...store,
    async getCase(id) {
      reads.push(id);
      await opened;
      return store.getCase(id);
    },
  };
  return { latched, open, reads };
}

function runner(
  rt: Rt,
  time: ReturnType<typeof drivenClock>,
  extra: Partial<Parameters<typeof createLocalWorkflowRunner>[0]>,
) {
  const r: LocalWorkflowRunner = createLocalWorkflowRunner({
    deps: { ...rt.deps, logger: silentLogger },
    logger: silentLogger,
    wait: time.wait,
    ...extra,
  });
  cleanup.push(() => r.stop());
  return r;
}

describe('local workflow runner', () => {
  it('an execution waiting for a slot has entered no state, so queue time is not task time', async () => {
    // Arrange: one slot, and the first execution's task blocked inside the store.
    const { rt, time, file } = await storeOnly();
    const [first, second] = await file(2);
    const { latched, open, reads } = latchedStore(rt.store);
    const r = runner(rt, time, { deps: { ...rt.deps, store: latched }, maxConcurrentExecutions: 1 });

    // Act
    await r.startCaseWorkflow(first as string, 1);
    await r.startCaseWorkflow(second as string, 1);
    while (reads.length === 0) await new Promise((res) => setTimeout(res, 2));
    const whileBlocked = r
      .executions()
      .map((e) => ({ caseId: e.caseId, status: e.status, n: e.transitions }));
    const readsWhileBlocked = [...reads];
    open();
    await r.settle();

    // Assert: the second execution had not started its Task (whose 30 s timeout would be running).
    expect(whileBlocked).toEqual([
      { caseId: first, status: 'running', n: 1 },
      { caseId: second, status: 'queued', n: 0 },
    ]);
    expect(readsWhileBlocked).toEqual([first]);
    expect(r.executions().map((e) => e.status)).toEqual(['sleeping', 'sleeping']);
    expect((await rt.store.getCase(second as string))?.status).toBe('assigned');
  });

  it('stop() drops the backlog at once; the next runner resumes it from the wake index', async () => {
    // Arrange: five complaints queued behind one blocked slot.
    const { rt, time, file } = await storeOnly();
    const ids = await file(5);
    const { latched, open, reads } = latchedStore(rt.store);
    const first = runner(rt, time, { deps: { ...rt.deps, store: latched }, maxConcurrentExecutions: 1 });
    for (const id of ids) await first.startCaseWorkflow(id, 1);
    while (reads.length === 0) await new Promise((res) => setTimeout(res, 2));

    // Act: stop while the backlog waits; only the task in flight may finish.
    const stopped = first.stop();
    open();
    await stopped;
    const afterStop = await Promise.all(ids.map(async (id) => (await rt.store.getCase(id))?.status));
    const second = runner(rt, time, { sweep: rt.sweepWakeIndex });
    await second.settle();
    const afterRestart = await Promise.all(ids.map(async (id) => (await rt.store.getCase(id))?.status));

    // Assert
    expect(afterStop.filter((s) => s === 'submitted').length).toBeGreaterThanOrEqual(4);
    expect(afterRestart).toEqual(ids.map(() => 'assigned'));
  });

  it('wakes due cases in bounded batches, each on time', async () => {
    // Arrange: 20 routed cases, all due at the same deadline; batches of 6.
    const { rt, time, file } = await storeOnly();
    const ids = await file(20);
    const r = runner(rt, time, { sweep: rt.sweepWakeIndex, batchSize: 6 });
    await r.settle(); // routes all 20 (they were due at receipt)
    r.resetStats();

    // Act: one ms past the handling deadline.
    time.advanceTo('2026-03-23T16:00:00Z');
    await r.settle();

    // Assert: every case urged (催办) at the new time, never more than one batch in flight.
    const cases = await Promise.all(ids.map((id) => rt.store.getCase(id)));
    expect(cases.map((c) => c?.escalationLevel)).toEqual(ids.map(() => 1));
    expect(new Set(cases.map((c) => c?.events.at(-1)?.at))).toEqual(new Set(['2026-03-23T16:00:00.000Z']));
    expect(r.stats().peakInFlight).toBeLessThanOrEqual(6);
    expect(r.stats().started).toBe(20);
    expect(r.stats().sweeps).toBeGreaterThanOrEqual(4);
  });

  it('wakes a due backlog larger than one batch in one scheduling pass, at the due time, while another execution holds a slot', async () => {
    // Arrange: 21 routed cases; batches of 6; then one case's execution blocked inside the store.
    const { rt, time, file } = await storeOnly();
    const [blocked, ...due] = (await file(21)) as [string, ...string[]];
    let block: string | undefined;
    let open!: () => void;
    const opened = new Promise<void>((res) => {
      open = res;
    });
    let urged = 0;
    let allUrged!: () => void;
    const everyDueCaseUrged = new Promise<void>((res) => {
      allUrged = res;
    });
    const store: CaseRepository = {
      ...rt.store,
      async getCase(id) {
        if (id === block) await opened;
        return rt.store.getCase(id);
      },
      async updateCase(current, next, pending) {
        const out = await rt.store.updateCase(current, next, pending);
        if (current.escalationLevel === 0 && next.escalationLevel === 1 && ++urged === due.length) allUrged();
        return out;
      },
    };
    const r = runner(rt, time, { deps: { ...rt.deps, store }, sweep: rt.sweepWakeIndex, batchSize: 6 });
    await r.settle(); // routes all 21 (due at receipt)
    block = blocked;
    await r.startCaseWorkflow(blocked, 1);
    r.resetStats();

    // Act: one ms past the handling deadline; the blocked execution never ends during the pass.
    time.advanceTo('2026-03-23T16:00:00Z');
    await everyDueCaseUrged;
    const stats = r.stats();
    const cases = await Promise.all(due.map((id) => rt.store.getCase(id)));
    const blockedStatus = r.executions().find((e) => e.caseId === blocked)?.status;
    open();
    await r.settle();

    // Assert: all 20 urged (催办) at the due time in one pass, never more than a batch of wakes at once.
    expect(cases.map((c) => c?.escalationLevel)).toEqual(due.map(() => 1));
    expect(new Set(cases.map((c) => c?.events.findLast((e) => e.type === 'urged')?.at))).toEqual(
      new Set(['2026-03-23T16:00:00.000Z']),
    );
    expect(cases.map((c) => Date.parse('2026-03-23T16:00:00Z') - Date.parse(c?.deadline ?? ''))).toEqual(
      due.map(() => 1),
    );
    expect(blockedStatus).toBe('running');
    expect(stats.passes).toBe(1);
    expect(stats.started).toBe(due.length);
    expect(stats.peakInFlight).toBeLessThanOrEqual(6 + 1);
  }, 120_000);
});
