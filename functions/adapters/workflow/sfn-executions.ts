import { ListExecutionsCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

/** Case ids with a RUNNING execution (execution names start with the case id: `<caseId>-…`). */
export async function runningCaseIds(client: SFNClient, stateMachineArn: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 1000, nextToken }),
    );
    for (const e of page.executions ?? []) if (e.name) ids.add(e.name.split('-')[0] as string);
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

/** Starts a resuming execution; its name adds a suffix because Step Functions never reuses a name. */
export async function startResumeExecution(
  client: SFNClient,
  stateMachineArn: string,
  caseId: string,
  suffix: string,
) {
  await client.send(
    new StartExecutionCommand({
      stateMachineArn,
      name: `${caseId}-resume-${suffix}`,
      input: JSON.stringify({ caseId }),
    }),
  );
}
