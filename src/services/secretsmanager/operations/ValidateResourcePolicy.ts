import type { ValidateResourcePolicyRequest, ValidateResourcePolicyResponse } from '../../../protocol/generated/secretsmanager';
import { grantsPublicAccess } from '../../../auth/policy/grammar';
import type { SecretsManagerContext } from '../context';
import { checkSecretId } from '../identifiers';
import { parseResourcePolicy } from '../policy';

/** A syntax error fails the call; broad access is reported as a failed check. */
export function ValidateResourcePolicy(_ctx: SecretsManagerContext, input: ValidateResourcePolicyRequest): ValidateResourcePolicyResponse {
  if (input.SecretId !== undefined) checkSecretId(input.SecretId);
  const doc = parseResourcePolicy(input.ResourcePolicy);
  if (!grantsPublicAccess(doc)) return { PolicyValidationPassed: true, ValidationErrors: [] };
  return {
    PolicyValidationPassed: false,
    ValidationErrors: [{ CheckName: 'BROAD_ACCESS_CHECK', ErrorMessage: 'This resource policy grants broad access to the secret.' }],
  };
}
