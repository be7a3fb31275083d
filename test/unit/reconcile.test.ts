import { ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { runningCaseIds, startResumeExecution } from '../../functions/adapters/workflow/sfn-executions.js';
import { reconcileWorkflows } from '../../functions/services/reconcile.js';

const sfn = mockClient(SFNClient);
afterEach(() => sfn.reset());
const ARN = 'arn:aws:states:cn-north-1:123456789012:stateMachine:duban';

describe('workflow reconciler (AWS recovery)', () => {
  it('resumes only the open cases without a running execution, under a fresh name', async () => {
    // Arrange: two pages of running executions; case CCC has none.
    sfn
      .on(ListExecutionsCommand)
      .resolvesOnce({ executions: [{ name: 'AAAAA22222-1' } as never], nextToken: 't' })
      .resolvesOnce({ executions: [{ name: 'BBBBB33333-resume-20260301' } as never] });
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    const client = new SFNClient({});
    // Act
    const result = await reconcileWorkflows({
      listOpenCases: async () => [{ id: 'AAAAA22222' }, { id: 'BBBBB33333' }, { id: 'CCCCC44444' }],
      runningCaseIds: () => runningCaseIds(client, ARN),
      startResume: (id) => startResumeExecution(client, ARN, id, '20260302100000'),
    });
    // Assert
    expect(result).toEqual({ open: 3, resumed: ['CCCCC44444'] });
    expect(sfn.commandCalls(ListExecutionsCommand)[1]?.args[0].input).toEqual(
      expect.objectContaining({ statusFilter: 'RUNNING', nextToken: 't' }),
    );
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: ARN,
      name: 'CCCCC44444-resume-20260302100000',
      input: '{"caseId":"CCCCC44444"}',
    });
  });
});
