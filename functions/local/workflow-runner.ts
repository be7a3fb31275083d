/**
 * Runs the case-lifecycle definition on aws-local-stepfunctions, in process: the Task states call the
 * workflow task handlers directly.
 *
 * Sleeping cases live in the store, not the heap. An execution runs until it enters the Wait state,
 * then ends there ("sleeping"): the case item already carries its wake time in the sparse wake index
 * (written by the same conditional update that changed the case, see `wakeAt`). One scheduler, on the
 * runtime's clock, sweeps that index and starts fresh executions for due cases — the definition is
 * re-entrant, so a fresh execution resumes the case where it stands. A scheduling pass keeps at most
 * `batchSize` wakes in flight, refills as each ends and goes on until nothing is due; wakes go ahead of
 * new complaints in the slot queue, and a pass never waits for executions it did not start. Memory
 * follows the executions running now; a restart resumes nothing eagerly. On AWS the Wait stays in Step
 * Functions and none of this runs.
 *
 * Executions, not tasks, wait for a slot: an execution enters its first state only once it holds one,
 * so time in the queue never counts against a Task's TimeoutSeconds.
 */
import './polyfills.js';
import { StateMachine } from 'aws-local-stepfunctions';
import { loadCaseLifecycleDefinition, taskStates, waitState } from '../../workflows/definition.js';
import type { WakeSweep } from '../adapters/dynamo/wake-index.js';
import type { CaseRecord } from '../domain/case.js';
import { executionName, type Logger, type WorkflowStart, type WorkflowStarter } from '../services/ports.js';
import { runTask, type TaskInput, type TaskOutput, type WorkflowDeps } from '../workflow/tasks.js';

const LOCAL_FUNCTION_ARN = 'arn:aws:lambda:cn-north-1:000000000000:function:duban-workflow-local';

/**
 * How the scheduler sleeps between sweeps. `wait-state`: real time on the runtime's clock (the running
 * system). A function: the test drives time — it resolves once the test's clock reaches `until`.
 */
export type WaitStrategy = 'wait-state' | ((until: Date, signal: AbortSignal) => Promise<void>);

export interface ExecutionRecord {
  name: string;
  caseId: string;
  /** States entered so far, over every run of this execution name (Step Functions bills transitions). */
  transitions: number;
  /** Times an execution of this name was started (intake, then each wake). */
  runs: number;
  /** `sleeping`: ended at the Wait; the case waits in the wake index. */
  status: 'queued' | 'running' | 'sleeping' | 'succeeded' | 'failed' | 'aborted';
}

export interface RunnerStats {
  /** Executions started (each run counts). */
  started: number;
  /** Starts refused because the backlog was full (the wake index still holds those cases). */
  dropped: number;
  /** Sweeps of the wake index (queries of every bucket). */
  sweeps: number;
  /** Scheduling passes: the scheduler woke up and started what was due, as many batches as needed. */
  passes: number;
  /** Most executions queued or running at once since the last resetStats(). */
  peakInFlight: number;
}

export interface LocalWorkflowRunner extends WorkflowStarter {
  executions(): ExecutionRecord[];
  /** Executions queued for a slot plus those running. */
  backlog(): number;
  stats(): RunnerStats;
  resetStats(): void;
  /** Resolves once nothing runs, nothing is queued and the scheduler is asleep: for tests. */
  settle(): Promise<void>;
  /** Stops at once: running executions are aborted, the queue is dropped (the wake index keeps it). */
  stop(): Promise<void>;
}

export interface RunnerOptions {
  deps: WorkflowDeps;
  logger: Logger;
  wait?: WaitStrategy | undefined;
  /** Reads the wake index: due cases (at most `limit`) and the next wake. Omit for no scheduler. */
  sweep?: ((now: Date, limit: number) => Promise<WakeSweep>) | undefined;
  /**
   * Executions running at once. The embedded runtime shares its CPU between requests and workflow
   * tasks; a small number keeps a burst of intakes responsive while the workflows catch up behind it.
   * Default 8: at 4, with store calls cheap, due escalations waited on executions' store latency, not
   * on the CPU (see the README's on-time figures).
   */
  maxConcurrentExecutions?: number | undefined;
  /** Wake executions the scheduler keeps in flight at most; it refills as they end, until nothing is due. */
  batchSize?: number | undefined;
  /** Queued starts kept in memory; beyond it a start is dropped (its case is due in the wake index). */
  maxBacklog?: number | undefined;
  /**
   * Longest real sleep of the scheduler between passes, in real seconds whatever the clock speed (a
   * fallback for wakes moved earlier by people: the runner's own tasks nudge it, and it otherwise
   * sleeps until the index's next wake).
   */
  pollSeconds?: number | undefined;
  /** Execution records kept for executions() (oldest forgotten first). */
  historySize?: number | undefined;
}

export function createLocalWorkflowRunner(opts: RunnerOptions): LocalWorkflowRunner {
  const { deps, logger } = opts;
  const strategy = opts.wait ?? 'wait-state';
  const slots = opts.maxConcurrentExecutions ?? 8;
  const batchSize = opts.batchSize ?? 64;
  const maxBacklog = opts.maxBacklog ?? 5_000;
  const historySize = opts.historySize ?? 10_000;
  const pollMs = (opts.pollSeconds ?? 1) * 1000;
  const machine = new StateMachine(
    loadCaseLifecycleDefinition({
      WorkflowFunctionArn: LOCAL_FUNCTION_ARN,
    }) as unknown as ConstructorParameters<typeof StateMachine>[0],
    // The definition is a checked-in file that test/unit/state-machine-definition.test.ts validates
    // with asl-validator (the library's own validator); compiling those schemas again here cost
    // ~0.5 s of every start.
    { validationOptions: { noValidate: true } },
  );

  const records = new Map<string, ExecutionRecord>();
  /** When each recent execution ended (monotonic ms), so a sweep that began earlier can skip it. */
  const ended = new Map<string, number>();
  type Queued = { name: string; caseId: string; start?: WorkflowStart | undefined };
  const queue: Queued[] = [];
  const wakeQueue: Queued[] = [];
  const queued = new Set<string>();
  const active = new Map<string, { abort: () => void; done: Promise<void> }>();
  let tasksInFlight = 0;
  let stopping = false;
  let sweeping = false;
  const stats: RunnerStats = { started: 0, dropped: 0, sweeps: 0, passes: 0, peakInFlight: 0 };
  let idleWaiters: (() => void)[] = [];

  // The case as the previous task of its execution read it, for the next task's first read: a wake
  // reads the case once instead of three times (Route's no-op, Check, Escalate's first attempt). Safe
  // because every change is a conditional update on `version` (a stale first attempt conflicts and
  // applyToFreshCase re-reads) and a change made meanwhile writes its own wake entry. Dropped on every
  // write and when the execution ends.
  const reads = new Map<string, CaseRecord>();
  const taskDeps: WorkflowDeps = {
    ...deps,
    store: {
      ...deps.store,
      async getCase(id) {
        const seen = reads.get(id);
        if (seen) return seen;
        const record = await deps.store.getCase(id);
        if (record) reads.set(id, record);
        return record;
      },
      async updateCase(current, next, pending) {
        reads.delete(current.id);
        await deps.store.updateCase(current, next, pending);
      },
    },
  };

  const handler = async (raw: unknown): Promise<TaskOutput> => {
    const input = raw as TaskInput;
    // Shutting down: touch nothing (the store is about to close); the wake index still has the case.
    if (stopping) return { caseId: input.caseId, decision: 'done' };
    tasksInFlight++;
    try {
      const out = await runTask(taskDeps, input);
      // Nudge with the case's entry in the wake index, not the Check's capped wait: a nudge for a time
      // the index does not hold cost a sweep per new complaint.
      if (out.decision === 'wait' && out.wakeAt) scheduler.nudge(out.wakeAt);
      return out;
    } finally {
      tasksInFlight--;
    }
  };
  // biome-ignore lint/suspicious/noExplicitAny: the library types task I/O as JSONValue
  const taskResourceLocalHandlers = Object.fromEntries(taskStates.map((s) => [s, handler as any]));

  function record(name: string, caseId: string): ExecutionRecord {
    let r = records.get(name);
    if (!r) {
      r = { name, caseId, transitions: 0, runs: 0, status: 'queued' };
      records.set(name, r);
      if (records.size > historySize) records.delete(records.keys().next().value as string);
    }
    return r;
  }

  /** Queues an execution; false when it was not queued (already queued or running, stopping, or full). */
  function start(caseId: string, cycle = 1, input?: WorkflowStart, wake = false): boolean {
    const name = executionName(caseId, cycle);
    if (stopping || active.has(name) || queued.has(name)) return false;
    if (queue.length + wakeQueue.length >= maxBacklog) {
      stats.dropped++;
      return false;
    }
    record(name, caseId).status = 'queued';
    // A due case goes ahead of new complaints: its deadline has passed, a new complaint's route has not.
    (wake ? wakeQueue : queue).push({ name, caseId, start: input });
    queued.add(name);
    stats.peakInFlight = Math.max(stats.peakInFlight, queue.length + wakeQueue.length + active.size);
    pump();
    return true;
  }

  function pump() {
    while (!stopping && active.size < slots && (wakeQueue.length > 0 || queue.length > 0)) {
      const next = (wakeQueue.shift() ?? queue.shift()) as Queued;
      queued.delete(next.name);
      run(next.name, next.caseId, next.start);
    }
    if (queue.length === 0 && wakeQueue.length === 0 && active.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  function run(name: string, caseId: string, input?: WorkflowStart) {
    const rec = record(name, caseId);
    rec.status = 'running';
    rec.runs++;
    stats.started++;
    const execution = machine.run(
      // biome-ignore lint/suspicious/noExplicitAny: the library types execution input as JSONValue
      { ...input, caseId } as any,
      { overrides: { taskResourceLocalHandlers }, noThrowOnAbort: true },
    );
    let asleep = false;
    void (async () => {
      for await (const e of execution.eventLogs as AsyncGenerator<{
        type: string;
        state?: { name: string };
      }>) {
        if (e.type !== 'StateEntered') continue;
        rec.transitions++;
        // The case's wake time is already in the store: end here instead of sleeping in the heap.
        if (e.state?.name === waitState) {
          asleep = true;
          execution.abort();
        }
      }
    })().catch(() => {});
    const done = execution.result.then(
      (r) => {
        ended.set(name, performance.now());
        if (ended.size > historySize) ended.delete(ended.keys().next().value as string);
        rec.status = r === null ? (asleep ? 'sleeping' : 'aborted') : 'succeeded';
      },
      (e: Error) => {
        rec.status = 'failed';
        logger.error('workflow execution failed', { execution: name, error: e.name });
      },
    );
    active.set(name, {
      abort: execution.abort,
      done: done.then(() => {
        active.delete(name);
        reads.delete(caseId);
        scheduler.finished(name);
        pump();
      }),
    });
  }

  const scheduler = createScheduler();

  function createScheduler() {
    let sleep: { until: number; controller: AbortController } | undefined;
    const stopSignal = new AbortController();
    /** Wake executions this scheduler started that have not ended yet. */
    const wakes = new Set<string>();
    let onFinish: (() => void) | undefined;
    const finishedOne = () =>
      new Promise<void>((resolve) => {
        onFinish = resolve;
      });

    async function sleepUntil(next: string | undefined) {
      const now = deps.clock.now().getTime();
      const controller = new AbortController();
      const onStop = () => controller.abort();
      stopSignal.signal.addEventListener('abort', onStop, { once: true });
      try {
        if (typeof strategy === 'function') {
          // Tests drive time: any move of the clock is a reason to look again.
          sleep = { until: now + 1, controller };
          await strategy(new Date(now + 1), controller.signal);
          return;
        }
        const target = next ? Date.parse(next) : Number.POSITIVE_INFINITY;
        sleep = { until: target, controller };
        const ms = Math.min(pollMs, Math.max(0, deps.clock.realSecondsFor(target - now) * 1000));
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, ms);
          controller.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(t);
              resolve();
            },
            { once: true },
          );
        });
      } finally {
        sleep = undefined;
        stopSignal.signal.removeEventListener('abort', onStop);
      }
    }

    /**
     * One scheduling pass: keeps up to `batchSize` wake executions in flight and refills from the
     * wake index as they finish, until the index has nothing more due. It never waits for unrelated
     * executions (intake's routes), so a burst of complaints cannot hold due escalations back.
     */
    async function pass(sweep: NonNullable<RunnerOptions['sweep']>): Promise<string | undefined> {
      // Cases started in this pass: one still due after its run did not move its wake (e.g. the store
      // refused the write); it waits for the next pass instead of spinning.
      const tried = new Set<string>();
      let next: string | undefined;
      const limit = batchSize * 2; // room for the in-flight entries, which are due too
      while (!stopping) {
        while (!stopping && wakes.size > batchSize / 2) await finishedOne();
        if (stopping) break;
        stats.sweeps++;
        const sweptAt = performance.now();
        const found = await sweep(deps.clock.now(), limit);
        next = found.next;
        // An entry whose execution ended while the sweep read the index may predate that execution's
        // write (a new case routed just now): skip it here; a later sweep sees the index as written.
        const untried = found.due.filter(
          (d) => !tried.has(d.id) && (ended.get(executionName(d.id, d.cycle)) ?? -1) < sweptAt,
        );
        const fresh = untried.slice(0, batchSize - wakes.size);
        let full = false;
        for (const d of fresh) {
          tried.add(d.id);
          if (start(d.id, d.cycle, undefined, true)) wakes.add(executionName(d.id, d.cycle));
          else if (queue.length + wakeQueue.length >= maxBacklog) full = true;
        }
        // The sweep saw every due entry and all are started (or the backlog is full): the pass is over.
        if (full || (found.due.length < limit && fresh.length === untried.length)) break;
        if (fresh.length === 0) {
          if (wakes.size === 0) break;
          await finishedOne();
        }
      }
      return next;
    }

    async function loop(sweep: NonNullable<RunnerOptions['sweep']>) {
      while (!stopping) {
        sweeping = true;
        let next: string | undefined;
        try {
          stats.passes++;
          next = await pass(sweep);
        } catch (e) {
          logger.error('wake sweep failed', { error: (e as Error).name });
        } finally {
          sweeping = false;
        }
        if (!stopping) await sleepUntil(next);
      }
    }

    return {
      running: opts.sweep ? loop(opts.sweep) : Promise.resolve(),
      /** A case now sleeps until `until`: wake up earlier if the scheduler sleeps past it. */
      nudge(until: string) {
        if (sleep && Date.parse(until) < sleep.until && typeof strategy !== 'function')
          sleep.controller.abort();
      },
      /** An execution ended: frees its place in the scheduler's batch if it was a wake. */
      finished(name: string) {
        if (!wakes.delete(name)) return;
        const f = onFinish;
        onFinish = undefined;
        f?.();
      },
      stop() {
        stopSignal.abort();
        const f = onFinish;
        onFinish = undefined;
        f?.();
      },
    };
  }

  return {
    startCaseWorkflow: async (caseId, cycle, input) => void start(caseId, cycle, input),
    executions: () => [...records.values()],
    backlog: () => queue.length + wakeQueue.length + active.size,
    stats: () => ({ ...stats }),
    resetStats() {
      Object.assign(stats, {
        started: 0,
        dropped: 0,
        sweeps: 0,
        passes: 0,
        peakInFlight: queue.length + wakeQueue.length + active.size,
      });
    },
    async settle() {
      let quiet = 0;
      while (quiet < 3) {
        await new Promise((r) => setTimeout(r, 2));
        const busy = sweeping || queue.length + wakeQueue.length > 0 || active.size > 0 || tasksInFlight > 0;
        quiet = busy ? 0 : quiet + 1;
      }
    },
    async stop() {
      stopping = true;
      scheduler.stop();
      for (const q of [...queue, ...wakeQueue]) {
        const rec = records.get(q.name);
        if (rec) rec.status = 'aborted';
      }
      queue.length = 0;
      wakeQueue.length = 0;
      queued.clear();
      const all = [...active.values()];
      for (const a of all) a.abort();
      await Promise.all(all.map((a) => a.done));
      await scheduler.running;
      // An aborted execution may still have a task handler mid-write: let it finish before the store closes.
      while (tasksInFlight > 0) await new Promise((r) => setTimeout(r, 5));
    },
  };
}
