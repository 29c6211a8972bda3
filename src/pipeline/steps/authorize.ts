// The authorize step: whether the principal may call the operation on the resources it
// resolves (docs/access-control.md). In `audit` and `enforce` modes the service describes the
// call (actions, resources, their policies, grants, condition keys), the global condition keys
// are added here, and the one policy evaluator decides; `audit` logs a denial as "would deny"
// and lets the call run, `enforce` answers AWS's AccessDeniedException. Never in handlers.
import { conditionReads, evaluate } from '../../auth/policy/evaluate';
import { storedPolicy, type PolicyDocument } from '../../auth/policy/grammar';
import type { AuthMode, AuthorizationTarget, ConditionValues, DenyReason, EvaluatedPrincipal, IamDirectory, WouldDeny } from '../../auth/types';
import type { Logger } from '../../log';
import { AccessDeniedException } from '../../protocol/errors';
import type { AwsService } from '../../services/service';
import { mergeConditions } from '../../services/shared/authorization';
import type { Principal, RequestContext } from '../context';

export interface Authorizer {
  mode: AuthMode;
  directory: IamDirectory;
  logger: Logger;
}

/** AWS's AccessDenied message: `User: <arn> is not authorized to perform: <action> on resource: <resource> <ending>`. */
function accessDeniedMessage(principal: Principal, target: Pick<AuthorizationTarget, 'action' | 'resource'>, reason: DenyReason): string {
  const endings: Record<DenyReason, string> = {
    'explicit-deny-identity': 'with an explicit deny in an identity-based policy',
    'explicit-deny-resource': 'with an explicit deny in a resource-based policy',
    'explicit-deny-session': 'with an explicit deny in a session policy',
    'no-identity-allow': `because no identity-based policy allows the ${target.action} action`,
    'no-resource-allow': `because no resource-based policy allows the ${target.action} action`,
    'no-session-allow': `because no session policy allows the ${target.action} action`,
  };
  const on = target.resource === '*' ? '' : ` on resource: ${target.resource}`;
  return `User: ${principal.arn} is not authorized to perform: ${target.action}${on} ${endings[reason]}`;
}

/** The condition keys every call carries, from who calls, from where and when (IAM's global condition keys). */
function globalConditions(ctx: RequestContext): ConditionValues {
  const { principal } = ctx;
  const keys: ConditionValues = {
    'aws:principalarn': [principal.principalArn],
    'aws:principalaccount': [principal.accountId],
    'aws:principaltype': [principal.type === 'Root' ? 'Account' : principal.type === 'IAMUser' ? 'User' : 'AssumedRole'],
    'aws:userid': [principal.principalId],
    // toISOString ends in .sssZ for every valid date: the time to the second.
    'aws:currenttime': [`${ctx.now.toISOString().slice(0, -5)}Z`],
    'aws:epochtime': [String(Math.floor(ctx.now.getTime() / 1000))],
    // Strongroom serves plain HTTP.
    'aws:securetransport': ['false'],
    'aws:requestedregion': [ctx.region],
    'aws:viaawsservice': [String(ctx.invokedBy !== undefined)],
  };
  if (principal.type === 'IAMUser') keys['aws:username'] = [principal.arn.slice(principal.arn.lastIndexOf('/') + 1)];
  if (ctx.sourceIp !== undefined) keys['aws:sourceip'] = [ctx.sourceIp.replace(/^::ffff:/, '')];
  for (const [key, value] of Object.entries(principal.tags ?? {})) keys[`aws:principaltag/${key.toLowerCase()}`] = [value];
  if (ctx.service === 'kms') {
    keys['kms:calleraccount'] = [principal.accountId];
    // kms:ViaService names the calling service in the caller's region: secretsmanager.us-east-1.amazonaws.com.
    if (ctx.invokedBy !== undefined) keys['kms:viaservice'] = [ctx.invokedBy.replace(/\.amazonaws\.com$/, `.${ctx.region}.amazonaws.com`)];
  }
  return keys;
}

function evaluatedPrincipal(principal: Principal, directory: IamDirectory): EvaluatedPrincipal {
  const sessionPolicies: PolicyDocument[] = (principal.sessionPolicies ?? []).map((text) => storedPolicy(text, { requirePrincipal: false }));
  return {
    type: principal.type,
    accountId: principal.accountId,
    arn: principal.arn,
    principalArn: principal.principalArn,
    identityPolicies: directory.identityPolicies(principal),
    sessionPolicies,
  };
}

/**
 * Decides one target. The condition keys are gathered only when a policy in play reads them (the
 * default key policy and root's identity read none), deferred ones only when a policy names them;
 * deferred grants are read when the policies alone do not allow.
 */
async function decide(principal: EvaluatedPrincipal, target: AuthorizationTarget, globals: () => ConditionValues) {
  const policies = [...principal.identityPolicies, ...principal.sessionPolicies, ...(target.resourcePolicy ? [target.resourcePolicy] : [])];
  let conditions: ConditionValues = {};
  if (policies.some((doc) => conditionReads(doc).any)) {
    conditions = mergeConditions(globals(), target.conditions);
    for (const [key, read] of Object.entries(target.deferred?.conditions ?? {})) {
      if (!policies.some((doc) => conditionReads(doc).keys.has(key))) continue;
      const values = await read();
      if (values.length > 0) conditions[key] = values;
    }
  }
  const decided = { ...target, conditions };
  const decision = evaluate(principal, decided);
  if (decision.allowed || !target.deferred?.grantAllows) return decision;
  return evaluate(principal, { ...decided, grantAllows: await target.deferred.grantAllows() });
}

/**
 * Runs the checks `service` describes for the call, in `audit` and `enforce` modes (dispatch
 * skips the step otherwise, and for trusted calls: Strongroom acting as itself, seeds and
 * scheduled work).
 * @returns the denials `audit` mode let through
 */
export async function authorizeStep<C>(auth: Authorizer, service: AwsService<C>, serviceCtx: C, ctx: RequestContext, input: unknown): Promise<WouldDeny[]> {
  if (!service.authorize) return [];
  const targets = await service.authorize(serviceCtx, ctx.operation, input);
  if (targets.length === 0) return [];
  let globals: ConditionValues | undefined;
  const globalsOnce = () => (globals ??= globalConditions(ctx));
  const principal = evaluatedPrincipal(ctx.principal, auth.directory);
  const denied: WouldDeny[] = [];
  for (const target of targets) {
    const decision = await decide(principal, target, globalsOnce);
    if (decision.allowed) continue;
    const message = accessDeniedMessage(ctx.principal, target, decision.reason);
    if (auth.mode === 'enforce') throw new AccessDeniedException(message);
    auth.logger.warn(`strongroom: audit: would deny request ${ctx.requestId}: ${message}`);
    denied.push({ action: target.action, resource: target.resource, message });
  }
  return denied;
}
