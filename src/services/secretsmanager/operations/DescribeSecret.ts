import type { DescribeSecretRequest, DescribeSecretResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { findSecret } from '../secrets';
import { describeSecret } from '../views';

export async function DescribeSecret(ctx: SecretsManagerContext, input: DescribeSecretRequest): Promise<DescribeSecretResponse> {
  return describeSecret(await findSecret(ctx, input.SecretId));
}
