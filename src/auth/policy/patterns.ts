// Matching policy strings against request strings as IAM does: `*` and `?` wildcards, ARNs
// compared component by component (a wildcard never spans a `:` before the resource part),
// and policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`) taken
// from the request's condition keys. IAM substitutes variables only in policies of
// Version 2012-10-17; in older policies `${…}` is literal text.
import type { ConditionValues } from '../types';

/** A policy string ready to match: each character, and whether it may act as a wildcard (a substituted value and `${*}` are literal). */
export type Pattern = { ch: string; wild: boolean }[];

const VARIABLE = /\$\{([^}]*)\}/g;
/** `${*}`, `${?}` and `${$}` stand for the literal characters. */
const ESCAPES = new Set(['*', '?', '$']);
const WITH_DEFAULT = /^\s*([^,]*?)\s*(?:,\s*'([^']*)'\s*)?$/;

const chars = (text: string, wild: boolean): Pattern => Array.from(text, (ch) => ({ ch, wild }));

function variableValue(body: string, values: ConditionValues): string | undefined {
  if (ESCAPES.has(body)) return body;
  const match = WITH_DEFAULT.exec(body);
  if (!match) return undefined;
  const found = values[match[1].toLowerCase()];
  // A multi-valued key does not stand for one string.
  return found?.length === 1 ? found[0] : match[2];
}

/**
 * A policy string as a pattern; with `variables` (a 2012-10-17 policy), its `${…}` replaced
 * by the request's values. Undefined when a variable's key is absent and has no default: the
 * string then matches nothing.
 */
export function pattern(text: string, variables?: ConditionValues): Pattern | undefined {
  if (!variables) return chars(text, true);
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

/** The pattern as plain text, for operators without wildcards. */
export const text = (p: Pattern): string => p.map((c) => c.ch).join('');

function regex(p: Pattern, ignoreCase: boolean): RegExp {
  const source = p.map(({ ch, wild }) => (wild && ch === '*' ? '.*' : wild && ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su');
}

/** Whole-string match with `*` (any run) and `?` (one character). */
export const likeMatch = (p: Pattern, value: string, ignoreCase = false): boolean => regex(p, ignoreCase).test(value);

/** Splits at the first five colons: an ARN's six components, the last keeping any further colons. */
function components<T>(items: T[], isColon: (item: T) => boolean): T[][] {
  const parts: T[][] = [[]];
  for (const item of items) {
    if (isColon(item) && parts.length < 6) parts.push([]);
    else parts[parts.length - 1].push(item);
  }
  return parts;
}

type Matcher = (value: string) => boolean;

/**
 * ARN matching (Resource, ArnLike, ArnEquals): each of the six components separately, case
 * sensitive except the service, so `arn:aws:kms:*:key/k` (five parts) matches no key. A
 * pattern that is not an ARN (`*`) compares as a whole string.
 */
function arnMatcher(p: Pattern): Matcher {
  if (text(p.slice(0, 4)) !== 'arn:') {
    const whole = regex(p, false);
    return (value) => whole.test(value);
  }
  const parts = components(p, (c) => c.ch === ':');
  if (parts.length !== 6) return () => false;
  const tests = parts.map((part, i) => regex(part, i === 2));
  return (value) => {
    const values = arnComponents(value);
    return values !== undefined && tests.every((test, i) => test.test(values[i]));
  };
}

/** A string's six ARN components (components() of its characters, joined), or undefined without five colons. */
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

export const arnMatch = (p: Pattern, value: string): boolean => arnMatcher(p)(value);

/**
 * Matchers of policy strings without variables, by kind and text, compiled once: the same few
 * policies are evaluated on every call. Bounded: emptied when it passes MATCHERS.
 */
const matchers = new Map<string, Matcher>();
const MATCHERS = 10_000;
function compiled(key: string, build: () => Matcher): Matcher {
  let matcher = matchers.get(key);
  if (!matcher) {
    if (matchers.size >= MATCHERS) matchers.clear();
    matchers.set(key, (matcher = build()));
  }
  return matcher;
}

/** Action matching: `kms:Decrypt`, `kms:*`, `kms:Re*`, `*`; case-insensitive. */
export const actionMatch = (policyAction: string, action: string): boolean =>
  compiled(`action ${policyAction}`, () => {
    const test = regex(chars(policyAction, true), true);
    return (value) => test.test(value);
  })(action);

/** A policy's Resource (or NotResource) string against a resource's ARN; `variables` as for pattern(). */
export function resourceMatch(policyResource: string, resource: string, variables?: ConditionValues): boolean {
  if (variables && policyResource.includes('${')) {
    const resolved = pattern(policyResource, variables);
    return resolved !== undefined && arnMatch(resolved, resource);
  }
  return compiled(`resource ${policyResource}`, () => arnMatcher(chars(policyResource, true)))(resource);
}
