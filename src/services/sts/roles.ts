// The role an AssumeRole names, and the session policy it may pass. A role the IAM directory does
// not know (open and verify modes let any be assumed) is described by its ARN alone, with AWS's
// default maximum session of one hour and a stable role id made from the ARN.
import { parsePolicy, PolicySyntaxError } from '../../auth/policy/grammar';
import { roleFromArn } from '../../auth/principals';
import type { RoleRecord } from '../../auth/types';
import { MalformedPolicyDocumentException, ValidationException } from '../../protocol/errors';
import type { StsContext } from './context';

/** The role of a RoleArn, and whether the directory knows it; an ARN that is not a role's is AWS's `Request ARN is invalid`. */
export function roleOf(ctx: StsContext, roleArn: string): { role: RoleRecord; known: boolean } {
  const known = ctx.sts.directory.role(roleArn);
  if (known) return { role: known, known: true };
  const role = roleFromArn(roleArn);
  if (!role) throw new ValidationException('Request ARN is invalid');
  return { role, known: false };
}

/** A session policy is an identity-side policy: it names no Principal. */
export function checkSessionPolicy(text: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw new MalformedPolicyDocumentException('The policy is not in the valid JSON format.');
  }
  try {
    parsePolicy(text, { requirePrincipal: false });
  } catch (err) {
    if (!(err instanceof PolicySyntaxError)) throw err;
    throw new MalformedPolicyDocumentException(err.message);
  }
}
