import { fileURLToPath } from 'node:url';
import definition from './case-lifecycle.asl.json' with { type: 'json' };

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
  // Imported (not read from disk) so bundles carry the definition with them.
  const text = JSON.stringify(definition).replace(/\$\{(\w+)\}/g, (m, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`no substitution for ${m}`);
    return value;
  });
  return JSON.parse(text);
}
