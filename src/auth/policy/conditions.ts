// The Condition element (IAM User Guide, "Condition operators" and "Conditions with multiple
// context keys or values"): operator blocks AND, keys within a block AND, a key's policy values
// OR (NOR for negated operators). A key absent from the request makes a positive operator
// false and a negated one true, `…IfExists` makes it true, `ForAllValues:` true and
// `ForAnyValue:` false. Unknown operators and values that do not parse make the condition
// false: evaluation never throws.
import type { ConditionValues } from '../types';
import { inRange } from './addresses';
import type { PolicyDocument } from './grammar';
import { arnMatch, conditionValue, likeMatch, type Pattern, pattern, text } from './patterns';

type Condition = NonNullable<PolicyDocument['Statement'][number]['Condition']>;

/** Whether one request value matches one policy value; undefined when either does not parse. */
type Test = (request: string, policy: Pattern) => boolean | undefined;

interface Operator {
  test: Test;
  /** `…Not…` operators and NotIpAddress: true when no request value matches. */
  negated: boolean;
}

const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;
const EPOCH = /^\s*-?\d+(\.\d+)?\s*$/;
const ISO_DATE = /^\s*\d{4}-\d{2}-\d{2}/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const parseNumber = (s: string): number | undefined => (NUMBER.test(s) ? Number(s) : undefined);
/** Dates are ISO 8601 or epoch seconds, on either side. */
function parseDate(s: string): number | undefined {
  if (EPOCH.test(s)) return Number(s) * 1000;
  const ms = ISO_DATE.test(s) ? Date.parse(s) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

const compared =
  (parse: (s: string) => number | undefined, test: (a: number, b: number) => boolean): Test =>
  (request, policy) => {
    const a = parse(request);
    const b = parse(text(policy));
    return a === undefined || b === undefined ? undefined : test(a, b);
  };

const OPERATORS = new Map<string, Operator>();
const define = (name: string, test: Test, negated = false) => OPERATORS.set(name.toLowerCase(), { test, negated });

const stringEquals: Test = (r, p) => r === text(p);
const stringEqualsIgnoreCase: Test = (r, p) => r.toLowerCase() === text(p).toLowerCase();
const stringLike: Test = (r, p) => likeMatch(p, r);
const arnLike: Test = (r, p) => arnMatch(p, r);
define('StringEquals', stringEquals);
define('StringNotEquals', stringEquals, true);
define('StringEqualsIgnoreCase', stringEqualsIgnoreCase);
define('StringNotEqualsIgnoreCase', stringEqualsIgnoreCase, true);
define('StringLike', stringLike);
define('StringNotLike', stringLike, true);
// ArnEquals takes wildcards per component just as ArnLike does.
define('ArnEquals', arnLike);
define('ArnLike', arnLike);
define('ArnNotEquals', arnLike, true);
define('ArnNotLike', arnLike, true);
for (const [family, parse] of [
  ['Numeric', parseNumber],
  ['Date', parseDate],
] as const) {
  const equals = compared(parse, (a, b) => a === b);
  define(`${family}Equals`, equals);
  define(`${family}NotEquals`, equals, true);
  define(`${family}LessThan`, compared(parse, (a, b) => a < b));
  define(`${family}LessThanEquals`, compared(parse, (a, b) => a <= b));
  define(`${family}GreaterThan`, compared(parse, (a, b) => a > b));
  define(`${family}GreaterThanEquals`, compared(parse, (a, b) => a >= b));
}
define('Bool', (r, p) => r.toLowerCase() === text(p).toLowerCase());
define('BinaryEquals', (r, p) => (BASE64.test(r) && BASE64.test(text(p)) ? Buffer.from(r, 'base64').equals(Buffer.from(text(p), 'base64')) : undefined));
define('IpAddress', (r, p) => inRange(r, text(p)));
define('NotIpAddress', (r, p) => inRange(r, text(p)), true);

const OPERATOR_NAME = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/i;

const policyValues = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(String);

/** Null: `true` when the key must be absent, `false` when it must be present. */
const nullMatches = (values: string[], absent: boolean): boolean => values.some((v) => (v.toLowerCase() === 'true' ? absent : v.toLowerCase() === 'false' && !absent));

function keyMatches(operatorName: string, requestValues: string[] | undefined, values: string[], variables: ConditionValues | undefined): boolean {
  const [, qualifier, base, ifExists] = OPERATOR_NAME.exec(operatorName) ?? [];
  const absent = requestValues === undefined || requestValues.length === 0;
  if (base?.toLowerCase() === 'null') return qualifier === undefined && ifExists === undefined && nullMatches(values, absent);
  const operator = base === undefined ? undefined : OPERATORS.get(base.toLowerCase());
  if (!operator) return false;
  const set = qualifier?.toLowerCase();
  if (absent) return ifExists !== undefined || set === 'forallvalues' || (set === undefined && operator.negated);
  // A policy value whose variable has no value matches nothing.
  const patterns = values.map((v) => pattern(v, variables));
  let unparsable = false;
  const matches = requestValues.map((request) =>
    patterns.some((p) => {
      const result = p === undefined ? false : operator.test(request, p);
      if (result === undefined) unparsable = true;
      return result === true;
    }),
  );
  if (unparsable) return false;
  // A negated operator holds for a request value that matches none of the policy values.
  const holds = matches.map((m) => m !== operator.negated);
  if (set === 'forallvalues') return holds.every(Boolean);
  if (set === 'foranyvalue') return holds.some(Boolean);
  return operator.negated ? holds.every(Boolean) : holds.some(Boolean);
}

/**
 * Whether a statement's Condition holds for the request's condition keys (lower-cased).
 * `variables`: substitute policy variables in the values (2012-10-17 policies).
 */
export function conditionHolds(condition: Condition | undefined, values: ConditionValues, variables: boolean): boolean {
  return Object.entries(condition ?? {}).every(([operator, block]) =>
    Object.entries(block).every(([key, value]) => keyMatches(operator, conditionValue(values, key.toLowerCase()), policyValues(value), variables ? values : undefined)),
  );
}
