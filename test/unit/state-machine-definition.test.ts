import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadCaseLifecycleDefinition, taskStates, waitState } from '../../workflows/definition.js';

const validate = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => {
  isValid: boolean;
  errors: unknown[];
};

type State = Record<string, unknown> & { Type: string };
const definition = loadCaseLifecycleDefinition({
  WorkflowFunctionArn: 'arn:aws:lambda:cn-north-1:123456789012:function:duban-workflow',
}) as { States: Record<string, State>; QueryLanguage?: string };

describe('the case-lifecycle state machine definition', () => {
  it('is valid Amazon States Language', () => {
    const result = validate(definition);
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('uses JSONPath only (the local runner does not implement JSONata)', () => {
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    for (const state of Object.values(definition.States))
      expect(state.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
  });

  it.each(taskStates)('task %s retries with backoff and catches every error', (name) => {
    const state = definition.States[name] as unknown as {
      Retry: { BackoffRate: number }[];
      Catch: { ErrorEquals: string[] }[];
    };
    expect(state.Retry.length).toBeGreaterThan(0);
    expect(state.Retry.every((r) => r.BackoffRate >= 2)).toBe(true);
    expect(state.Catch.some((c) => c.ErrorEquals.includes('States.ALL'))).toBe(true);
  });

  it('waits for the seconds the Check computed (bounded to 7 days by the Check)', () => {
    expect(definition.States[waitState]).toEqual(
      expect.objectContaining({ Type: 'Wait', SecondsPath: '$.waitSeconds' }),
    );
  });

  it('refuses to load with a placeholder left unsubstituted', () => {
    expect(() => loadCaseLifecycleDefinition({})).toThrow(/WorkflowFunctionArn/);
  });
});
