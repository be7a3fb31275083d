/**
 * Lambda entry for the case state machine's tasks: a thin shell over runTask. Step Functions passes
 * `{ task, caseId }` (see workflows/case-lifecycle.asl.json).
 */
import { awsCoreDeps } from '../adapters/aws-core.js';
import { StoreUnavailableError } from '../services/errors.js';
import { runTask, type TaskInput } from './tasks.js';

const core = awsCoreDeps();
const deps = {
  ...core,
  // Workflow tasks never start executions (reopening is a citizen action through the HTTP function).
  workflow: {
    startCaseWorkflow: async () => {
      throw new Error('the workflow function does not start executions');
    },
  },
};

export async function handler(input: TaskInput) {
  try {
    return await runTask(deps, input);
  } catch (e) {
    // Named so the state machine's Retry matches it ("StoreUnavailable") and backs off.
    if (e instanceof StoreUnavailableError) {
      const err = new Error(e.message);
      err.name = 'StoreUnavailable';
      throw err;
    }
    throw e;
  }
}
