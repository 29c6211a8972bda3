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

/**
 * The keys of `layers` in one new object, a later layer's value over an earlier one's (the value
 * arrays are shared: conditions are read, not changed, once described). Copied key
 * by key: V8 (Node.js 20) took microseconds to spread a second object of these `service:name`
 * keys into a copy (`{ ...a, ...b }`), the largest cost of an authorization.
 */
export function mergeConditions(...layers: (ConditionValues | undefined)[]): ConditionValues {
  const merged: ConditionValues = {};
  for (const layer of layers) if (layer) for (const key of Object.keys(layer)) merged[key] = layer[key];
  return merged;
}

/** Condition keys kept and shared (a cached record's): frozen with their value arrays, since a merge shares the arrays. */
export function frozenConditions(conditions: ConditionValues): ConditionValues {
  for (const values of Object.values(conditions)) Object.freeze(values);
  return Object.freeze(conditions);
}
