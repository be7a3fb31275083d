/**
 * Scheduled Lambda: resumes the workflow of every open case that has no running execution on AWS
 * (the embedded runtime does the same on start). Logs case ids only.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { awsCoreDeps } from '../adapters/aws-core.js';
import { listOpenCases } from '../adapters/dynamo/open-cases.js';
import { runningCaseIds, startResumeExecution } from '../adapters/workflow/sfn-executions.js';
import { reconcileWorkflows } from '../services/reconcile.js';

const core = awsCoreDeps();
const sfn = new SFNClient({});
const stateMachineArn = process.env.STATE_MACHINE_ARN ?? '';

export async function handler() {
  const suffix = core.clock
    .now()
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14);
  const result = await reconcileWorkflows({
    listOpenCases: () => listOpenCases(core.client, core.tableName),
    runningCaseIds: () => runningCaseIds(sfn, stateMachineArn),
    startResume: (caseId) => startResumeExecution(sfn, stateMachineArn, caseId, suffix),
  });
  core.logger.info('workflows reconciled', { open: result.open, resumed: result.resumed });
  return result;
}
