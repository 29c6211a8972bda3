import type { RotateSecretRequest, RotateSecretResponse } from '../../../protocol/generated/secretsmanager';
import { AccessDeniedException, InvalidParameterException, InvalidRequestException } from '../../../protocol/errors';
import type { SecretsManagerContext } from '../context';
import { checkSecretId } from '../identifiers';
import { TOKEN_REQUIRED } from '../messages';
import { checkRotationRules } from '../rotation';
import { updateSecret } from '../secrets';

/**
 * Rotation runs a Lambda function, which this emulator cannot invoke yet. AWS answers a
 * function it cannot invoke with AccessDeniedException and stores nothing (recorded), so every
 * rotation ends there, after AWS's checks of the request.
 */
export async function RotateSecret(ctx: SecretsManagerContext, input: RotateSecretRequest): Promise<RotateSecretResponse> {
  checkSecretId(input.SecretId);
  // RotateSecret words the missing token as InvalidParameterException (recorded from AWS).
  if (input.ClientRequestToken === undefined) throw new InvalidParameterException(TOKEN_REQUIRED);
  if (input.RotationRules) checkRotationRules(input.RotationRules);
  return updateSecret(ctx, input.SecretId, {}, (record) => {
    if (!(input.RotationLambdaARN || record.rotation?.lambdaArn)) throw new InvalidRequestException('No Lambda rotation function ARN is associated with this secret.');
    throw new AccessDeniedException(
      'Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.',
    );
  });
}
