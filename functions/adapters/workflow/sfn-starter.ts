import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionName, type WorkflowStarter } from '../../services/ports.js';

/** Starts the case workflow on AWS Step Functions; a second start with the same name is a no-op. */
export function createSfnStarter(client: SFNClient, stateMachineArn: string): WorkflowStarter {
  return {
    async startCaseWorkflow(caseId, cycle = 1, start) {
      try {
        await client.send(
          new StartExecutionCommand({
            stateMachineArn,
            name: executionName(caseId, cycle),
            input: JSON.stringify({ ...start, caseId }),
          }),
        );
      } catch (e) {
        if (e instanceof ExecutionAlreadyExists || (e as Error).name === 'ExecutionAlreadyExists') return;
        throw e;
      }
    },
  };
}
