// Matching policy strings against request strings as IAM does: `*` and `?` wildcards, ARNs
// compared component by component (a wildcard never spans a `:` before the resource part),
// and policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`) taken
// from the request's condition keys. IAM substitutes variables only in policies of
// Version 2012-10-17; in older policies `${…}` is literal text.
import { perObject } from '../../memo';
import type { ConditionValues } from '../types';

/** A policy string ready to match: each character, and whether it may act as a wildcard (a substituted value and `${*}` are literal). */
export type Pattern = { ch: string; wild: boolean }[];

const VARIABLE = /\$\{([^}]*)\}/g;
/** `${*}`, `${?}` and `${$}` stand for the literal characters. */
const ESCAPES = new Set(['*', '?', '$']);
const WITH_DEFAULT = /^\s*([^,]*?)\s*(?:,\s*'([^']*)'\s*)?$/;

const chars = (text: string, wild: boolean): Pattern => Array.from(text, (ch) => ({ ch, wild }));

/**
 * The request's values of a condition key (lower-cased), or undefined. Only arrays count: a key a
 * policy names may be `constructor` or `__proto__`, which an object has without holding them.
 */
export function conditionValue(values: ConditionValues, key: string): string[] | undefined {
  const found = values[key];
  return Array.isArray(found) ? found : undefined;
}

function variableValue(body: string, values: ConditionValues): string | undefined {
  if (ESCAPES.has(body)) return body;
  const match = WITH_DEFAULT.exec(body);
  if (!match) return undefined;
  const found = conditionValue(values, match[1].toLowerCase());
  // A multi-valued key does not stand for one string.
  return found?.length === 1 ? found[0] : match[2];
}

/** Patterns of policy strings without variables, by text: the same few policies are evaluated on every call. Emptied when it passes PATTERNS. */
const literal = new Map<string, Pattern>();
const PATTERNS = 10_000;

/**
 * A policy string as a pattern; with `variables` (a 2012-10-17 policy), its `${…}` replaced
 * by the request's values. Undefined when a variable's key is absent and has no default: the
 * string then matches nothing. A pattern is shared: never change one.
 */
export function pattern(text: string, variables?: ConditionValues): Pattern | undefined {
  if (!variables || !text.includes('${')) {
    let p = literal.get(text);
    if (p === undefined) {
      if (literal.size >= PATTERNS) literal.clear();
      literal.set(text, (p = chars(text, true)));
    }
    return p;
  }
  const out: Pattern = [];
  let last = 0;
  for (const match of text.matchAll(VARIABLE)) {
    const value = variableValue(match[1], variables);
    if (value === undefined) return undefined;
    out.push(...chars(text.slice(last, match.index), true), ...chars(value, false));
    last = match.index + match[0].length;
  }
  out.push(...chars(text.slice(last), true));
  return out;
}

// Patterns of literal policy strings live on, so what is derived from one (its text, its matchers) is made once.

/** The pattern as plain text, for operators without wildcards. */
export const text = perObject((p: Pattern): string => p.map((c) => c.ch).join(''));

function regex(p: Pattern, ignoreCase: boolean): RegExp {
  const source = p.map(({ ch, wild }) => (wild && ch === '*' ? '.*' : wild && ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su');
}

const caseSensitive = perObject((p: Pattern) => regex(p, false));
const caseInsensitive = perObject((p: Pattern) => regex(p, true));

/** Whole-string match with `*` (any run) and `?` (one character). */
export const likeMatch = (p: Pattern, value: string, ignoreCase = false): boolean => (ignoreCase ? caseInsensitive(p) : caseSensitive(p)).test(value);

/** Splits at the first five colons: an ARN's six components, the last keeping any further colons. */
function components<T>(items: T[], isColon: (item: T) => boolean): T[][] {
  const parts: T[][] = [[]];
  for (const item of items) {
    if (isColon(item) && parts.length < 6) parts.push([]);
    else parts[parts.length - 1].push(item);
  }
  return parts;
}

/** A string's six ARN components (as components() splits), or undefined without five colons. */
function arnComponents(value: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = value.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(value.slice(start, colon));
    start = colon + 1;
  }
  parts.push(value.slice(start));
  return parts;
}

/**
 * ARN matching (Resource, ArnLike, ArnEquals): each of the six components separately, case
 * sensitive except the service, so `arn:aws:kms:*:key/k` (five parts) matches no key. A
 * pattern that is not an ARN (`*`) compares as a whole string.
 */
const arnMatcher = perObject((p: Pattern): ((value: string) => boolean) => {
  if (text(p.slice(0, 4)) !== 'arn:') return (value) => likeMatch(p, value);
  const parts = components(p, (c) => c.ch === ':');
  if (parts.length !== 6) return () => false;
  const tests = parts.map((part, i) => regex(part, i === 2));
  return (value) => {
    const values = arnComponents(value);
    return values !== undefined && tests.every((test, i) => test.test(values[i]));
  };
});

export const arnMatch = (p: Pattern, value: string): boolean => arnMatcher(p)(value);

/** Action matching: `kms:Decrypt`, `kms:*`, `kms:Re*`, `*`; case-insensitive. */
export const actionMatch = (policyAction: string, action: string): boolean => likeMatch(pattern(policyAction)!, action, true);
