import type { RotateSecretRequest, RotateSecretResponse } from '../../../protocol/generated/secretsmanager';
import { InvalidParameterException, InvalidRequestException } from '../../../protocol/errors';
import type { SecretsManagerContext } from '../context';
import { checkSecretId } from '../identifiers';
import { TOKEN_REQUIRED } from '../messages';
import { checkRotationRules } from '../rotation';
import { beginRotation, cannotInvoke } from '../rotation-runs';
import { updateSecret } from '../secrets';

/**
 * Stores the rotation configuration and starts a rotation (rotation-runs.ts runs its steps as a
 * job). A function no resolver knows is one AWS cannot invoke: AccessDeniedException, and
 * nothing is stored (recorded).
 */
export async function RotateSecret(ctx: SecretsManagerContext, input: RotateSecretRequest): Promise<RotateSecretResponse> {
  checkSecretId(input.SecretId);
  const token = input.ClientRequestToken;
  // RotateSecret words the missing token as InvalidParameterException (recorded from AWS).
  if (token === undefined) throw new InvalidParameterException(TOKEN_REQUIRED);
  if (input.RotationRules) checkRotationRules(input.RotationRules);
  return updateSecret(ctx, input.SecretId, {}, (record, history) => {
    // A later RotateSecret with no parameters reuses the stored function and rules (recorded).
    const lambdaArn = input.RotationLambdaARN || record.rotation?.lambdaArn;
    if (!lambdaArn) throw new InvalidRequestException('No Lambda rotation function ARN is associated with this secret.');
    if (!ctx.rotation.resolve(lambdaArn)) throw cannotInvoke();
    const rules = input.RotationRules ?? record.rotation?.rules;
    return beginRotation(ctx, record, history, { token, lambdaArn, rules, immediately: input.RotateImmediately ?? true });
  });
}
