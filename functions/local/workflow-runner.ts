/**
 * Runs the case-lifecycle definition on aws-local-stepfunctions, in process: the Task states call the
 * workflow task handlers directly, the Wait state sleeps for the seconds the Check computed from the
 * runtime's clock. Executions live in memory; on start the runtime resumes one for every open case
 * (the definition is re-entrant: Route is a no-op for a routed case).
 */
import './polyfills.js';
import { StateMachine } from 'aws-local-stepfunctions';
import { loadCaseLifecycleDefinition, taskStates, waitState } from '../../workflows/definition.js';
import { executionName, type Logger, type WorkflowStarter } from '../services/ports.js';
import { runTask, type TaskInput, type TaskOutput, type WorkflowDeps } from '../workflow/tasks.js';

const LOCAL_FUNCTION_ARN = 'arn:aws:lambda:cn-north-1:000000000000:function:duban-workflow-local';

/**
 * How waits happen. `wait-state`: the Wait state sleeps real seconds (the running system). A function:
 * the test drives time — the Check blocks until the test's clock reaches the due time, and the Wait
 * state is overridden to 0 ms, so the same definition runs with the test in control.
 */
export type WaitStrategy = 'wait-state' | ((until: Date, signal: AbortSignal) => Promise<void>);

export interface ExecutionRecord {
  name: string;
  caseId: string;
  /** States entered so far (Step Functions bills and limits state transitions). */
  transitions: number;
  status: 'running' | 'succeeded' | 'failed' | 'aborted';
}

export interface LocalWorkflowRunner extends WorkflowStarter {
  /** Starts an execution for each case id not already running (recovery after a restart). */
  resume(cases: readonly { id: string; cycle?: number | undefined }[]): Promise<number>;
  executions(): ExecutionRecord[];
  /** Resolves once every running execution is waiting (or finished): for tests. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export function createLocalWorkflowRunner(opts: {
  deps: WorkflowDeps;
  logger: Logger;
  wait?: WaitStrategy;
  /**
   * Task handlers running at once. The embedded runtime shares its CPU between requests and workflow
   * tasks; a small gate keeps a burst of intakes responsive while the workflows catch up behind it,
   * as they would on Step Functions, which runs them elsewhere.
   */
  maxConcurrentTasks?: number;
}): LocalWorkflowRunner {
  const { deps, logger } = opts;
  const strategy = opts.wait ?? 'wait-state';
  const machine = new StateMachine(
    loadCaseLifecycleDefinition({
      WorkflowFunctionArn: LOCAL_FUNCTION_ARN,
    }) as unknown as ConstructorParameters<typeof StateMachine>[0],
  );
  const records = new Map<string, ExecutionRecord>();
  const running = new Map<string, { abort: () => void; done: Promise<void> }>();
  const controller = new AbortController();
  /** Executions currently inside a task handler (not waiting): settle() waits for this to reach 0. */
  let busy = 0;

  const gate = createGate(opts.maxConcurrentTasks ?? 4);

  const handler = async (raw: unknown): Promise<TaskOutput> => {
    const input = raw as TaskInput;
    // Shutting down: touch nothing (the store is about to close); the execution resumes after restart.
    if (controller.signal.aborted) return { caseId: input.caseId, decision: 'done' };
    busy++;
    try {
      const out = await gate(() => runTask(deps, input));
      if (typeof strategy === 'function' && out.decision === 'wait' && out.waitUntil) {
        busy--;
        try {
          await strategy(new Date(out.waitUntil), controller.signal);
        } finally {
          busy++;
        }
        return { ...out, waitSeconds: 0 };
      }
      return out;
    } finally {
      busy--;
    }
  };
  // biome-ignore lint/suspicious/noExplicitAny: the library types task I/O as JSONValue
  const taskResourceLocalHandlers = Object.fromEntries(taskStates.map((s) => [s, handler as any]));
  const waitTimeOverrides: Record<string, number> = typeof strategy === 'function' ? { [waitState]: 0 } : {};

  async function track(record: ExecutionRecord, events: AsyncGenerator<{ type: string }>) {
    for await (const e of events) if (e.type === 'StateEntered') record.transitions++;
  }

  async function start(caseId: string, cycle = 1) {
    const name = executionName(caseId, cycle);
    if (running.has(name) || controller.signal.aborted) return;
    const record: ExecutionRecord = { name, caseId, transitions: 0, status: 'running' };
    records.set(name, record);
    const execution = machine.run(
      { caseId },
      { overrides: { taskResourceLocalHandlers, waitTimeOverrides }, noThrowOnAbort: true },
    );
    const done = Promise.all([
      track(record, execution.eventLogs).catch(() => {}),
      execution.result.then(
        (r) => {
          record.status = r === null ? 'aborted' : 'succeeded';
        },
        (e: Error) => {
          record.status = 'failed';
          logger.error('workflow execution failed', { execution: name, error: e.name });
        },
      ),
    ]).then(() => {
      running.delete(name);
    });
    running.set(name, { abort: execution.abort, done });
  }

  return {
    startCaseWorkflow: (caseId, cycle) => start(caseId, cycle),
    async resume(cases) {
      for (const c of cases) await start(c.id, c.cycle ?? 1);
      return cases.length;
    },
    executions: () => [...records.values()],
    async settle() {
      // Let task handlers and state transitions run until every execution sits in a wait.
      let quiet = 0;
      while (quiet < 3) {
        await new Promise((r) => setTimeout(r, 2));
        quiet = busy === 0 ? quiet + 1 : 0;
      }
    },
    async stop() {
      controller.abort();
      const all = [...running.values()];
      for (const r of all) r.abort();
      await Promise.all(all.map((r) => r.done));
      // An aborted execution may still have a task handler mid-write: let it finish before the store closes.
      while (busy > 0) await new Promise((r) => setTimeout(r, 5));
    },
  };
}

/** At most `limit` calls of the wrapped functions run at once; the rest wait in arrival order. */
function createGate(limit: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}
