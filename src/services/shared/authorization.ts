// Helpers both services' authorize() use to describe a call (docs/access-control.md): condition
// keys as the evaluator takes them, and resource policies parsed once per text.
import { parsePolicy, type PolicyDocument } from '../../auth/policy/grammar';
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

/** Policies parsed once per text: every call on a resource needs its policy, which was checked when stored. */
const parsed = new Map<string, PolicyDocument>();
const PARSED_LIMIT = 1_000;

export function storedPolicy(text: string): PolicyDocument {
  let doc = parsed.get(text);
  if (!doc) {
    doc = parsePolicy(text);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(text, doc);
  }
  return doc;
}
