import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The case-lifecycle state machine, the one definition CDK deploys and the local runner runs. */
export const caseLifecycleDefinitionPath = fileURLToPath(
  new URL('./case-lifecycle.asl.json', import.meta.url),
);

/** Names of the Task states; each calls the workflow function with a `task` parameter. */
export const taskStates = ['Route', 'Check', 'Escalate', 'Accountability', 'RecordFailure'] as const;
/** The Wait state whose duration the Check computes. */
export const waitState = 'WaitUntilDue';

/** The definition with `${Name}` placeholders replaced (CDK does the same with definitionSubstitutions). */
export function loadCaseLifecycleDefinition(substitutions: Record<string, string>): Record<string, unknown> {
  const text = readFileSync(caseLifecycleDefinitionPath, 'utf8').replace(
    /\$\{(\w+)\}/g,
    (m, name: string) => {
      const value = substitutions[name];
      if (value === undefined) throw new Error(`no substitution for ${m}`);
      return value;
    },
  );
  return JSON.parse(text);
}
