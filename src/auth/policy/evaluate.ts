// AWS's policy evaluation logic for one action on one resource (IAM User Guide, "Policy
// evaluation logic" and "Cross-account policy evaluation logic"; KMS Developer Guide, "Key
// policies" and "Grants"). An explicit deny anywhere wins (checked in identity policies, then
// the resource policy, then session policies: the first found names the message). Then:
// - same account, resource policies of secrets: an identity-policy allow or a resource-policy
//   allow that names the caller;
// - KMS key policies and role trust policies are authoritative: they must name the caller, or
//   its account (delegation, after which identity policies decide); KMS grants allow too;
// - another account's resource: both the resource policy and the caller's identity policies.
// Session policies bound identity-side allows, and resource-policy allows that name the role
// rather than the session itself. Root's identity side allows everything.
import { perObject } from '../../memo';
import type { AuthorizationTarget, Decision, DenyReason, EvaluatedPrincipal } from '../types';
import { conditionHolds } from './conditions';
import { list, type PolicyDocument } from './grammar';
import { actionMatch, arnMatch, pattern } from './patterns';
import { type Naming, principalNaming, strongest } from './principals';

type Statement = PolicyDocument['Statement'][number];

/** Policy variables are substituted only in policies of this version. */
const VARIABLES_VERSION = '2012-10-17';

function resourceMatches(patterns: string[], target: AuthorizationTarget, variables: boolean): boolean {
  return patterns.some((p) => {
    const resolved = pattern(p, variables ? target.conditions : undefined);
    return resolved !== undefined && arnMatch(resolved, target.resource);
  });
}

/** Whether the statement covers the target's action and resource and its condition holds (its Principal aside). */
function covers(statement: Statement, doc: PolicyDocument, target: AuthorizationTarget, resourcePolicy: boolean): boolean {
  const variables = doc.Version === VARIABLES_VERSION;
  const action = statement.Action !== undefined ? list(statement.Action).some((a) => actionMatch(a, target.action)) : !list(statement.NotAction).some((a) => actionMatch(a, target.action));
  if (!action) return false;
  // Resource policies may leave Resource out (trust policies do): the statement is about the resource it is attached to.
  const resource =
    statement.Resource !== undefined
      ? resourceMatches(list(statement.Resource), target, variables)
      : statement.NotResource !== undefined
        ? !resourceMatches(list(statement.NotResource), target, variables)
        : resourcePolicy;
  return resource && conditionHolds(statement.Condition, target.conditions, variables);
}

/** The statements of `docs` that cover the target, by effect. */
function covering(docs: PolicyDocument[], target: AuthorizationTarget, resourcePolicy: boolean): { allow: Statement[]; deny: Statement[] } {
  const found = docs.flatMap((doc) => doc.Statement.filter((s) => covers(s, doc, target, resourcePolicy)));
  return { allow: found.filter((s) => s.Effect === 'Allow'), deny: found.filter((s) => s.Effect === 'Deny') };
}

const denied = (reason: DenyReason): Decision => ({ allowed: false, reason });

/** What evaluating a policy reads of the request's condition keys. */
interface ConditionReads {
  /** The keys its Condition blocks name, lower-cased. */
  keys: Set<string>;
  /** Whether it reads any: a Condition, or a policy variable in a Resource. */
  any: boolean;
}

/** What `doc` reads of the request's condition keys, found once per parsed policy. */
export const conditionReads = perObject((doc: PolicyDocument): ConditionReads => {
  const variables = doc.Version === VARIABLES_VERSION;
  const keys = new Set<string>();
  for (const statement of doc.Statement) for (const block of Object.values(statement.Condition ?? {})) for (const key of Object.keys(block)) keys.add(key.toLowerCase());
  const any = doc.Statement.some((s) => s.Condition !== undefined || (variables && [...list(s.Resource), ...list(s.NotResource)].some((r) => r.includes('${'))));
  return { keys, any };
});

export function evaluate(principal: EvaluatedPrincipal, target: AuthorizationTarget): Decision {
  // Actions without a resource (`*`) are decided by identity-side policies alone.
  const scoped = target.resource !== '*';
  const resourcePolicy = scoped && target.resourcePolicy ? [target.resourcePolicy] : [];
  const identity = covering(principal.identityPolicies, target, false);
  const session = covering(principal.sessionPolicies, target, false);
  const resource = covering(resourcePolicy, target, true);

  if (identity.deny.length > 0) return denied('explicit-deny-identity');
  // A deny naming the caller's account applies to all of the account's principals.
  if (resource.deny.some((s) => principalNaming(s, principal) !== undefined)) return denied('explicit-deny-resource');
  if (session.deny.length > 0) return denied('explicit-deny-session');

  const identityAllows = principal.type === 'Root' || identity.allow.length > 0;
  const sessionAllows = principal.sessionPolicies.length === 0 || session.allow.length > 0;
  const identitySide = identityAllows && sessionAllows;
  const named: Naming | undefined = strongest(resource.allow.map((s) => principalNaming(s, principal)));
  // A resource policy that names the caller allows on its own (within its account).
  const resourceAllows = named === 'session' || (named === 'caller' && sessionAllows);
  const sameAccount = !scoped || target.resourceAccount === principal.accountId;
  const authoritative = scoped && (target.resourcePolicyKind === 'key' || target.resourcePolicyKind === 'trust');

  if (sameAccount) {
    if (identitySide && !authoritative) return { allowed: true, by: 'identity' };
    if (resourceAllows) return { allowed: true, by: 'resource' };
    if (identitySide && named !== undefined) return { allowed: true, by: 'identity' };
  } else if (named !== undefined && identitySide) {
    return { allowed: true, by: named === 'account' ? 'identity' : 'resource' };
  }
  if (scoped && target.grantAllows) return { allowed: true, by: 'grant' };

  if (named === undefined && (authoritative || !sameAccount)) return denied('no-resource-allow');
  const onlySessionMissing = !sessionAllows && (identityAllows || (sameAccount && named === 'caller'));
  return denied(onlySessionMissing ? 'no-session-allow' : 'no-identity-allow');
}
