// What an STS call needs to be allowed (docs/access-control.md). AssumeRole is sts:AssumeRole on
// the role, decided by its trust policy (authoritative, as a key policy is: identity policies
// count only where it trusts the caller's account); with the request's sts: keys and the tags
// it passes. GetCallerIdentity, GetSessionToken and GetAccessKeyInfo need no permission on AWS.
import type { AuthorizationTarget, ConditionValues } from '../../auth/types';
import type { AssumeRoleRequest } from '../../protocol/generated/sts';
import type { StsContext } from './context';
import { roleOf } from './roles';

function assumeRoleConditions(input: AssumeRoleRequest): ConditionValues {
  const keys: ConditionValues = { 'sts:rolesessionname': [input.RoleSessionName] };
  if (input.ExternalId !== undefined) keys['sts:externalid'] = [input.ExternalId];
  if (input.SourceIdentity !== undefined) keys['sts:sourceidentity'] = [input.SourceIdentity];
  if (input.Tags?.length) {
    for (const tag of input.Tags) keys[`aws:requesttag/${tag.Key.toLowerCase()}`] = [tag.Value];
    keys['aws:tagkeys'] = input.Tags.map((tag) => tag.Key);
  }
  if (input.TransitiveTagKeys?.length) keys['sts:transitivetagkeys'] = input.TransitiveTagKeys;
  return keys;
}

export async function authorizeSts(ctx: StsContext, operation: string, input: unknown): Promise<AuthorizationTarget[]> {
  if (operation !== 'AssumeRole') return [];
  const request = input as AssumeRoleRequest;
  const { role, known } = roleOf(ctx, request.RoleArn);
  return [
    {
      action: 'sts:AssumeRole',
      resource: role.arn,
      resourceAccount: role.accountId,
      // A role the directory does not know trusts no one: nothing allows assuming it.
      resourcePolicy: known ? role.trustPolicy : undefined,
      resourcePolicyKind: 'trust',
      conditions: assumeRoleConditions(request),
    },
  ];
}
