// Helpers both services' authorize() use to describe a call (docs/access-control.md): condition
// keys as the evaluator takes them.
import type { ConditionValues } from '../../auth/types';

/** Adds `value` under `key`, lower-cased (IAM compares condition keys case-insensitively); undefined adds nothing. */
export function addCondition(conditions: ConditionValues, key: string, value: string | undefined): void {
  if (value !== undefined) (conditions[key.toLowerCase()] ??= []).push(value);
}

/** Single-valued condition keys (absent values left out). */
export function conditionValues(pairs: Record<string, string | undefined>): ConditionValues {
  const c: ConditionValues = {};
  for (const [key, value] of Object.entries(pairs)) addCondition(c, key, value);
  return c;
}
