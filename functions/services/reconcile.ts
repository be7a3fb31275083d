/**
 * The recovery procedure (ARCHITECTURE §4): every open case must have a running workflow. The
 * definition is re-entrant, so starting a fresh execution for a case that lost its own (a failed
 * start, a task that failed for good) resumes it where the case item says it is.
 */
export interface ReconcileDeps {
  listOpenCases(): Promise<{ id: string }[]>;
  runningCaseIds(): Promise<Set<string>>;
  startResume(caseId: string): Promise<void>;
}

export async function reconcileWorkflows(deps: ReconcileDeps): Promise<{ open: number; resumed: string[] }> {
  const [open, running] = await Promise.all([deps.listOpenCases(), deps.runningCaseIds()]);
  const resumed: string[] = [];
  for (const c of open) {
    if (running.has(c.id)) continue;
    await deps.startResume(c.id);
    resumed.push(c.id);
  }
  return { open: open.length, resumed };
}
