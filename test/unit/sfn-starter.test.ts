import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createSfnStarter } from '../../functions/adapters/workflow/sfn-starter.js';

const sfn = mockClient(SFNClient);
afterEach(() => sfn.reset());
const ARN = 'arn:aws:states:cn-north-1:123456789012:stateMachine:duban-case-lifecycle';

describe('Step Functions starter', () => {
  it('starts an execution named after the case and cycle, with only the case id as input', async () => {
    // Arrange
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:x`, startDate: new Date() });
    // Act
    await createSfnStarter(new SFNClient({}), ARN).startCaseWorkflow('ABCDE23456', 2);
    // Assert
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: ARN,
      name: 'ABCDE23456-2',
      input: '{"caseId":"ABCDE23456"}',
    });
  });

  it('treats ExecutionAlreadyExists as done, so a retried intake is a no-op', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(
      createSfnStarter(new SFNClient({}), ARN).startCaseWorkflow('ABCDE23456'),
    ).resolves.toBeUndefined();
  });

  it('passes other failures on (the intake answers 5xx and the client retries with its key)', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    sfn.on(StartExecutionCommand).rejects(throttled);
    await expect(createSfnStarter(new SFNClient({}), ARN).startCaseWorkflow('ABCDE23456')).rejects.toThrow(
      'slow down',
    );
  });
});
